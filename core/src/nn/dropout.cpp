#include "descent/nn/dropout.hpp"

#include <stdexcept>

#include "descent/math/messages.hpp"

namespace descent::nn {

std::string validate_dropout_rate(double rate) {
  return check_range("dropout", "rate", rate, 0.0, 1.0, true);
}

template <typename Scalar>
Dropout<Scalar>::Dropout(double rate) : rate_(rate) {
  const std::string message = validate_dropout_rate(rate);
  if (!message.empty()) throw std::invalid_argument(message);
}

template <typename Scalar>
Matrix<Scalar> Dropout<Scalar>::forward(const Matrix<Scalar>& input, bool training, Rng& rng) {
  mask_ = Matrix<Scalar>::Ones(input.rows(), input.cols());
  has_forward_ = true;
  if (!training || rate_ == 0.0) return input;
  const double keep_probability = 1.0 - rate_;
  const Scalar scale = static_cast<Scalar>(1.0 / keep_probability);
  // Row by row: the documented draw order, so a mask can be reproduced from the seed.
  for (Eigen::Index row = 0; row < input.rows(); ++row) {
    for (Eigen::Index col = 0; col < input.cols(); ++col) {
      mask_(row, col) = rng.uniform() < keep_probability ? scale : Scalar(0);
    }
  }
  return input.cwiseProduct(mask_);
}

template <typename Scalar>
Matrix<Scalar> Dropout<Scalar>::backward(const Matrix<Scalar>& grad_output) const {
  if (!has_forward_) {
    throw std::logic_error("dropout: backward() before forward()");
  }
  if (grad_output.rows() != mask_.rows() || grad_output.cols() != mask_.cols()) {
    throw std::invalid_argument(
        "dropout: the output gradient is " + std::to_string(grad_output.rows()) + "×" +
        std::to_string(grad_output.cols()) + ", the last forward() produced " +
        std::to_string(mask_.rows()) + "×" + std::to_string(mask_.cols()));
  }
  return grad_output.cwiseProduct(mask_);
}

template class Dropout<float>;
template class Dropout<double>;

}  // namespace descent::nn

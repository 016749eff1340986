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
const Matrix<Scalar>& Dropout<Scalar>::forward(const Matrix<Scalar>& input, Mode mode, Rng& rng) {
  has_forward_ = true;
  if (mode != Mode::kTraining || rate_ == 0.0) {
    mask_.setOnes(input.rows(), input.cols());
    output_ = input;
    return output_;
  }
  const double keep_probability = 1.0 - rate_;
  const Scalar scale = static_cast<Scalar>(1.0 / keep_probability);
  mask_.resize(input.rows(), input.cols());
  // Row by row: the documented draw order, so a mask can be reproduced from the seed.
  for (Eigen::Index row = 0; row < input.rows(); ++row) {
    for (Eigen::Index col = 0; col < input.cols(); ++col) {
      mask_(row, col) = rng.uniform() < keep_probability ? scale : Scalar(0);
    }
  }
  output_ = input.cwiseProduct(mask_);
  return output_;
}

template <typename Scalar>
const Matrix<Scalar>& Dropout<Scalar>::backward(const Matrix<Scalar>& grad_output) {
  if (!has_forward_) throw std::logic_error("dropout: backward() before forward()");
  require_gradient_shape("dropout", mask_, grad_output);
  grad_input_ = grad_output.cwiseProduct(mask_);
  return grad_input_;
}

template <typename Scalar>
std::unique_ptr<Module<Scalar>> Dropout<Scalar>::clone() const {
  return std::make_unique<Dropout>(*this);
}

template <typename Scalar>
std::string Dropout<Scalar>::name() const {
  return "dropout " + format_number(rate_);
}

template class Dropout<float>;
template class Dropout<double>;

}  // namespace descent::nn

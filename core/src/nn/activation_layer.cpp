#include "descent/nn/activation_layer.hpp"

#include <cmath>
#include <stdexcept>

namespace descent::nn {

template <typename Scalar>
ActivationLayer<Scalar>::ActivationLayer(const Activation& activation) : activation_(activation) {
  const std::string message = validate_activation(activation);
  if (!message.empty()) throw std::invalid_argument("activation layer: " + message);
}

template <typename Scalar>
std::unique_ptr<Module<Scalar>> ActivationLayer<Scalar>::clone() const {
  return std::make_unique<ActivationLayer>(*this);
}

template <typename Scalar>
std::string ActivationLayer<Scalar>::name() const {
  return activation_name(activation_.kind);
}

template <typename Scalar>
Matrix<Scalar> ActivationLayer<Scalar>::apply(const Matrix<Scalar>& input) const {
  return activate(activation_, input);
}

template <typename Scalar>
const Matrix<Scalar>& ActivationLayer<Scalar>::forward(const Matrix<Scalar>& input, Mode, Rng&) {
  activate(activation_, input, output_);
  has_forward_ = true;
  return output_;
}

template <typename Scalar>
const Matrix<Scalar>& ActivationLayer<Scalar>::backward(const Matrix<Scalar>& input,
                                                        const Matrix<Scalar>& grad_output) {
  if (!has_forward_) throw std::logic_error(name() + ": backward() before forward()");
  require_gradient_shape("activation layer", output_, grad_output);
  activation_backward(activation_, input, output_, grad_output, grad_input_);
  return grad_input_;
}

// One pass for the mean, one for the spread, zeros and dead units; no temporaries (this runs on
// every training step that records diagnostics).
template <typename Scalar>
std::optional<ActivationStatistics> ActivationLayer<Scalar>::activation_statistics() const {
  if (!has_forward_) return {};
  const Matrix<Scalar>& activated = output_;
  const Eigen::Index rows = activated.rows(), columns = activated.cols();
  const double count = static_cast<double>(activated.size());
  double sum = 0.0;
  for (Eigen::Index j = 0; j < columns; ++j) {
    for (Eigen::Index i = 0; i < rows; ++i) sum += static_cast<double>(activated(i, j));
  }
  const double mean = sum / count;
  double squared_deviations = 0.0;
  Eigen::Index zeros = 0, dead_units = 0;
  for (Eigen::Index j = 0; j < columns; ++j) {
    Eigen::Index column_zeros = 0;
    for (Eigen::Index i = 0; i < rows; ++i) {
      const double value = static_cast<double>(activated(i, j));
      squared_deviations += (value - mean) * (value - mean);
      if (value == 0.0) ++column_zeros;
    }
    zeros += column_zeros;
    if (column_zeros == rows) ++dead_units;
  }
  return ActivationStatistics{mean, std::sqrt(squared_deviations / count),
                              static_cast<double>(zeros) / count,
                              static_cast<double>(dead_units) / static_cast<double>(columns)};
}

template class ActivationLayer<float>;
template class ActivationLayer<double>;

}  // namespace descent::nn

#include "descent/nn/batch_norm.hpp"

#include <cmath>
#include <stdexcept>

#include "descent/math/messages.hpp"

namespace descent::nn {

std::string validate_batch_norm(int features, double eps, double momentum) {
  if (features < 1) {
    return "batch norm: features must be at least 1, got " + std::to_string(features);
  }
  if (!std::isfinite(eps) || eps <= 0.0) {
    return "batch norm: eps must be finite and > 0, got " + format_number(eps);
  }
  return check_range("batch norm", "momentum", momentum, 0.0, 1.0);
}

template <typename Scalar>
BatchNorm<Scalar>::BatchNorm(int features, double eps, double momentum)
    : eps_(eps), momentum_(momentum) {
  const std::string message = validate_batch_norm(features, eps, momentum);
  if (!message.empty()) throw std::invalid_argument(message);
  gamma_ = RowVector<Scalar>::Ones(features);
  beta_ = RowVector<Scalar>::Zero(features);
  running_mean_ = RowVector<Scalar>::Zero(features);
  running_variance_ = RowVector<Scalar>::Ones(features);
  gamma_gradient_ = RowVector<Scalar>::Zero(features);
  beta_gradient_ = RowVector<Scalar>::Zero(features);
}

template <typename Scalar>
Vector<Scalar> BatchNorm<Scalar>::get_parameters() const {
  Vector<Scalar> parameters(parameter_count());
  parameters << gamma_.transpose(), beta_.transpose();
  return parameters;
}

template <typename Scalar>
void BatchNorm<Scalar>::set_parameters(const Vector<Scalar>& parameters) {
  if (parameters.size() != parameter_count()) {
    throw std::invalid_argument("batch norm: expected " + std::to_string(parameter_count()) +
                                " parameters (γ then β), got " + std::to_string(parameters.size()));
  }
  gamma_ = parameters.head(features()).transpose();
  beta_ = parameters.tail(features()).transpose();
}

template <typename Scalar>
void BatchNorm<Scalar>::set_running_statistics(const RunningStatistics<Scalar>& statistics) {
  if (statistics.mean.cols() != features() || statistics.variance.cols() != features()) {
    throw std::invalid_argument("batch norm: running statistics must have " +
                                std::to_string(features()) + " entries");
  }
  running_mean_ = statistics.mean;
  running_variance_ = statistics.variance;
  batches_tracked_ = statistics.batches_tracked;
}

template <typename Scalar>
std::string BatchNorm<Scalar>::check_input(const Matrix<Scalar>& input, bool training) const {
  if (input.cols() != features()) {
    return "batch norm: input has " + std::to_string(input.cols()) +
           " columns, the layer expects " + std::to_string(features()) +
           " (one column per feature, one row per sample)";
  }
  if (input.rows() < 1) return "batch norm: the batch has no samples";
  if (training && input.rows() < 2) {
    return "batch norm: training mode needs more than 1 sample per batch (the variance of one "
           "sample is 0), got 1; use evaluation mode for single samples";
  }
  return "";
}

template <typename Scalar>
Matrix<Scalar> BatchNorm<Scalar>::apply(const Matrix<Scalar>& input) const {
  const std::string message = check_input(input, false);
  if (!message.empty()) throw std::invalid_argument(message);
  const RowVector<Scalar> scale =
      gamma_.cwiseProduct((running_variance_.array() + static_cast<Scalar>(eps_)).rsqrt().matrix());
  const RowVector<Scalar> shift = beta_ - running_mean_.cwiseProduct(scale);
  return ((input.array().rowwise() * scale.array()).rowwise() + shift.array()).matrix();
}

template <typename Scalar>
const Matrix<Scalar>& BatchNorm<Scalar>::forward(const Matrix<Scalar>& input, Mode mode) {
  const bool training = mode == Mode::kTraining;
  const std::string message = check_input(input, training);
  if (!message.empty()) throw std::invalid_argument(message);
  const Scalar eps = static_cast<Scalar>(eps_);
  const RowVector<Scalar>* mean = &running_mean_;
  const RowVector<Scalar>* variance = &running_variance_;
  if (training) {
    const Scalar rows = static_cast<Scalar>(input.rows());
    batch_mean_ = input.colwise().mean();
    batch_variance_ = (input.rowwise() - batch_mean_).array().square().colwise().mean();
    const Scalar momentum = static_cast<Scalar>(momentum_);
    running_mean_ = (1 - momentum) * running_mean_ + momentum * batch_mean_;
    running_variance_ =
        (1 - momentum) * running_variance_ + (momentum * rows / (rows - 1)) * batch_variance_;
    ++batches_tracked_;
    mean = &batch_mean_;
    variance = &batch_variance_;
  }
  inverse_std_ = (variance->array() + eps).rsqrt().matrix();
  normalized_ = ((input.rowwise() - *mean).array().rowwise() * inverse_std_.array()).matrix();
  last_pass_training_ = training;
  output_ = ((normalized_.array().rowwise() * gamma_.array()).rowwise() + beta_.array()).matrix();
  return output_;
}

template <typename Scalar>
const Matrix<Scalar>& BatchNorm<Scalar>::backward(const Matrix<Scalar>& grad_output) {
  if (normalized_.size() == 0) throw std::logic_error("batch norm: backward() before forward()");
  require_gradient_shape("batch norm", normalized_, grad_output);
  gamma_gradient_ += grad_output.cwiseProduct(normalized_).colwise().sum();
  beta_gradient_ += grad_output.colwise().sum();
  // g = ∂L/∂x̂; x̂ = (x − μ)·s, so with μ, s fixed ∂L/∂x = g·s.
  grad_normalized_ = grad_output.array().rowwise() * gamma_.array();
  if (!last_pass_training_) {
    grad_input_ = (grad_normalized_.rowwise() * inverse_std_.array()).matrix();
    return grad_input_;
  }
  // μ and σ² depend on every row: their contributions subtract g's mean and its projection on x̂.
  mean_grad_ = grad_normalized_.colwise().mean();
  mean_grad_dot_ = (grad_normalized_ * normalized_.array()).colwise().mean();
  centered_ =
      (grad_normalized_.rowwise() - mean_grad_) - normalized_.array().rowwise() * mean_grad_dot_;
  grad_input_ = (centered_.rowwise() * inverse_std_.array()).matrix();
  return grad_input_;
}

template <typename Scalar>
Vector<Scalar> BatchNorm<Scalar>::gradient() const {
  Vector<Scalar> flat(parameter_count());
  flat << gamma_gradient_.transpose(), beta_gradient_.transpose();
  return flat;
}

template <typename Scalar>
void BatchNorm<Scalar>::zero_gradients() {
  gamma_gradient_.setZero();
  beta_gradient_.setZero();
}

template <typename Scalar>
std::unique_ptr<Module<Scalar>> BatchNorm<Scalar>::clone() const {
  return std::make_unique<BatchNorm>(*this);
}

template <typename Scalar>
std::string BatchNorm<Scalar>::name() const {
  return "batch_norm " + std::to_string(features());
}

template <typename Scalar>
TensorShape BatchNorm<Scalar>::output_shape(const TensorShape& input) const {
  if (input.layout() != TensorLayout::kFeatures || input.features() != features()) {
    throw std::invalid_argument(
        shape_mismatch(name(), input, "(batch, features " + std::to_string(features()) + ")"));
  }
  return input;
}

template <typename Scalar>
ParameterBlock<Scalar> BatchNorm<Scalar>::parameter_block(int index) {
  if (index == 0) return {gamma_.data(), gamma_gradient_.data(), 1, gamma_.cols()};
  if (index == 1) return {beta_.data(), beta_gradient_.data(), 1, beta_.cols()};
  return Module<Scalar>::parameter_block(index);
}

template class BatchNorm<float>;
template class BatchNorm<double>;

}  // namespace descent::nn

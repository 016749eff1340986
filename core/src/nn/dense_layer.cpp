#include "descent/nn/dense_layer.hpp"

#include <stdexcept>
#include <string>

#include "descent/nn/matrix_product.hpp"

namespace descent::nn {
namespace {

std::string shape_text(Eigen::Index rows, Eigen::Index cols) {
  return std::to_string(rows) + "×" + std::to_string(cols);
}

// z = X·W + b: every row starts at b, then add_product adds the terms. Column by column (a fill
// per unit) rather than Eigen's replicate, whose per-entry index arithmetic dominates tiny batches.
template <typename Scalar>
void affine(const Matrix<Scalar>& input, const Matrix<Scalar>& weights,
            const RowVector<Scalar>& bias, Matrix<Scalar>& pre_activation) {
  pre_activation.resize(input.rows(), weights.cols());
  for (Eigen::Index unit = 0; unit < weights.cols(); ++unit) {
    pre_activation.col(unit).setConstant(bias[unit]);
  }
  add_product(input, weights, pre_activation);
}

}  // namespace

template <typename Scalar>
DenseLayer<Scalar>::DenseLayer(int fan_in, int fan_out, const Activation& activation,
                               const Initializer& initializer, Rng& rng)
    : activation_(activation) {
  const std::string message = validate_activation(activation);
  if (!message.empty()) throw std::invalid_argument("dense layer: " + message);
  // initialize_weights validates the fans and the initializer.
  weights_ = initialize_weights<Scalar>(initializer, fan_in, fan_out, rng);
  bias_ = RowVector<Scalar>::Zero(fan_out);
  weight_gradient_ = Matrix<Scalar>::Zero(fan_in, fan_out);
  bias_gradient_ = RowVector<Scalar>::Zero(fan_out);
}

template <typename Scalar>
void DenseLayer<Scalar>::set_weights(const Matrix<Scalar>& weights) {
  if (weights.rows() != weights_.rows() || weights.cols() != weights_.cols()) {
    throw std::invalid_argument("dense layer: weights must be " +
                                shape_text(weights_.rows(), weights_.cols()) + ", got " +
                                shape_text(weights.rows(), weights.cols()));
  }
  weights_ = weights;
}

template <typename Scalar>
void DenseLayer<Scalar>::set_bias(const RowVector<Scalar>& bias) {
  if (bias.cols() != bias_.cols()) {
    throw std::invalid_argument("dense layer: bias must be 1×" + std::to_string(bias_.cols()) +
                                ", got 1×" + std::to_string(bias.cols()));
  }
  bias_ = bias;
}

template <typename Scalar>
template <typename Source>
void DenseLayer<Scalar>::read_parameters(const Source* flat) {
  const Eigen::Index fan_in = weights_.rows(), fan_out = weights_.cols();
  for (Eigen::Index i = 0; i < fan_in; ++i) {
    for (Eigen::Index j = 0; j < fan_out; ++j) {
      weights_(i, j) = static_cast<Scalar>(flat[i * fan_out + j]);
    }
  }
  for (Eigen::Index j = 0; j < fan_out; ++j)
    bias_[j] = static_cast<Scalar>(flat[fan_in * fan_out + j]);
}

template <typename Scalar>
void DenseLayer<Scalar>::require_input_width(const Matrix<Scalar>& input) const {
  if (input.cols() != weights_.rows()) {
    throw std::invalid_argument("dense layer: input has " + std::to_string(input.cols()) +
                                " columns, the layer expects " + std::to_string(weights_.rows()) +
                                " (one column per feature, one row per sample)");
  }
}

template <typename Scalar>
Matrix<Scalar> DenseLayer<Scalar>::pre_activation_of(const Matrix<Scalar>& input) const {
  require_input_width(input);
  Matrix<Scalar> pre_activation;
  affine(input, weights_, bias_, pre_activation);
  return pre_activation;
}

template <typename Scalar>
Matrix<Scalar> DenseLayer<Scalar>::apply(const Matrix<Scalar>& input) const {
  return activate(activation_, pre_activation_of(input));
}

template <typename Scalar>
const Matrix<Scalar>& DenseLayer<Scalar>::forward(const Matrix<Scalar>& input) {
  require_input_width(input);
  transposed_input_ = input.transpose();  // backward's ∂L/∂W = Xᵀ·∂L/∂z reads X transposed
  affine(input, weights_, bias_, pre_activation_);
  activate(activation_, pre_activation_, output_);
  return output_;
}

template <typename Scalar>
void DenseLayer<Scalar>::accumulate_parameter_gradients(const Matrix<Scalar>& grad_output) {
  if (output_.size() == 0) throw std::logic_error("dense layer: backward() before forward()");
  if (grad_output.rows() != output_.rows() || grad_output.cols() != output_.cols()) {
    throw std::invalid_argument("dense layer: the output gradient is " +
                                shape_text(grad_output.rows(), grad_output.cols()) +
                                ", the last forward() produced " +
                                shape_text(output_.rows(), output_.cols()));
  }
  activation_backward(activation_, pre_activation_, output_, grad_output, grad_pre_activation_);
  add_product(transposed_input_, grad_pre_activation_, weight_gradient_);
  bias_gradient_ += grad_pre_activation_.colwise().sum();
}

template <typename Scalar>
const Matrix<Scalar>& DenseLayer<Scalar>::backward(const Matrix<Scalar>& grad_output) {
  accumulate_parameter_gradients(grad_output);
  grad_input_.setZero(grad_output.rows(), fan_in());
  add_product_transposed(grad_pre_activation_, weights_, grad_input_);
  return grad_input_;
}

template <typename Scalar>
void DenseLayer<Scalar>::zero_gradients() {
  weight_gradient_.setZero();
  bias_gradient_.setZero();
}

template class DenseLayer<float>;
template class DenseLayer<double>;
template void DenseLayer<float>::read_parameters(const float*);
template void DenseLayer<float>::read_parameters(const double*);
template void DenseLayer<double>::read_parameters(const double*);

}  // namespace descent::nn

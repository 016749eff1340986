#include "descent/nn/dense_layer.hpp"

#include <stdexcept>
#include <string>

#include "descent/nn/matrix_product.hpp"
#include "descent/nn/shape_checked.hpp"

namespace descent::nn {
namespace {

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
DenseLayer<Scalar>::DenseLayer(int fan_in, int fan_out, const Initializer& initializer, Rng& rng) {
  // initialize_weights validates the fans and the initializer.
  weights_ = initialize_weights<Scalar>(initializer, fan_in, fan_out, rng);
  bias_ = RowVector<Scalar>::Zero(fan_out);
  weight_gradient_ = Matrix<Scalar>::Zero(fan_in, fan_out);
  bias_gradient_ = RowVector<Scalar>::Zero(fan_out);
}

template <typename Scalar>
void DenseLayer<Scalar>::set_weights(const Matrix<Scalar>& weights) {
  assign_same_shape("dense layer", "weights", weights_, weights);
}

template <typename Scalar>
void DenseLayer<Scalar>::set_bias(const RowVector<Scalar>& bias) {
  assign_same_shape("dense layer", "bias", bias_, bias);
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
Matrix<Scalar> DenseLayer<Scalar>::apply(const Matrix<Scalar>& input) const {
  require_input_width(input);
  Matrix<Scalar> pre_activation;
  affine(input, weights_, bias_, pre_activation);
  return pre_activation;
}

template <typename Scalar>
const Matrix<Scalar>& DenseLayer<Scalar>::forward(const Matrix<Scalar>& input) {
  require_input_width(input);
  transposed_input_ = input.transpose();  // backward's ∂L/∂W = Xᵀ·∂L/∂z reads X transposed
  affine(input, weights_, bias_, pre_activation_);
  return pre_activation_;
}

template <typename Scalar>
void DenseLayer<Scalar>::accumulate_parameter_gradients(const Matrix<Scalar>& grad_output) {
  if (pre_activation_.size() == 0) {
    throw std::logic_error("dense layer: backward() before forward()");
  }
  require_gradient_shape("dense layer", pre_activation_, grad_output);
  add_product(transposed_input_, grad_output, weight_gradient_);
  bias_gradient_ += grad_output.colwise().sum();
}

template <typename Scalar>
const Matrix<Scalar>& DenseLayer<Scalar>::backward(const Matrix<Scalar>& grad_output) {
  accumulate_parameter_gradients(grad_output);
  grad_input_.setZero(grad_output.rows(), fan_in());
  add_product_transposed(grad_output, weights_, grad_input_);
  return grad_input_;
}

template <typename Scalar>
void DenseLayer<Scalar>::zero_gradients() {
  weight_gradient_.setZero();
  bias_gradient_.setZero();
}

template <typename Scalar>
std::unique_ptr<Module<Scalar>> DenseLayer<Scalar>::clone() const {
  return std::make_unique<DenseLayer>(*this);
}

template <typename Scalar>
std::string DenseLayer<Scalar>::name() const {
  return "dense " + std::to_string(fan_in()) + "→" + std::to_string(fan_out());
}

template <typename Scalar>
TensorShape DenseLayer<Scalar>::output_shape(const TensorShape& input) const {
  if (input.layout() != TensorLayout::kFeatures || input.features() != fan_in()) {
    throw std::invalid_argument(
        shape_mismatch(name(), input, "(batch, features " + std::to_string(fan_in()) + ")"));
  }
  return TensorShape::features(input.batch(), fan_out());
}

template <typename Scalar>
const Matrix<Scalar>& DenseLayer<Scalar>::forward(const Matrix<Scalar>& input, Mode, Rng&) {
  return forward(input);
}

template <typename Scalar>
const Matrix<Scalar>& DenseLayer<Scalar>::backward(const Matrix<Scalar>&,
                                                   const Matrix<Scalar>& grad_output) {
  return backward(grad_output);
}

template <typename Scalar>
void DenseLayer<Scalar>::accumulate_parameter_gradients(const Matrix<Scalar>&,
                                                        const Matrix<Scalar>& grad_output) {
  accumulate_parameter_gradients(grad_output);
}

template <typename Scalar>
ParameterBlock<Scalar> DenseLayer<Scalar>::parameter_block(int index) {
  if (index == 0) {
    return {weights_.data(), weight_gradient_.data(), weights_.rows(), weights_.cols()};
  }
  if (index == 1) return {bias_.data(), bias_gradient_.data(), 1, bias_.cols()};
  return Module<Scalar>::parameter_block(index);
}

template <typename Scalar>
std::optional<GradientNorms> DenseLayer<Scalar>::gradient_norms() const {
  return GradientNorms{static_cast<double>(weights_.norm()),
                       static_cast<double>(weight_gradient_.norm()),
                       static_cast<double>(bias_gradient_.norm())};
}

template class DenseLayer<float>;
template class DenseLayer<double>;

}  // namespace descent::nn

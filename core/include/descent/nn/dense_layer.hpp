#pragma once
// A fully connected layer on a mini-batch X (one row per sample): z = X·W + b, a = f(z), with
// W of shape fan_in × fan_out and the bias row b broadcast over the samples (torch's nn.Linear
// stores Wᵀ; the maths is the same). forward() caches X, z and a for backward(), which turns
// ∂L/∂a into ∂L/∂X and adds ∂L/∂W, ∂L/∂b into the layer's gradient accumulators.
#include "descent/math/rng.hpp"
#include "descent/nn/activation.hpp"
#include "descent/nn/initializer.hpp"
#include "descent/nn/tensor.hpp"

namespace descent::nn {

template <typename Scalar>
class DenseLayer {
 public:
  // Weights from `initializer` (drawn from rng, row by row: see initialize_weights), bias zeros,
  // gradients zeros. Throws std::invalid_argument when a fan is < 1 or the activation or the
  // initializer is invalid.
  DenseLayer(int fan_in, int fan_out, const Activation& activation, const Initializer& initializer,
             Rng& rng);

  int fan_in() const { return static_cast<int>(weights_.rows()); }
  int fan_out() const { return static_cast<int>(weights_.cols()); }
  const Activation& activation() const { return activation_; }
  // fan_in·fan_out weights plus fan_out biases.
  int parameter_count() const { return fan_in() * fan_out() + fan_out(); }

  const Matrix<Scalar>& weights() const { return weights_; }
  const RowVector<Scalar>& bias() const { return bias_; }
  // Throw std::invalid_argument unless the shape is the current one (fan_in × fan_out, 1 ×
  // fan_out).
  void set_weights(const Matrix<Scalar>& weights);
  void set_bias(const RowVector<Scalar>& bias);
  // Reads W row by row, then b, from parameter_count() values (the network's flat order), rounded
  // to Scalar when Source is wider.
  template <typename Source>
  void read_parameters(const Source* flat);

  // f(X·W + b) without touching the cache (for predictions between training steps). Throws
  // std::invalid_argument unless X has fan_in columns.
  Matrix<Scalar> apply(const Matrix<Scalar>& input) const;

  // z = X·W + b alone (the pre-activation apply computes), without touching the cache. Throws like
  // apply.
  Matrix<Scalar> pre_activation_of(const Matrix<Scalar>& input) const;

  // Like apply, and caches X, z and a for backward(); returns the cached a. Throws like apply.
  const Matrix<Scalar>& forward(const Matrix<Scalar>& input);

  // Given ∂L/∂a for the batch of the last forward(), adds ∂L/∂W = Xᵀ·∂L/∂z and ∂L/∂b = Σ_rows ∂L/∂z
  // to the accumulators and returns ∂L/∂X = ∂L/∂z·Wᵀ (valid until the next backward()). Throws
  // std::logic_error before any forward() and std::invalid_argument when grad_output's shape
  // differs from a's.
  const Matrix<Scalar>& backward(const Matrix<Scalar>& grad_output);

  // backward() without ∂L/∂X: only adds ∂L/∂W and ∂L/∂b. For a first layer, whose input is data
  // that nobody needs the gradient of. Throws like backward().
  void accumulate_parameter_gradients(const Matrix<Scalar>& grad_output);

  // Accumulated ∂L/∂W and ∂L/∂b (summed over backward() and accumulate_parameter_gradients() calls
  // since the last zero_gradients()).
  const Matrix<Scalar>& weight_gradient() const { return weight_gradient_; }
  const RowVector<Scalar>& bias_gradient() const { return bias_gradient_; }
  void zero_gradients();

  // The last forward()'s cache (empty before the first): X, z = X·W + b, a = f(z). X is kept
  // transposed, the way backward() reads it.
  Matrix<Scalar> input() const { return transposed_input_.transpose(); }
  const Matrix<Scalar>& pre_activation() const { return pre_activation_; }
  const Matrix<Scalar>& output() const { return output_; }

 private:
  void require_input_width(const Matrix<Scalar>& input) const;

  Activation activation_;
  Matrix<Scalar> weights_;
  RowVector<Scalar> bias_;
  Matrix<Scalar> weight_gradient_;
  RowVector<Scalar> bias_gradient_;
  Matrix<Scalar> transposed_input_;
  Matrix<Scalar> pre_activation_;
  Matrix<Scalar> output_;
  // backward()'s working storage, kept so that steady training allocates nothing.
  Matrix<Scalar> grad_pre_activation_;
  Matrix<Scalar> grad_input_;
};

extern template class DenseLayer<float>;
extern template class DenseLayer<double>;

}  // namespace descent::nn

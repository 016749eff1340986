#pragma once
// A fully connected layer on a mini-batch X (one row per sample): z = X·W + b, with W of shape
// fan_in × fan_out and the bias row b broadcast over the samples (torch's nn.Linear stores Wᵀ; the
// maths is the same). The activation is a module of its own (activation_layer.hpp). forward()
// caches Xᵀ and z for backward(), which turns ∂L/∂z into ∂L/∂X and adds ∂L/∂W, ∂L/∂b into the
// layer's gradient accumulators.
//
// Parameter blocks (module.hpp): W (fan_in × fan_out, so row by row in θ: W(i, j), input i to unit
// j, at offset i·fan_out + j, the order initialize_weights draws them in), then b (1 × fan_out).
#include <memory>
#include <string>

#include "descent/math/rng.hpp"
#include "descent/nn/initializer.hpp"
#include "descent/nn/module.hpp"
#include "descent/nn/tensor.hpp"

namespace descent::nn {

template <typename Scalar>
class DenseLayer : public Module<Scalar> {
 public:
  // Weights from `initializer` (drawn from rng, row by row: see initialize_weights), bias zeros,
  // gradients zeros. Throws std::invalid_argument when a fan is < 1 or the initializer is invalid.
  DenseLayer(int fan_in, int fan_out, const Initializer& initializer, Rng& rng);

  int fan_in() const { return static_cast<int>(weights_.rows()); }
  int fan_out() const { return static_cast<int>(weights_.cols()); }
  // fan_in·fan_out weights plus fan_out biases.
  int parameter_count() const override { return fan_in() * fan_out() + fan_out(); }

  const Matrix<Scalar>& weights() const { return weights_; }
  const RowVector<Scalar>& bias() const { return bias_; }
  // Throw std::invalid_argument unless the shape is the current one (fan_in × fan_out, 1 ×
  // fan_out).
  void set_weights(const Matrix<Scalar>& weights);
  void set_bias(const RowVector<Scalar>& bias);

  // z = X·W + b without touching the cache (for predictions between training steps). Throws
  // std::invalid_argument unless X has fan_in columns.
  Matrix<Scalar> apply(const Matrix<Scalar>& input) const override;
  // The same as apply (the name callers use for "the input of the activation").
  Matrix<Scalar> pre_activation_of(const Matrix<Scalar>& input) const { return apply(input); }

  // Like apply, and caches Xᵀ and z for backward(); returns the cached z. Throws like apply.
  const Matrix<Scalar>& forward(const Matrix<Scalar>& input);
  // Given ∂L/∂z for the batch of the last forward(), adds ∂L/∂W = Xᵀ·∂L/∂z and ∂L/∂b = Σ_rows ∂L/∂z
  // to the accumulators and returns ∂L/∂X = ∂L/∂z·Wᵀ (valid until the next backward()). Throws
  // std::logic_error before any forward() and std::invalid_argument when grad_output's shape
  // differs from z's.
  const Matrix<Scalar>& backward(const Matrix<Scalar>& grad_output);
  // backward() without ∂L/∂X: only adds ∂L/∂W and ∂L/∂b. For a first layer, whose input is data
  // that nobody needs the gradient of. Throws like backward().
  void accumulate_parameter_gradients(const Matrix<Scalar>& grad_output);

  // Accumulated ∂L/∂W and ∂L/∂b (summed over backward() and accumulate_parameter_gradients() calls
  // since the last zero_gradients()).
  const Matrix<Scalar>& weight_gradient() const { return weight_gradient_; }
  const RowVector<Scalar>& bias_gradient() const { return bias_gradient_; }
  void zero_gradients() override;

  // The last forward()'s cache (empty before the first): X and z = X·W + b (also output()). X is
  // kept transposed, the way backward() reads it.
  Matrix<Scalar> input() const { return transposed_input_.transpose(); }
  const Matrix<Scalar>& pre_activation() const { return pre_activation_; }

  // Module: the mode and rng do not matter; the input of backward is the one cached by forward.
  std::unique_ptr<Module<Scalar>> clone() const override;
  std::string name() const override;
  TensorShape output_shape(const TensorShape& input) const override;
  const Matrix<Scalar>& forward(const Matrix<Scalar>& input, Mode mode, Rng& rng) override;
  const Matrix<Scalar>& output() const override { return pre_activation_; }
  const Matrix<Scalar>& backward(const Matrix<Scalar>& input,
                                 const Matrix<Scalar>& grad_output) override;
  void accumulate_parameter_gradients(const Matrix<Scalar>& input,
                                      const Matrix<Scalar>& grad_output) override;
  int parameter_block_count() const override { return 2; }
  ParameterBlock<Scalar> parameter_block(int index) override;
  std::optional<GradientNorms> gradient_norms() const override;

 private:
  void require_input_width(const Matrix<Scalar>& input) const;

  Matrix<Scalar> weights_;
  RowVector<Scalar> bias_;
  Matrix<Scalar> weight_gradient_;
  RowVector<Scalar> bias_gradient_;
  Matrix<Scalar> transposed_input_;
  Matrix<Scalar> pre_activation_;
  // backward()'s working storage, kept so that steady training allocates nothing.
  Matrix<Scalar> grad_input_;
};

extern template class DenseLayer<float>;
extern template class DenseLayer<double>;

}  // namespace descent::nn

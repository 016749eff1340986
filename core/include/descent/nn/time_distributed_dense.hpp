#pragma once
// A dense layer applied at every time step with the same weights (Keras's TimeDistributed(Dense),
// what torch's nn.Linear does to a (batch, time, features) tensor): (batch, time, fan_in) →
// (batch, time, fan_out), y_t = x_t·W + b for every step t. The head of a sequence model: one
// prediction (or one row of logits) per step from each step's hidden state. The activation, if
// any, is a module of its own, as after a DenseLayer.
//
// Each step is one contiguous batch × features block (tensor_shape.hpp), multiplied with the dense
// layer's kernel (matrix_product.hpp). Backward sums the steps' contributions:
// ∂L/∂W = Σ_t x_tᵀ·∂L/∂y_t, ∂L/∂b = Σ_t Σ_samples ∂L/∂y_t, and ∂L/∂x_t = ∂L/∂y_t·Wᵀ.
//
// Parameter blocks (module.hpp), as the DenseLayer's: W (fan_in × fan_out; row by row in θ, W(i, j)
// at i·fan_out + j), then b (1 × fan_out). Weights from the given initializer, bias zeros.
#include <memory>
#include <string>

#include "descent/math/rng.hpp"
#include "descent/nn/initializer.hpp"
#include "descent/nn/module.hpp"
#include "descent/nn/tensor.hpp"

namespace descent::nn {

template <typename Scalar>
class TimeDistributedDense : public Module<Scalar> {
 public:
  // Throws std::invalid_argument when a fan is < 1 or the initializer is invalid.
  TimeDistributedDense(int fan_in, int fan_out, const Initializer& initializer, Rng& rng);

  int fan_in() const { return static_cast<int>(weights_.rows()); }
  int fan_out() const { return static_cast<int>(weights_.cols()); }
  const Matrix<Scalar>& weights() const { return weights_; }
  const RowVector<Scalar>& bias() const { return bias_; }
  // Throw std::invalid_argument unless the shape is the current one.
  void set_weights(const Matrix<Scalar>& weights);
  void set_bias(const RowVector<Scalar>& bias);
  const Matrix<Scalar>& weight_gradient() const { return weight_gradient_; }
  const RowVector<Scalar>& bias_gradient() const { return bias_gradient_; }

  std::unique_ptr<Module<Scalar>> clone() const override;
  // "time-distributed dense 8→3".
  std::string name() const override;
  TensorShape output_shape(const TensorShape& input) const override;
  Matrix<Scalar> apply(const Matrix<Scalar>& input) const override;
  const Matrix<Scalar>& forward(const Matrix<Scalar>& input, Mode mode, Rng& rng) override;
  const Matrix<Scalar>& output() const override { return output_; }
  const Matrix<Scalar>& backward(const Matrix<Scalar>& input,
                                 const Matrix<Scalar>& grad_output) override;
  // Skips ∂L/∂input: a first layer's input is data.
  void accumulate_parameter_gradients(const Matrix<Scalar>& input,
                                      const Matrix<Scalar>& grad_output) override;
  void zero_gradients() override;
  int parameter_block_count() const override { return 2; }
  ParameterBlock<Scalar> parameter_block(int index) override;
  std::optional<GradientNorms> gradient_norms() const override;

 private:
  // time, after checking that the input's columns are time × fan_in.
  Eigen::Index time_of(const Matrix<Scalar>& input) const;
  void compute_output(const Matrix<Scalar>& input, Matrix<Scalar>& output) const;
  void add_parameter_gradients(const Matrix<Scalar>& input, const Matrix<Scalar>& grad_output);

  Matrix<Scalar> weights_;
  RowVector<Scalar> bias_;
  Matrix<Scalar> weight_gradient_;
  RowVector<Scalar> bias_gradient_;
  Matrix<Scalar> output_;
  // backward's working storage: one step's input transposed (the kernel reads its left operand
  // column-major), and ∂L/∂input.
  Matrix<Scalar> transposed_step_;
  Matrix<Scalar> grad_input_;
};

extern template class TimeDistributedDense<float>;
extern template class TimeDistributedDense<double>;

}  // namespace descent::nn

#pragma once
// y_t = x_t·W at every step of a (batch, time, fan_in) tensor, without a bias: the projections
// inside attention (q·W, q·W_q, m·W_k), on the dense layer's kernel (matrix_product.hpp), with
// its backward ∂L/∂W += Σ_t x_tᵀ·∂L/∂y_t and ∂L/∂x_t += ∂L/∂y_t·Wᵀ. Storage as tensor_shape.hpp:
// step t of the batch is one contiguous batch × features block.
#include "descent/nn/tensor.hpp"

namespace descent::nn {

// output = input projected (resized to batch × time·W.cols(), storage reused).
template <typename Scalar>
void project_steps(const Matrix<Scalar>& input, const Matrix<Scalar>& weights,
                   Matrix<Scalar>& output);

// Adds Σ_t x_tᵀ·∂L/∂y_t into weight_gradient and, when grad_input is not null, ∂L/∂y_t·Wᵀ into
// *grad_input (already batch × time·fan_in). `transposed_step` is working storage.
template <typename Scalar>
void project_steps_backward(const Matrix<Scalar>& input, const Matrix<Scalar>& weights,
                            const Matrix<Scalar>& grad_output, Matrix<Scalar>& transposed_step,
                            Matrix<Scalar>& weight_gradient, Matrix<Scalar>* grad_input);

}  // namespace descent::nn

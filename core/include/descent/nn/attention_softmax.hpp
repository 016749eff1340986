#pragma once
// The softmax of attention (attention.hpp) over the encoder's steps, with a padding mask: for each
// sample n and decoder step t, α(n, t, ·) = softmax over s of the scores e(n, t, s), where only
// unmasked steps s compete and masked ones get weight exactly 0 — what torch does by setting their
// scores to −∞ before the softmax (masked_fill), without the infinities.
//
// Layout: scores, weights and their gradients are (batch, query steps, memory steps) tensors
// (tensor_shape.hpp): a batch × T_q·T_k matrix, (n, t, s) in column t·T_k + s. The mask is
// batch × T_k of 0/1 (1: a real step, 0: padding), or empty when every step is real.
#include <string>

#include "descent/nn/tensor.hpp"

namespace descent::nn {

// "" when the mask is empty, or batch × memory_steps with entries exactly 0 or 1 and at least one
// 1 per sample (a softmax over no step has no value); otherwise the problem, for the caller to
// prefix with its name ("the padding mask is …"). Allocates only to build a message: it runs on
// every training step.
template <typename Scalar>
std::string check_attention_mask(const Matrix<Scalar>& mask, Eigen::Index batch,
                                 Eigen::Index memory_steps);

// Scores → weights in place (largest unmasked score subtracted first, so nothing overflows).
// Precondition: check_attention_mask accepted the mask.
template <typename Scalar>
void masked_softmax_in_place(Matrix<Scalar>& scores, Eigen::Index query_steps,
                             Eigen::Index memory_steps, const Matrix<Scalar>& mask);

// ∂L/∂weights → ∂L/∂scores in place: ∂e_s = α_s (∂α_s − Σ_r α_r ∂α_r) per (n, t); 0 at masked
// steps, whose weights are 0.
template <typename Scalar>
void masked_softmax_backward_in_place(const Matrix<Scalar>& weights, Matrix<Scalar>& gradient,
                                      Eigen::Index query_steps, Eigen::Index memory_steps);

}  // namespace descent::nn

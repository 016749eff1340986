#pragma once
// The GRU cell (Cho et al. 2014) in torch's nn.GRU convention. The input and hidden parts a_t, u_t
// (recurrent_step.hpp) hold three gates of `hidden` columns each, in torch's order r, z, n, and
// stay apart for n, whose hidden part the reset gate scales (biases b_x, b_h both included):
//
//   r = σ(a_r + u_r)          reset gate
//   z = σ(a_z + u_z)          update gate
//   n = tanh(a_n + r ⊙ u_n)   candidate, u_n = h_{t−1}·W_hn + b_hn
//   h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}
//
// Backward: ∂L/∂n = ∂L/∂h_t ⊙ (1 − z), ∂L/∂z = ∂L/∂h_t ⊙ (h_{t−1} − n), and h_{t−1} also gets
// ∂L/∂h_t ⊙ z directly (not through W_h). With ∂n̂ = ∂L/∂n ⊙ (1 − n²) and
// ∂r̂ = ∂n̂ ⊙ u_n ⊙ r(1 − r): ∂L/∂a = (∂r̂, ∂ẑ, ∂n̂), ∂L/∂u = (∂r̂, ∂ẑ, ∂n̂ ⊙ r). The cache
// holds r, z, n and u_n per step.
#include "descent/nn/recurrent_step.hpp"

namespace descent::nn {

struct GruCell {
  static constexpr int kGates = 3;
  static constexpr int kCachedWidth = 4;  // r, z, n, u_n
  template <typename Scalar>
  static void forward(const RecurrentStep<Scalar>& step);
  template <typename Scalar>
  static void backward(const RecurrentStep<Scalar>& step,
                       const RecurrentStepGradient<Scalar>& gradient);
};

}  // namespace descent::nn

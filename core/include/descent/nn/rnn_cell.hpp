#pragma once
// The vanilla (Elman) recurrent cell, torch's nn.RNN with tanh: h_t = tanh(a_t + u_t) with
// a_t = x_t·W_x + b_x and u_t = h_{t−1}·W_h + b_h (recurrent_step.hpp). Backward:
// ∂L/∂a_t = ∂L/∂u_t = ∂L/∂h_t ⊙ (1 − h_t²), read off h_t itself, so the cell caches nothing.
#include "descent/nn/recurrent_step.hpp"

namespace descent::nn {

struct RnnCell {
  static constexpr int kGates = 1;
  static constexpr int kCachedWidth = 0;  // h_t is the layer's output
  template <typename Scalar>
  static void forward(const RecurrentStep<Scalar>& step);
  template <typename Scalar>
  static void backward(const RecurrentStep<Scalar>& step,
                       const RecurrentStepGradient<Scalar>& gradient);
};

}  // namespace descent::nn

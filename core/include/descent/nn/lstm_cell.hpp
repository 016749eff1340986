#pragma once
// The LSTM cell, torch's nn.LSTM (Hochreiter & Schmidhuber 1997, with the forget gate of Gers et
// al. 2000). The gate pre-activations a_t + u_t (recurrent_step.hpp) hold four gates of `hidden`
// columns each, in torch's order i, f, g, o:
//
//   i = σ(·)  input gate        c_t = f ⊙ c_{t−1} + i ⊙ g
//   f = σ(·)  forget gate       h_t = o ⊙ tanh(c_t)
//   g = tanh(·) candidate
//   o = σ(·)  output gate
//
// Backward, with ∂L/∂c_t = (∂L/∂c_t from step t + 1) + ∂L/∂h_t ⊙ o ⊙ (1 − tanh²(c_t)):
// ∂L/∂o = ∂L/∂h_t ⊙ tanh(c_t), ∂L/∂i = ∂L/∂c_t ⊙ g, ∂L/∂g = ∂L/∂c_t ⊙ i,
// ∂L/∂f = ∂L/∂c_t ⊙ c_{t−1}, ∂L/∂c_{t−1} = ∂L/∂c_t ⊙ f; each gate's through σ' = s(1 − s) or
// tanh' = 1 − t², and ∂L/∂a_t = ∂L/∂u_t. The cache holds i, f, g, o and tanh(c_t) per step.
#include "descent/nn/recurrent_step.hpp"

namespace descent::nn {

struct LstmCell {
  static constexpr int kGates = 4;
  static constexpr int kCachedWidth = 5;  // i, f, g, o, tanh(c_t)
  static constexpr int kForgetGate = 1;   // the gate whose bias the forget-gate bias option sets
  template <typename Scalar>
  static void forward(const RecurrentStep<Scalar>& step);
  template <typename Scalar>
  static void backward(const RecurrentStep<Scalar>& step,
                       const RecurrentStepGradient<Scalar>& gradient);
};

}  // namespace descent::nn

#pragma once
// RMSProp, following torch.optim.RMSprop; Hinton, Srivastava & Swersky (2012), "Neural Networks
// for Machine Learning", lecture 6e (centered variant: Graves (2013), "Generating Sequences With
// Recurrent Neural Networks"). One step, with gradient g (all per coordinate):
//   g ← g + λθ                          (weight decay: L2 added to the gradient)
//   v ← αv + (1−α)g²
//   centered: ḡ ← αḡ + (1−α)g and s = √(v − ḡ²) + ε; otherwise s = √v + ε
//   momentum μ > 0: b ← μb + g/s, θ ← θ − ηb; otherwise θ ← θ − η·g/s
#include <string>
#include <vector>

#include "descent/optim/optimizer.hpp"

namespace descent {

class Rmsprop : public Optimizer {
 public:
  struct Params {
    double alpha = 0.99;        // α: decay of the squared-gradient average (memory length)
    double eps = 1e-8;          // ε: keeps the division finite when v ≈ 0
    double weight_decay = 0.0;  // λ: L2 penalty, adds λθ to the gradient
    double momentum = 0.0;      // μ: fraction of the scaled velocity kept each step
    bool centered = false;      // divide by a variance estimate (v − ḡ²) instead of v

    // Empty when valid (torch's checks: every number ≥ 0).
    std::string validate() const;
  };

  struct State {
    Eigen::VectorXd square_average;    // v: running average of squared gradients
    Eigen::VectorXd gradient_average;  // ḡ: running average of gradients (centered only)
    Eigen::VectorXd momentum_buffer;   // b: velocity of scaled gradients (momentum > 0 only)
    Eigen::VectorXd effective_step;    // η / s of the latest step: step per unit gradient
    int step_count = 0;
  };

  // Throws std::invalid_argument if params are invalid or dimension < 1.
  Rmsprop(const Params& params, int dimension);

  void step(Eigen::VectorXd& params, const Eigen::VectorXd& grad, double lr) override;
  int step_count() const override;
  // square_average and effective_step; plus gradient_average when centered and
  // momentum_buffer when momentum > 0.
  std::vector<StateEntry> state_entries() const override;

 private:
  Params params_;
  State state_;
  Eigen::VectorXd direction_;  // the step's g (+ λθ with weight decay): working storage
};

}  // namespace descent

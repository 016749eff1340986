#pragma once
// AdaGrad, following torch.optim.Adagrad; Duchi, Hazan & Singer (2011), "Adaptive Subgradient
// Methods for Online Learning and Stochastic Optimization". Step t (1-based), gradient g:
//   g ← g + λθ                         (weight decay: L2 added to the gradient)
//   η_t = η / (1 + (t−1)·lr_decay)
//   G ← G + g²                         (per coordinate)
//   θ ← θ − η_t · g / (√G + ε)
#include <string>
#include <vector>

#include "descent/optim/optimizer.hpp"

namespace descent {

class Adagrad : public Optimizer {
 public:
  struct Params {
    double lr_decay = 0.0;      // slows the step size down as 1/(1 + (t−1)·lr_decay)
    double weight_decay = 0.0;  // λ: L2 penalty, adds λθ to the gradient
    double initial_accumulator_value = 0.0;  // G before the first step
    double eps = 1e-10;                      // ε: keeps the division finite when G ≈ 0

    // Empty when valid (torch's checks: every field ≥ 0).
    std::string validate() const;
  };

  struct State {
    Eigen::VectorXd sum_of_squares;  // G: running total of squared gradients, per coordinate
    Eigen::VectorXd effective_step;  // η_t / (√G + ε) of the latest step: step per unit gradient
    int step_count = 0;
  };

  // Throws std::invalid_argument if params are invalid or dimension < 1.
  Adagrad(const Params& params, int dimension);

  void step(Eigen::VectorXd& params, const Eigen::VectorXd& grad, double lr) override;
  int step_count() const override;
  std::vector<StateEntry> state_entries() const override;

 private:
  Params params_;
  State state_;
  Eigen::VectorXd direction_;  // the step's g (+ λθ with weight decay): working storage
};

}  // namespace descent

#pragma once
// Lion (EvoLved Sign Momentum); Chen et al. (2023), "Symbolic Discovery of Optimization
// Algorithms". Not in torch.optim: follows the paper's Algorithm 2 and lucidrains/lion-pytorch.
// One step, with gradient g (all per coordinate):
//   c = β₁m + (1−β₁)g                (blend of momentum and the current gradient)
//   θ ← θ·(1 − ηλ) − η·sign(c)       (decoupled weight decay; every coordinate moves by η)
//   m ← β₂m + (1−β₂)g
#include <string>
#include <vector>

#include "descent/optim/optimizer.hpp"

namespace descent {

class Lion : public Optimizer {
 public:
  struct Params {
    double beta1 = 0.9;         // β₁: weight of the momentum in the blend whose sign is the step
    double beta2 = 0.99;        // β₂: decay of the momentum m kept between steps
    double weight_decay = 0.0;  // λ: each step shrinks θ by the factor (1 − ηλ)

    // Empty when valid (lion-pytorch's checks: β₁, β₂ in [0, 1]; λ ≥ 0).
    std::string validate() const;
  };

  struct State {
    Eigen::VectorXd momentum;     // m: running average of gradients (β₂)
    Eigen::VectorXd update_sign;  // sign(c) of the latest step: −η times it was added to θ
    int step_count = 0;
  };

  // Throws std::invalid_argument if params are invalid or dimension < 1.
  Lion(const Params& params, int dimension);

  void step(Eigen::VectorXd& params, const Eigen::VectorXd& grad, double lr) override;
  int step_count() const override;
  std::vector<StateEntry> state_entries() const override;

 private:
  Params params_;
  State state_;
};

}  // namespace descent

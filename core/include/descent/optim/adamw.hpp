#pragma once
// AdamW, following torch.optim.AdamW (amsgrad off); Loshchilov & Hutter (2019), "Decoupled Weight
// Decay Regularization". Weight decay shrinks the parameters directly instead of being added to
// the gradient, so Adam's per-coordinate scaling does not weaken it:
//   θ ← θ·(1 − ηλ)
//   then Adam's update with no L2 term (see adam.hpp).
#include <string>
#include <vector>

#include "descent/optim/adam.hpp"

namespace descent {

class AdamW : public Optimizer {
 public:
  struct Params {
    double beta1 = 0.9;          // β₁: decay of the gradient average m
    double beta2 = 0.999;        // β₂: decay of the squared-gradient average v
    double eps = 1e-8;           // ε: keeps the division finite when v̂ ≈ 0
    double weight_decay = 0.01;  // λ: each step shrinks θ by the factor (1 − ηλ)

    // Empty when valid (torch's checks: β₁, β₂ in [0, 1); ε, λ ≥ 0).
    std::string validate() const;
  };

  // The moments are Adam's; AdamW only adds the decoupled decay.
  using State = Adam::State;

  // Throws std::invalid_argument if params are invalid or dimension < 1.
  AdamW(const Params& params, int dimension);

  void step(Eigen::VectorXd& params, const Eigen::VectorXd& grad, double lr) override;
  int step_count() const override;
  std::vector<StateEntry> state_entries() const override;

 private:
  Params params_;
  int dimension_;
  Adam adam_;  // runs the moment updates and the step, with its own weight decay at 0
};

}  // namespace descent

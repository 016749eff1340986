#pragma once
// Adam, following torch.optim.Adam (amsgrad off); Kingma & Ba (2014), "Adam: A Method for
// Stochastic Optimization". Step t (1-based), gradient g (all per coordinate):
//   g ← g + λθ                      (weight decay: L2 added to the gradient, "coupled")
//   m ← β₁m + (1−β₁)g               (first moment: average gradient)
//   v ← β₂v + (1−β₂)g²              (second moment: average squared gradient)
//   m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ)    (bias correction for starting at m = v = 0)
//   θ ← θ − η·m̂/(√v̂ + ε)
#include <string>
#include <vector>

#include "descent/optim/optimizer.hpp"

namespace descent {

class Adam : public Optimizer {
 public:
  struct Params {
    double beta1 = 0.9;         // β₁: decay of the gradient average m
    double beta2 = 0.999;       // β₂: decay of the squared-gradient average v
    double eps = 1e-8;          // ε: keeps the division finite when v̂ ≈ 0
    double weight_decay = 0.0;  // λ: L2 penalty, adds λθ to the gradient

    // Empty when valid (torch's checks: β₁, β₂ in [0, 1); ε, λ ≥ 0).
    std::string validate() const;
  };

  struct State {
    Eigen::VectorXd first_moment;             // m: running average of gradients
    Eigen::VectorXd second_moment;            // v: running average of squared gradients
    Eigen::VectorXd corrected_first_moment;   // m̂ of the latest step
    Eigen::VectorXd corrected_second_moment;  // v̂ of the latest step
    int step_count = 0;
    double beta1_power =
        1.0;  // β₁ᵗ, kept as a running product: pow per step is slow in WebAssembly
    double beta2_power = 1.0;  // β₂ᵗ
  };

  // Throws std::invalid_argument if params are invalid or dimension < 1.
  Adam(const Params& params, int dimension);

  void step(Eigen::VectorXd& params, const Eigen::VectorXd& grad, double lr) override;
  int step_count() const override;
  std::vector<StateEntry> state_entries() const override;

 private:
  Params params_;
  State state_;
};

}  // namespace descent

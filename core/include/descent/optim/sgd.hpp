#pragma once
// Stochastic gradient descent with optional (Nesterov) momentum, following torch.optim.SGD;
// momentum as in Polyak (1964) and Sutskever et al. (2013), "On the importance of
// initialization and momentum in deep learning". One step, with gradient g:
//   g ← g + λθ                                  (weight decay: L2 added to the gradient)
//   b ← g on the first step, then b ← μb + (1−τ)g  (the velocity)
//   d ← g + μb with Nesterov, otherwise d ← b    (plain SGD when μ = 0: d ← g)
//   θ ← θ − η d
#include <string>
#include <vector>

#include "descent/optim/optimizer.hpp"

namespace descent {

class Sgd : public Optimizer {
 public:
  struct Params {
    double momentum = 0.0;      // μ: fraction of the velocity kept from one step to the next
    double dampening = 0.0;     // τ: fraction of each new gradient left out of the velocity
    double weight_decay = 0.0;  // λ: L2 penalty, adds λθ to the gradient
    bool nesterov = false;      // step along g + μb (a look-ahead) instead of b

    // Empty when valid (torch's checks: μ, τ, λ ≥ 0; Nesterov needs μ > 0 and τ = 0).
    std::string validate() const;
  };

  struct State {
    Eigen::VectorXd momentum_buffer;  // b: decayed sum of past gradients (used only when μ > 0)
    int step_count = 0;
  };

  // Throws std::invalid_argument if params are invalid or dimension < 1.
  Sgd(const Params& params, int dimension);

  void step(Eigen::VectorXd& params, const Eigen::VectorXd& grad, double lr) override;
  int step_count() const override;
  // Plain SGD keeps no state (empty list); with momentum, the velocity.
  std::vector<StateEntry> state_entries() const override;

 private:
  Params params_;
  State state_;
  Eigen::VectorXd direction_;  // the step's g (+ λθ with weight decay): working storage
};

}  // namespace descent

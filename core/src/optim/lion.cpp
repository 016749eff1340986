#include "descent/optim/lion.hpp"

#include <limits>

#include "descent/optim/hyper_parameters.hpp"

namespace descent {

std::string Lion::Params::validate() const {
  constexpr double kUnbounded = std::numeric_limits<double>::infinity();
  return first_message({check_range("lion", "beta1", beta1, 0.0, 1.0),
                        check_range("lion", "beta2", beta2, 0.0, 1.0),
                        check_range("lion", "weight_decay", weight_decay, 0.0, kUnbounded)});
}

Lion::Lion(const Params& params, int dimension) : params_(params) {
  require_valid_optimizer(params.validate(), "lion", dimension);
  state_.momentum = Eigen::VectorXd::Zero(dimension);
  state_.update_sign = Eigen::VectorXd::Zero(dimension);
}

void Lion::step(Eigen::VectorXd& params, const Eigen::VectorXd& grad, double lr) {
  require_valid_step("lion", static_cast<int>(state_.momentum.size()), params, grad, lr);
  params *= 1.0 - lr * params_.weight_decay;
  const auto blend = params_.beta1 * state_.momentum + (1.0 - params_.beta1) * grad;
  // As torch.sign: sign(0) = 0 (no signal, no move) and NaN stays NaN (a divergence shows).
  state_.update_sign = blend.unaryExpr(
      [](double value) { return value > 0.0 ? 1.0 : (value < 0.0 ? -1.0 : value); });
  params -= lr * state_.update_sign;
  state_.momentum = params_.beta2 * state_.momentum + (1.0 - params_.beta2) * grad;
  ++state_.step_count;
}

int Lion::step_count() const { return state_.step_count; }

std::vector<StateEntry> Lion::state_entries() const {
  return {{"momentum", "m (avg of g)",
           "running average of gradients (β₂): remembers the direction between steps",
           &state_.momentum},
          {"update_sign", "sign(c)",
           "direction of the latest step: only the sign of β₁m + (1−β₁)g counts, so every "
           "coordinate moved by exactly η",
           &state_.update_sign}};
}

}  // namespace descent

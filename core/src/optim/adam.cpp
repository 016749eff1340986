#include "descent/optim/adam.hpp"

#include <cmath>
#include <limits>

#include "descent/optim/hyper_parameters.hpp"

namespace descent {

std::string Adam::Params::validate() const {
  constexpr double kUnbounded = std::numeric_limits<double>::infinity();
  return first_message({check_range("adam", "beta1", beta1, 0.0, 1.0, true),
                        check_range("adam", "beta2", beta2, 0.0, 1.0, true),
                        check_range("adam", "eps", eps, 0.0, kUnbounded),
                        check_range("adam", "weight_decay", weight_decay, 0.0, kUnbounded)});
}

Adam::Adam(const Params& params, int dimension) : params_(params) {
  require_valid_optimizer(params.validate(), "adam", dimension);
  state_.first_moment = Eigen::VectorXd::Zero(dimension);
  state_.second_moment = Eigen::VectorXd::Zero(dimension);
  state_.corrected_first_moment = Eigen::VectorXd::Zero(dimension);
  state_.corrected_second_moment = Eigen::VectorXd::Zero(dimension);
}

void Adam::step(Eigen::VectorXd& params, const Eigen::VectorXd& grad, double lr) {
  require_valid_step("adam", static_cast<int>(state_.first_moment.size()), params, grad, lr);
  const double beta1 = params_.beta1;
  const double beta2 = params_.beta2;
  direction_ = grad;  // a member, so that steady training allocates nothing
  if (params_.weight_decay != 0.0) direction_ += params_.weight_decay * params;
  const Eigen::VectorXd& direction = direction_;
  ++state_.step_count;
  state_.beta1_power *= beta1;
  state_.beta2_power *= beta2;
  state_.first_moment = beta1 * state_.first_moment + (1.0 - beta1) * direction;
  state_.second_moment =
      beta2 * state_.second_moment.array() + (1.0 - beta2) * direction.array().square();
  const double first_correction = 1.0 - state_.beta1_power;
  const double second_correction = 1.0 - state_.beta2_power;
  state_.corrected_first_moment = state_.first_moment / first_correction;
  state_.corrected_second_moment = state_.second_moment / second_correction;
  // Same arithmetic order as torch: θ − (η/(1−β₁ᵗ)) · m / (√v/√(1−β₂ᵗ) + ε).
  const auto denominator =
      state_.second_moment.array().sqrt() / std::sqrt(second_correction) + params_.eps;
  params.array() -= (lr / first_correction) * (state_.first_moment.array() / denominator);
}

int Adam::step_count() const { return state_.step_count; }

std::vector<StateEntry> Adam::state_entries() const {
  return {
      {"first_moment", "m (avg of g)",
       "running average of gradients (β₁): the smoothed direction, like momentum",
       &state_.first_moment},
      {"second_moment", "v (avg of g²)",
       "running average of squared gradients (β₂): big ⇒ smaller steps on that coordinate",
       &state_.second_moment},
      {"corrected_first_moment", "m̂ = m/(1−β₁ᵗ)",
       "m scaled up to undo its start at 0; the step follows m̂", &state_.corrected_first_moment},
      {"corrected_second_moment", "v̂ = v/(1−β₂ᵗ)",
       "v scaled up to undo its start at 0; the step is divided by √v̂",
       &state_.corrected_second_moment}};
}

}  // namespace descent

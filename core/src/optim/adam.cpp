#include "descent/optim/adam.hpp"

#include <cmath>
#include <limits>
#include <type_traits>

#include "descent/optim/hyper_parameters.hpp"

namespace descent {
namespace {

// One pass over the coordinates (networks call this on every mini-batch), with torch's arithmetic
// order: θ − (η/(1−β₁ᵗ)) · m / (√v/√(1−β₂ᵗ) + ε). Restrict pointers and the weight decay decided
// per call let the compilers vectorise it (SSE2 natively, SIMD128 in WebAssembly: the same
// lane-by-lane operations, so the same values).
struct AdamPass {
  double beta1, beta2, first_correction, second_correction, root_second_correction, step_size, eps;

  template <bool with_weight_decay, bool keeps_display_state>
  void run(Eigen::Index count, double weight_decay, const double* __restrict gradient,
           double* __restrict theta, double* __restrict first_moment,
           double* __restrict second_moment, double* __restrict corrected_first,
           double* __restrict corrected_second) const {
    for (Eigen::Index i = 0; i < count; ++i) {
      const double g = with_weight_decay ? gradient[i] + weight_decay * theta[i] : gradient[i];
      const double m = beta1 * first_moment[i] + (1.0 - beta1) * g;
      const double v = beta2 * second_moment[i] + (1.0 - beta2) * (g * g);
      first_moment[i] = m;
      second_moment[i] = v;
      if (keeps_display_state) {
        corrected_first[i] = m / first_correction;
        corrected_second[i] = v / second_correction;
      }
      theta[i] -= step_size * (m / (std::sqrt(v) / root_second_correction + eps));
    }
  }
};

}  // namespace

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
  ++state_.step_count;
  state_.beta1_power *= beta1;
  state_.beta2_power *= beta2;
  const double first_correction = 1.0 - state_.beta1_power;
  const double second_correction = 1.0 - state_.beta2_power;
  const double root_second_correction = std::sqrt(second_correction);
  const double step_size = lr / first_correction;
  AdamPass pass{beta1,     beta2,      first_correction, second_correction, root_second_correction,
                step_size, params_.eps};
  const auto run = [&](auto with_weight_decay, auto keeps_display_state) {
    pass.run<decltype(with_weight_decay)::value, decltype(keeps_display_state)::value>(
        params.size(), params_.weight_decay, grad.data(), params.data(), state_.first_moment.data(),
        state_.second_moment.data(), state_.corrected_first_moment.data(),
        state_.corrected_second_moment.data());
  };
  const bool with_weight_decay = params_.weight_decay != 0.0;
  if (with_weight_decay && keeps_display_state_) run(std::true_type{}, std::true_type{});
  if (with_weight_decay && !keeps_display_state_) run(std::true_type{}, std::false_type{});
  if (!with_weight_decay && keeps_display_state_) run(std::false_type{}, std::true_type{});
  if (!with_weight_decay && !keeps_display_state_) run(std::false_type{}, std::false_type{});
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

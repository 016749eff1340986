#include "descent/optim/adamw.hpp"

#include <limits>

#include "descent/optim/hyper_parameters.hpp"

namespace descent {
namespace {

// Checked before adam_ is built, so a bad AdamW config is reported as "adamw: ...".
Adam::Params checked_adam_params(const AdamW::Params& params, int dimension) {
  require_valid_optimizer(params.validate(), "adamw", dimension);
  Adam::Params adam_params;
  adam_params.beta1 = params.beta1;
  adam_params.beta2 = params.beta2;
  adam_params.eps = params.eps;
  adam_params.weight_decay = 0.0;
  return adam_params;
}

}  // namespace

std::string AdamW::Params::validate() const {
  constexpr double kUnbounded = std::numeric_limits<double>::infinity();
  return first_message({check_range("adamw", "beta1", beta1, 0.0, 1.0, true),
                        check_range("adamw", "beta2", beta2, 0.0, 1.0, true),
                        check_range("adamw", "eps", eps, 0.0, kUnbounded),
                        check_range("adamw", "weight_decay", weight_decay, 0.0, kUnbounded)});
}

AdamW::AdamW(const Params& params, int dimension)
    : params_(params),
      dimension_(dimension),
      adam_(checked_adam_params(params, dimension), dimension) {}

void AdamW::step(Eigen::VectorXd& params, const Eigen::VectorXd& grad, double lr) {
  // Checked here too, so a bad call is rejected before the decay touches params.
  require_valid_step("adamw", dimension_, params, grad, lr);
  params *= 1.0 - lr * params_.weight_decay;
  adam_.step(params, grad, lr);
}

int AdamW::step_count() const { return adam_.step_count(); }

std::vector<StateEntry> AdamW::state_entries() const { return adam_.state_entries(); }

}  // namespace descent

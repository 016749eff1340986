#include "descent/optim/rmsprop.hpp"

#include <limits>

#include "descent/optim/hyper_parameters.hpp"

namespace descent {

std::string Rmsprop::Params::validate() const {
  constexpr double kUnbounded = std::numeric_limits<double>::infinity();
  return first_message({check_range("rmsprop", "alpha", alpha, 0.0, kUnbounded),
                        check_range("rmsprop", "eps", eps, 0.0, kUnbounded),
                        check_range("rmsprop", "weight_decay", weight_decay, 0.0, kUnbounded),
                        check_range("rmsprop", "momentum", momentum, 0.0, kUnbounded)});
}

Rmsprop::Rmsprop(const Params& params, int dimension) : params_(params) {
  require_valid_optimizer(params.validate(), "rmsprop", dimension);
  state_.square_average = Eigen::VectorXd::Zero(dimension);
  state_.gradient_average = Eigen::VectorXd::Zero(dimension);
  state_.momentum_buffer = Eigen::VectorXd::Zero(dimension);
  state_.effective_step = Eigen::VectorXd::Zero(dimension);
}

void Rmsprop::step(Eigen::VectorXd& params, const Eigen::VectorXd& grad, double lr) {
  require_valid_step("rmsprop", static_cast<int>(state_.square_average.size()), params, grad, lr);
  const double alpha = params_.alpha;
  direction_ = grad;  // a member, so that steady training allocates nothing
  if (params_.weight_decay != 0.0) direction_ += params_.weight_decay * params;
  Eigen::VectorXd& direction = direction_;
  state_.square_average =
      alpha * state_.square_average.array() + (1.0 - alpha) * direction.array().square();
  Eigen::ArrayXd scale;  // s: the per-coordinate gradient size the step is divided by
  if (params_.centered) {
    state_.gradient_average = alpha * state_.gradient_average + (1.0 - alpha) * direction;
    scale = (state_.square_average.array() - state_.gradient_average.array().square()).sqrt() +
            params_.eps;
  } else {
    scale = state_.square_average.array().sqrt() + params_.eps;
  }
  if (params_.momentum > 0.0) {
    state_.momentum_buffer =
        params_.momentum * state_.momentum_buffer.array() + direction.array() / scale;
    params -= lr * state_.momentum_buffer;
  } else {
    params.array() -= lr * (direction.array() / scale);
  }
  state_.effective_step = lr / scale;
  ++state_.step_count;
}

int Rmsprop::step_count() const { return state_.step_count; }

std::vector<StateEntry> Rmsprop::state_entries() const {
  std::vector<StateEntry> entries{
      {"square_average", "v (avg of g²)",
       "running average of squared gradients: big ⇒ smaller steps on that coordinate",
       &state_.square_average}};
  if (params_.centered) {
    entries.push_back({"gradient_average", "ḡ (avg of g)",
                       "running average of gradients: subtracting ḡ² from v leaves the variance",
                       &state_.gradient_average});
  }
  if (params_.momentum > 0.0) {
    entries.push_back({"momentum_buffer", "b (velocity)",
                       "decayed sum of past scaled gradients: the step is η·b",
                       &state_.momentum_buffer});
  }
  entries.push_back({"effective_step", params_.centered ? "η/(√(v−ḡ²)+ε)" : "η/(√v+ε)",
                     "step size per unit of gradient on each coordinate in the latest step",
                     &state_.effective_step});
  return entries;
}

}  // namespace descent

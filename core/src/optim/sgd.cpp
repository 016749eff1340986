#include "descent/optim/sgd.hpp"

#include <limits>

#include "descent/optim/hyper_parameters.hpp"

namespace descent {

std::string Sgd::Params::validate() const {
  constexpr double kUnbounded = std::numeric_limits<double>::infinity();
  const std::string message =
      first_message({check_range("sgd", "momentum", momentum, 0.0, kUnbounded),
                     check_range("sgd", "dampening", dampening, 0.0, kUnbounded),
                     check_range("sgd", "weight_decay", weight_decay, 0.0, kUnbounded)});
  if (!message.empty()) return message;
  if (nesterov && (momentum <= 0.0 || dampening != 0.0)) {
    return "sgd: Nesterov momentum needs momentum > 0 and dampening = 0";
  }
  return "";
}

Sgd::Sgd(const Params& params, int dimension) : params_(params) {
  require_valid_optimizer(params.validate(), "sgd", dimension);
  state_.momentum_buffer = Eigen::VectorXd::Zero(dimension);
}

void Sgd::step(Eigen::VectorXd& params, const Eigen::VectorXd& grad, double lr) {
  require_valid_step("sgd", static_cast<int>(state_.momentum_buffer.size()), params, grad, lr);
  direction_ = grad;  // a member, so that steady training allocates nothing
  if (params_.weight_decay != 0.0) direction_ += params_.weight_decay * params;
  Eigen::VectorXd& direction = direction_;
  if (params_.momentum != 0.0) {
    Eigen::VectorXd& velocity = state_.momentum_buffer;
    // torch starts the velocity at the first gradient itself, without dampening.
    if (state_.step_count == 0) {
      velocity = direction;
    } else {
      velocity = params_.momentum * velocity + (1.0 - params_.dampening) * direction;
    }
    if (params_.nesterov) {
      direction += params_.momentum * velocity;
    } else {
      direction = velocity;
    }
  }
  params -= lr * direction;
  ++state_.step_count;
}

int Sgd::step_count() const { return state_.step_count; }

std::vector<StateEntry> Sgd::state_entries() const {
  if (params_.momentum == 0.0) return {};
  return {{"momentum_buffer", "b (velocity)",
           "decayed sum of past gradients: steady directions build up speed, zig-zags cancel out",
           &state_.momentum_buffer}};
}

}  // namespace descent

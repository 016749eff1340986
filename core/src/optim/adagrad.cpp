#include "descent/optim/adagrad.hpp"

#include <limits>

#include "descent/optim/hyper_parameters.hpp"

namespace descent {

std::string Adagrad::Params::validate() const {
  constexpr double kUnbounded = std::numeric_limits<double>::infinity();
  return first_message({check_range("adagrad", "lr_decay", lr_decay, 0.0, kUnbounded),
                        check_range("adagrad", "weight_decay", weight_decay, 0.0, kUnbounded),
                        check_range("adagrad", "initial_accumulator_value",
                                    initial_accumulator_value, 0.0, kUnbounded),
                        check_range("adagrad", "eps", eps, 0.0, kUnbounded)});
}

Adagrad::Adagrad(const Params& params, int dimension) : params_(params) {
  require_valid_optimizer(params.validate(), "adagrad", dimension);
  // torch fills the accumulator at construction, so it is visible before the first step.
  state_.sum_of_squares = Eigen::VectorXd::Constant(dimension, params.initial_accumulator_value);
  state_.effective_step = Eigen::VectorXd::Zero(dimension);
}

void Adagrad::step(Eigen::VectorXd& params, const Eigen::VectorXd& grad, double lr) {
  require_valid_step("adagrad", static_cast<int>(state_.sum_of_squares.size()), params, grad, lr);
  direction_ = grad;  // a member, so that steady training allocates nothing
  if (params_.weight_decay != 0.0) direction_ += params_.weight_decay * params;
  Eigen::VectorXd& direction = direction_;
  ++state_.step_count;
  const double decayed_lr = lr / (1.0 + (state_.step_count - 1) * params_.lr_decay);
  state_.sum_of_squares.array() += direction.array() * direction.array();
  const Eigen::ArrayXd denominator = state_.sum_of_squares.array().sqrt() + params_.eps;
  params.array() -= decayed_lr * (direction.array() / denominator);
  state_.effective_step = decayed_lr / denominator;
}

int Adagrad::step_count() const { return state_.step_count; }

std::vector<StateEntry> Adagrad::state_entries() const {
  return {{"sum_of_squares", "G (sum of g²)",
           "total of all squared gradients so far: it only grows, so steps keep shrinking",
           &state_.sum_of_squares},
          {"effective_step", "η/(√G+ε)",
           "step size per unit of gradient on each coordinate in the latest step",
           &state_.effective_step}};
}

}  // namespace descent

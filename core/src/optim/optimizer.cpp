#include "descent/optim/optimizer.hpp"

#include <cmath>
#include <stdexcept>

#include "descent/optim/hyper_parameters.hpp"

namespace descent {

std::vector<StateVector> Optimizer::state() const {
  std::vector<StateVector> vectors;
  for (const StateEntry& entry : state_entries()) {
    vectors.push_back({entry.key, entry.label, entry.meaning, *entry.value});
  }
  return vectors;
}

void require_valid_optimizer(const std::string& params_message, const char* owner, int dimension) {
  if (!params_message.empty()) throw std::invalid_argument(params_message);
  if (dimension < 1) {
    throw std::invalid_argument(std::string(owner) + ": dimension must be ≥ 1, got " +
                                std::to_string(dimension));
  }
}

void require_valid_step(const char* owner, int dimension, const Eigen::VectorXd& params,
                        const Eigen::VectorXd& grad, double lr) {
  if (params.size() != dimension || grad.size() != dimension) {
    throw std::invalid_argument(
        std::string(owner) + ": expected params and grad of size " + std::to_string(dimension) +
        ", got " + std::to_string(params.size()) + " and " + std::to_string(grad.size()));
  }
  if (!(std::isfinite(lr) && lr >= 0.0)) {
    throw std::invalid_argument(std::string(owner) +
                                ": learning rate must be a finite number ≥ 0, got " +
                                format_number(lr));
  }
}

}  // namespace descent

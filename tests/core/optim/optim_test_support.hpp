#pragma once
// Shared by the optimizer tests: the fixed quadratic they descend and a state lookup by key.
#include <Eigen/Dense>
#include <stdexcept>
#include <string>

#include "descent/optim/optimizer.hpp"

namespace descent::test {

// Gradient of f(x, y) = x² + 4y², i.e. (2x, 8y); the tests start at (1, −0.5) where it is (2, −4).
inline Eigen::VectorXd quadratic_gradient(const Eigen::VectorXd& point) {
  return Eigen::Vector2d(2.0 * point[0], 8.0 * point[1]);
}

inline Eigen::VectorXd quadratic_start() { return Eigen::Vector2d(1.0, -0.5); }

// One optimizer step on the quadratic, from the gradient at the current point.
inline void quadratic_step(Optimizer& optimizer, Eigen::VectorXd& point, double lr) {
  optimizer.step(point, quadratic_gradient(point), lr);
}

inline Eigen::VectorXd state_value(const Optimizer& optimizer, const std::string& key) {
  for (const auto& entry : optimizer.state()) {
    if (entry.key == key) return entry.value;
  }
  throw std::out_of_range("no state vector '" + key + "'");
}

}  // namespace descent::test

#pragma once
// Newton's method on a surface's analytic gradient and Hessian, used to place
// known stationary points (e.g. minima of sums of Gaussians) to full double
// precision from a few-digit guess.
#include <Eigen/Dense>
#include <limits>

#include "descent/surfaces/surface.hpp"

namespace descent {

// Iterates point ← point − H(point)⁻¹ ∇f(point) until the step is at rounding level.
// Converges quadratically from a guess inside the basin of a non-degenerate stationary point.
inline Eigen::VectorXd refine_stationary_point(const Surface& surface, Eigen::VectorXd point) {
  constexpr int kMaxIterations = 50;
  constexpr double kRoundingLevel = 4 * std::numeric_limits<double>::epsilon();
  for (int iteration = 0; iteration < kMaxIterations; ++iteration) {
    const Eigen::VectorXd newton_step =
        surface.hessian(point).partialPivLu().solve(surface.gradient(point));
    point -= newton_step;
    if (newton_step.norm() <= kRoundingLevel * (1.0 + point.norm())) break;
  }
  return point;
}

}  // namespace descent

#include "descent/surfaces/beale.hpp"

namespace descent {
namespace {

// f = Σₖ rₖ² with residuals rₖ = cₖ − x + x·yᵏ, k = 1, 2, 3.
constexpr double kResidualConstants[] = {1.5, 2.25, 2.625};

}  // namespace

std::string BealeSurface::id() const { return "beale"; }

std::string BealeSurface::formula() const {
  return "(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²";
}

int BealeSurface::dimension() const { return 2; }

double BealeSurface::value(const Eigen::VectorXd& point) const {
  const double x = point(0), y = point(1);
  double total = 0.0;
  double y_power = 1.0;  // yᵏ
  for (const double constant : kResidualConstants) {
    y_power *= y;
    const double residual = constant - x + x * y_power;
    total += residual * residual;
  }
  return total;
}

Eigen::VectorXd BealeSurface::gradient(const Eigen::VectorXd& point) const {
  const double x = point(0), y = point(1);
  Eigen::Vector2d total = Eigen::Vector2d::Zero();
  double y_power_below = 1.0;  // yᵏ⁻¹
  int k = 0;
  for (const double constant : kResidualConstants) {
    ++k;
    const double y_power = y_power_below * y;
    const double residual = constant - x + x * y_power;
    // ∇rₖ = (yᵏ − 1, k·x·yᵏ⁻¹)
    const Eigen::Vector2d residual_gradient(y_power - 1.0, k * x * y_power_below);
    total += 2.0 * residual * residual_gradient;
    y_power_below = y_power;
  }
  return total;
}

Eigen::MatrixXd BealeSurface::hessian(const Eigen::VectorXd& point) const {
  const double x = point(0), y = point(1);
  Eigen::Matrix2d total = Eigen::Matrix2d::Zero();
  double y_power_two_below = 0.0;  // yᵏ⁻² (unused for k = 1, where its coefficient is 0)
  double y_power_below = 1.0;      // yᵏ⁻¹
  int k = 0;
  for (const double constant : kResidualConstants) {
    ++k;
    const double y_power = y_power_below * y;
    const double residual = constant - x + x * y_power;
    const Eigen::Vector2d residual_gradient(y_power - 1.0, k * x * y_power_below);
    // ∇²rₖ = [[0, k·yᵏ⁻¹], [k·yᵏ⁻¹, k(k−1)·x·yᵏ⁻²]]
    Eigen::Matrix2d residual_hessian;
    residual_hessian << 0.0, k * y_power_below,  //
        k * y_power_below, k * (k - 1) * x * y_power_two_below;
    // ∇²(r²) = 2(∇r∇rᵀ + r∇²r)
    total +=
        2.0 * (residual_gradient * residual_gradient.transpose() + residual * residual_hessian);
    y_power_two_below = y_power_below;
    y_power_below = y_power;
  }
  return total;
}

std::vector<KnownMinimum> BealeSurface::minima() const {
  return {{Eigen::Vector2d(3.0, 0.5), 0.0, true}};
}

ViewBox BealeSurface::view_box() const { return {-4.5, 4.5, -4.5, 4.5}; }

}  // namespace descent

#include "descent/surfaces/himmelblau.hpp"

#include "descent/surfaces/newton_refinement.hpp"

namespace descent {

HimmelblauSurface::HimmelblauSurface() {
  const Eigen::Vector2d published_minima[] = {
      {3.0, 2.0}, {-2.805118, 3.131312}, {-3.779310, -3.283186}, {3.584428, -1.848126}};
  for (const Eigen::Vector2d& guess : published_minima) {
    const Eigen::VectorXd minimum = refine_stationary_point(*this, guess);
    // Every minimum is a common root of both squared terms, so f = 0 exactly there.
    minima_.push_back({minimum, 0.0, true});
  }
}

std::string HimmelblauSurface::id() const { return "himmelblau"; }

std::string HimmelblauSurface::formula() const { return "(x² + y − 11)² + (x + y² − 7)²"; }

int HimmelblauSurface::dimension() const { return 2; }

double HimmelblauSurface::value(const Eigen::VectorXd& point) const {
  const double x = point(0), y = point(1);
  const double first = x * x + y - 11.0;
  const double second = x + y * y - 7.0;
  return first * first + second * second;
}

Eigen::VectorXd HimmelblauSurface::gradient(const Eigen::VectorXd& point) const {
  const double x = point(0), y = point(1);
  const double first = x * x + y - 11.0;
  const double second = x + y * y - 7.0;
  return Eigen::Vector2d(4.0 * x * first + 2.0 * second, 2.0 * first + 4.0 * y * second);
}

Eigen::MatrixXd HimmelblauSurface::hessian(const Eigen::VectorXd& point) const {
  const double x = point(0), y = point(1);
  Eigen::Matrix2d second_derivatives;
  second_derivatives << 12.0 * x * x + 4.0 * y - 42.0, 4.0 * (x + y),  //
      4.0 * (x + y), 4.0 * x + 12.0 * y * y - 26.0;
  return second_derivatives;
}

std::vector<KnownMinimum> HimmelblauSurface::minima() const { return minima_; }

ViewBox HimmelblauSurface::view_box() const { return {-5.0, 5.0, -5.0, 5.0}; }

}  // namespace descent

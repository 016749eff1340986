#include "descent/surfaces/bowl.hpp"

namespace descent {

std::string BowlSurface::id() const { return "bowl"; }

std::string BowlSurface::formula() const { return "x² + y²"; }

int BowlSurface::dimension() const { return 2; }

double BowlSurface::value(const Eigen::VectorXd& point) const {
  return point(0) * point(0) + point(1) * point(1);
}

Eigen::VectorXd BowlSurface::gradient(const Eigen::VectorXd& point) const {
  return Eigen::Vector2d(2.0 * point(0), 2.0 * point(1));
}

Eigen::MatrixXd BowlSurface::hessian(const Eigen::VectorXd& /*point*/) const {
  return 2.0 * Eigen::MatrixXd::Identity(2, 2);
}

std::vector<KnownMinimum> BowlSurface::minima() const {
  return {{Eigen::Vector2d(0.0, 0.0), 0.0, true}};
}

ViewBox BowlSurface::view_box() const { return {-3.0, 3.0, -3.0, 3.0}; }

}  // namespace descent

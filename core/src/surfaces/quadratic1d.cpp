#include "descent/surfaces/quadratic1d.hpp"

namespace descent {

std::string Quadratic1dSurface::id() const { return "quadratic1d"; }

std::string Quadratic1dSurface::formula() const { return "θ² − 6θ + 12"; }

int Quadratic1dSurface::dimension() const { return 1; }

double Quadratic1dSurface::value(const Eigen::VectorXd& point) const {
  const double theta = point(0);
  return theta * theta - 6.0 * theta + 12.0;
}

Eigen::VectorXd Quadratic1dSurface::gradient(const Eigen::VectorXd& point) const {
  return Eigen::VectorXd::Constant(1, 2.0 * point(0) - 6.0);
}

Eigen::MatrixXd Quadratic1dSurface::hessian(const Eigen::VectorXd& /*point*/) const {
  return Eigen::MatrixXd::Constant(1, 1, 2.0);
}

std::vector<KnownMinimum> Quadratic1dSurface::minima() const {
  return {{Eigen::VectorXd::Constant(1, 3.0), 3.0, true}};
}

ViewBox Quadratic1dSurface::view_box() const { return {0.0, 7.0, 2.0, 15.0}; }

}  // namespace descent

#include "descent/surfaces/saddle.hpp"

namespace descent {

std::string SaddleSurface::id() const { return "saddle"; }

std::string SaddleSurface::formula() const { return "x² − y²"; }

int SaddleSurface::dimension() const { return 2; }

double SaddleSurface::value(const Eigen::VectorXd& point) const {
  return point(0) * point(0) - point(1) * point(1);
}

Eigen::VectorXd SaddleSurface::gradient(const Eigen::VectorXd& point) const {
  return Eigen::Vector2d(2.0 * point(0), -2.0 * point(1));
}

Eigen::MatrixXd SaddleSurface::hessian(const Eigen::VectorXd& /*point*/) const {
  return Eigen::Vector2d(2.0, -2.0).asDiagonal();
}

std::vector<KnownMinimum> SaddleSurface::minima() const { return {}; }

ViewBox SaddleSurface::view_box() const { return {-2.0, 2.0, -2.0, 2.0}; }

}  // namespace descent

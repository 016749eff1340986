#include "descent/surfaces/monkey_saddle.hpp"

namespace descent {

std::string MonkeySaddleSurface::id() const { return "monkey_saddle"; }

std::string MonkeySaddleSurface::formula() const { return "x³ − 3xy²"; }

int MonkeySaddleSurface::dimension() const { return 2; }

double MonkeySaddleSurface::value(const Eigen::VectorXd& point) const {
  const double x = point(0), y = point(1);
  return x * x * x - 3.0 * x * y * y;
}

Eigen::VectorXd MonkeySaddleSurface::gradient(const Eigen::VectorXd& point) const {
  const double x = point(0), y = point(1);
  return Eigen::Vector2d(3.0 * x * x - 3.0 * y * y, -6.0 * x * y);
}

Eigen::MatrixXd MonkeySaddleSurface::hessian(const Eigen::VectorXd& point) const {
  const double x = point(0), y = point(1);
  Eigen::Matrix2d second_derivatives;
  second_derivatives << 6.0 * x, -6.0 * y,  //
      -6.0 * y, -6.0 * x;
  return second_derivatives;
}

std::vector<KnownMinimum> MonkeySaddleSurface::minima() const { return {}; }

ViewBox MonkeySaddleSurface::view_box() const { return {-2.0, 2.0, -2.0, 2.0}; }

}  // namespace descent

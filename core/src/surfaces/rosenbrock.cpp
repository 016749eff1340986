#include "descent/surfaces/rosenbrock.hpp"

namespace descent {

std::string RosenbrockSurface::id() const { return "rosenbrock"; }

std::string RosenbrockSurface::formula() const { return "(1 − x)² + 100(y − x²)²"; }

int RosenbrockSurface::dimension() const { return 2; }

double RosenbrockSurface::value(const Eigen::VectorXd& point) const {
  const double x = point(0), y = point(1);
  const double off_valley = y - x * x;  // distance above the valley floor y = x²
  return (1.0 - x) * (1.0 - x) + 100.0 * off_valley * off_valley;
}

Eigen::VectorXd RosenbrockSurface::gradient(const Eigen::VectorXd& point) const {
  const double x = point(0), y = point(1);
  const double off_valley = y - x * x;
  return Eigen::Vector2d(-2.0 * (1.0 - x) - 400.0 * x * off_valley, 200.0 * off_valley);
}

Eigen::MatrixXd RosenbrockSurface::hessian(const Eigen::VectorXd& point) const {
  const double x = point(0), y = point(1);
  Eigen::Matrix2d second_derivatives;
  second_derivatives << 2.0 - 400.0 * y + 1200.0 * x * x, -400.0 * x,  //
      -400.0 * x, 200.0;
  return second_derivatives;
}

std::vector<KnownMinimum> RosenbrockSurface::minima() const {
  return {{Eigen::Vector2d(1.0, 1.0), 0.0, true}};
}

ViewBox RosenbrockSurface::view_box() const { return {-2.0, 2.0, -1.0, 3.0}; }

}  // namespace descent

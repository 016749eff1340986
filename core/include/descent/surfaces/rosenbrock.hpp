#pragma once
// Rosenbrock's banana valley f(x, y) = (1 − x)² + 100(y − x²)²: a curved, flat-bottomed
// valley along y = x² leading slowly to the minimum f(1, 1) = 0.
#include "descent/surfaces/surface.hpp"

namespace descent {

class RosenbrockSurface final : public Surface {
 public:
  std::string id() const override;
  std::string formula() const override;
  int dimension() const override;

  double value(const Eigen::VectorXd& point) const override;
  Eigen::VectorXd gradient(const Eigen::VectorXd& point) const override;
  Eigen::MatrixXd hessian(const Eigen::VectorXd& point) const override;

  std::vector<KnownMinimum> minima() const override;
  ViewBox view_box() const override;
};

}  // namespace descent

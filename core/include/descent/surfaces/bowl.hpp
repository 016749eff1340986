#pragma once
// Isotropic bowl f(x, y) = x² + y²: every direction has the same curvature 2,
// so the gradient points straight at the minimum (0, 0).
#include "descent/surfaces/surface.hpp"

namespace descent {

class BowlSurface final : public Surface {
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

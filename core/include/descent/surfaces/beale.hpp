#pragma once
// Beale's function f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²:
// flat plateaus and steep ridges around one minimum f(3, 0.5) = 0.
#include "descent/surfaces/surface.hpp"

namespace descent {

class BealeSurface final : public Surface {
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

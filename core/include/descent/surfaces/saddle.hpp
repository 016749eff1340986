#pragma once
// Saddle f(x, y) = x² − y²: zero gradient at the origin, which is a minimum along x
// and a maximum along y. The surface has no minimum.
#include "descent/surfaces/surface.hpp"

namespace descent {

class SaddleSurface final : public Surface {
 public:
  std::string id() const override;
  std::string formula() const override;
  int dimension() const override;

  double value(const Eigen::VectorXd& point) const override;
  Eigen::VectorXd gradient(const Eigen::VectorXd& point) const override;
  Eigen::MatrixXd hessian(const Eigen::VectorXd& point) const override;

  std::vector<KnownMinimum> minima() const override;  // empty
  ViewBox view_box() const override;
};

}  // namespace descent

#pragma once
// The teaching seed's 1-D loss f(θ) = θ² − 6θ + 12 = (θ − 3)² + 3, minimum f(3) = 3.
#include "descent/surfaces/surface.hpp"

namespace descent {

class Quadratic1dSurface final : public Surface {
 public:
  std::string id() const override;
  std::string formula() const override;
  int dimension() const override;

  double value(const Eigen::VectorXd& point) const override;
  Eigen::VectorXd gradient(const Eigen::VectorXd& point) const override;
  Eigen::MatrixXd hessian(const Eigen::VectorXd& point) const override;

  std::vector<KnownMinimum> minima() const override;
  // θ ∈ [0, 7], f ∈ [2, 15], as in the teaching seed's plot.
  ViewBox view_box() const override;
};

}  // namespace descent

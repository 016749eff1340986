#pragma once
// Monkey saddle f(x, y) = x³ − 3xy²: a degenerate stationary point at the origin
// (gradient and Hessian both zero) with three valleys around it. No minimum.
#include "descent/surfaces/surface.hpp"

namespace descent {

class MonkeySaddleSurface final : public Surface {
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

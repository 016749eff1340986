#pragma once
// Himmelblau's function f(x, y) = (x² + y − 11)² + (x + y² − 7)²: four global
// minima with f = 0, one local maximum and four saddles between them.
#include "descent/surfaces/surface.hpp"

namespace descent {

class HimmelblauSurface final : public Surface {
 public:
  // Refines the four minima from their published 6-digit values with Newton's method.
  HimmelblauSurface();

  std::string id() const override;
  std::string formula() const override;
  int dimension() const override;

  double value(const Eigen::VectorXd& point) const override;
  Eigen::VectorXd gradient(const Eigen::VectorXd& point) const override;
  Eigen::MatrixXd hessian(const Eigen::VectorXd& point) const override;

  // (3, 2), (−2.805118, 3.131312), (−3.779310, −3.283186), (3.584428, −1.848126).
  std::vector<KnownMinimum> minima() const override;
  ViewBox view_box() const override;

 private:
  std::vector<KnownMinimum> minima_;
};

}  // namespace descent

#pragma once
// A shallow bowl with two Gaussian wells, for "sharp vs flat minima":
//   f(p) = 0.05‖p‖²
//          − 1.45·exp(−‖p − (1.5, 1)‖² / (2·0.3²))     narrow, deep well
//          − 1.2·exp(−‖p − (−1.5, −1)‖² / (2·1.2²))    wide, shallow well
// The narrow well holds the global minimum (f ≈ −1.302, curvature ≈ 16), the wide
// one a local minimum (f ≈ −1.055, curvature ≈ 0.9): gradient descent with lr above
// ≈ 2/16 cannot settle in the sharp one but still settles in the wide one.
#include "descent/surfaces/surface.hpp"

namespace descent {

class TwoMinimaSurface final : public Surface {
 public:
  // Locates both minima with Newton's method (they are not exactly at the well centres).
  TwoMinimaSurface();

  std::string id() const override;
  std::string formula() const override;
  int dimension() const override;

  double value(const Eigen::VectorXd& point) const override;
  Eigen::VectorXd gradient(const Eigen::VectorXd& point) const override;
  Eigen::MatrixXd hessian(const Eigen::VectorXd& point) const override;

  // The sharp (global) minimum first, then the wide (local) one.
  std::vector<KnownMinimum> minima() const override;
  ViewBox view_box() const override;

 private:
  std::vector<KnownMinimum> minima_;
};

}  // namespace descent

#pragma once
// The SGD explorer's training loss L(w, b) as a Surface, so the shared grid sampler and contour
// code (core/viz) draw its landscape, with its two located minima and a view box around them.
#include "descent/sims/sgd/line_data.hpp"
#include "descent/sims/sgd/minima.hpp"
#include "descent/surfaces/surface.hpp"

namespace descent {

class SgdLossSurface final : public Surface {
 public:
  // Keeps a copy of the data and locates the minima (locate_sgd_minima).
  explicit SgdLossSurface(SgdLineData data);

  std::string id() const override;
  std::string formula() const override;
  int dimension() const override;

  double value(const Eigen::VectorXd& point) const override;
  Eigen::VectorXd gradient(const Eigen::VectorXd& point) const override;
  Eigen::MatrixXd hessian(const Eigen::VectorXd& point) const override;

  // The sharp minimum (global = false: the wide one has the lower loss), then the wide one.
  std::vector<KnownMinimum> minima() const override;
  // w across both minima and the default start, b around the lines' common intercept 0.
  ViewBox view_box() const override;

  const std::vector<SgdMinimum>& located_minima() const { return minima_; }

 private:
  SgdLineData data_;
  std::vector<SgdMinimum> minima_;
};

}  // namespace descent

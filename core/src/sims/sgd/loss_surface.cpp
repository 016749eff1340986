#include "descent/sims/sgd/loss_surface.hpp"

#include <utility>

#include "descent/sims/sgd/line_loss.hpp"

namespace descent {

SgdLossSurface::SgdLossSurface(SgdLineData data)
    : data_(std::move(data)), minima_(locate_sgd_minima(data_)) {}

std::string SgdLossSurface::id() const { return "sgd_line_fit"; }

std::string SgdLossSurface::formula() const {
  return "L(w, b) = (1/" + std::to_string(data_.size()) +
         ") Σᵢ ½c²·ln(1 + (yᵢ − w·xᵢ − b)²/c²), c = 0.2";
}

int SgdLossSurface::dimension() const { return 2; }

double SgdLossSurface::value(const Eigen::VectorXd& point) const {
  return full_loss(data_, Eigen::Vector2d(point[0], point[1]));
}

Eigen::VectorXd SgdLossSurface::gradient(const Eigen::VectorXd& point) const {
  Eigen::Vector2d gradient;
  full_loss(data_, Eigen::Vector2d(point[0], point[1]), &gradient);
  return gradient;
}

Eigen::MatrixXd SgdLossSurface::hessian(const Eigen::VectorXd& point) const {
  return full_hessian(data_, Eigen::Vector2d(point[0], point[1]));
}

std::vector<KnownMinimum> SgdLossSurface::minima() const {
  std::vector<KnownMinimum> known;
  const bool sharp_is_lower = minima_[0].loss < minima_[1].loss;
  for (std::size_t i = 0; i < minima_.size(); ++i) {
    known.push_back({minima_[i].point, minima_[i].loss, (i == 0) == sharp_is_lower});
  }
  return known;
}

ViewBox SgdLossSurface::view_box() const { return {-1.8, 2.4, -0.9, 0.9}; }

}  // namespace descent

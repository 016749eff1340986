#include "descent/surfaces/two_minima.hpp"

#include <cmath>

#include "descent/surfaces/newton_refinement.hpp"

namespace descent {
namespace {

// A Gaussian well −depth·exp(−‖p − centre‖² / (2·width²)).
struct GaussianWell {
  double centre_x, centre_y;
  double width;  // standard deviation σ: the radius of the well's basin
  double depth;  // how far the well lowers the surface at its centre

  Eigen::Vector2d offset(const Eigen::VectorXd& point) const {
    return Eigen::Vector2d(point(0) - centre_x, point(1) - centre_y);
  }
  double exponential(const Eigen::Vector2d& offset) const {
    return std::exp(-offset.squaredNorm() / (2.0 * width * width));
  }
  double value(const Eigen::VectorXd& point) const { return -depth * exponential(offset(point)); }
  // ∇ = depth·e·(p − c)/σ²
  Eigen::Vector2d gradient(const Eigen::VectorXd& point) const {
    const Eigen::Vector2d d = offset(point);
    return depth * exponential(d) / (width * width) * d;
  }
  // ∇² = depth·e·(I/σ² − (p − c)(p − c)ᵀ/σ⁴)
  Eigen::Matrix2d hessian(const Eigen::VectorXd& point) const {
    const Eigen::Vector2d d = offset(point);
    const double variance = width * width;
    return depth * exponential(d) *
           (Eigen::Matrix2d::Identity() / variance - d * d.transpose() / (variance * variance));
  }
};

constexpr double kBowlCoefficient = 0.05;  // f gains 0.05‖p‖², keeping it bounded below
constexpr GaussianWell kSharpWell{1.5, 1.0, 0.3, 1.45};
constexpr GaussianWell kWideWell{-1.5, -1.0, 1.2, 1.2};

}  // namespace

TwoMinimaSurface::TwoMinimaSurface() {
  const Eigen::VectorXd sharp_minimum =
      refine_stationary_point(*this, Eigen::Vector2d(kSharpWell.centre_x, kSharpWell.centre_y));
  const Eigen::VectorXd wide_minimum =
      refine_stationary_point(*this, Eigen::Vector2d(kWideWell.centre_x, kWideWell.centre_y));
  const double sharp_value = value(sharp_minimum);
  const double wide_value = value(wide_minimum);
  minima_ = {{sharp_minimum, sharp_value, sharp_value < wide_value},
             {wide_minimum, wide_value, wide_value < sharp_value}};
}

std::string TwoMinimaSurface::id() const { return "two_minima"; }

std::string TwoMinimaSurface::formula() const {
  return "0.05(x² + y²) − 1.45·exp(−((x − 1.5)² + (y − 1)²) / 0.18)"
         " − 1.2·exp(−((x + 1.5)² + (y + 1)²) / 2.88)";
}

int TwoMinimaSurface::dimension() const { return 2; }

double TwoMinimaSurface::value(const Eigen::VectorXd& point) const {
  return kBowlCoefficient * point.squaredNorm() + kSharpWell.value(point) + kWideWell.value(point);
}

Eigen::VectorXd TwoMinimaSurface::gradient(const Eigen::VectorXd& point) const {
  const Eigen::Vector2d bowl_gradient = 2.0 * kBowlCoefficient * point;
  return bowl_gradient + kSharpWell.gradient(point) + kWideWell.gradient(point);
}

Eigen::MatrixXd TwoMinimaSurface::hessian(const Eigen::VectorXd& point) const {
  const Eigen::Matrix2d bowl_hessian = 2.0 * kBowlCoefficient * Eigen::Matrix2d::Identity();
  return bowl_hessian + kSharpWell.hessian(point) + kWideWell.hessian(point);
}

std::vector<KnownMinimum> TwoMinimaSurface::minima() const { return minima_; }

ViewBox TwoMinimaSurface::view_box() const { return {-4.0, 4.0, -4.0, 4.0}; }

}  // namespace descent

#include "descent/surfaces/ravine.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace descent {
namespace {

// printf's %g (six significant digits), as the messages and the formula have always shown it.
// No iostreams: they link the whole locale library into the WebAssembly core (~80 KB).
std::string six_digits(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

}  // namespace

std::string RavineSurface::validate_condition_number(double condition_number) {
  if (std::isfinite(condition_number) && condition_number >= kMinConditionNumber &&
      condition_number <= kMaxConditionNumber) {
    return "";
  }
  return "The ravine's condition number must be a finite number between " +
         six_digits(kMinConditionNumber) + " and " + six_digits(kMaxConditionNumber) + " (got " +
         six_digits(condition_number) + ").";
}

RavineSurface::RavineSurface(double condition_number) : condition_number_(condition_number) {
  const std::string problem = validate_condition_number(condition_number);
  if (!problem.empty()) throw std::invalid_argument(problem);
}

std::string RavineSurface::id() const { return "ravine"; }

std::string RavineSurface::formula() const {
  return "½(x² + " + six_digits(condition_number_) + "y²)";
}

int RavineSurface::dimension() const { return 2; }

double RavineSurface::value(const Eigen::VectorXd& point) const {
  return 0.5 * (point(0) * point(0) + condition_number_ * point(1) * point(1));
}

Eigen::VectorXd RavineSurface::gradient(const Eigen::VectorXd& point) const {
  return Eigen::Vector2d(point(0), condition_number_ * point(1));
}

Eigen::MatrixXd RavineSurface::hessian(const Eigen::VectorXd& /*point*/) const {
  return Eigen::Vector2d(1.0, condition_number_).asDiagonal();
}

std::vector<KnownMinimum> RavineSurface::minima() const {
  return {{Eigen::Vector2d(0.0, 0.0), 0.0, true}};
}

ViewBox RavineSurface::view_box() const { return {-10.0, 10.0, -5.0, 5.0}; }

}  // namespace descent

#include "descent/surfaces/curvature.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace descent {
namespace {

// Text with a typographic minus sign ("−2"), as everywhere else the learner reads maths.
std::string with_minus_sign(const char* text) {
  return text[0] == '-' ? "−" + std::string(text + 1) : std::string(text);
}

// Three significant digits, but whole numbers from 100 up to a million ("1002", not "1e+03").
std::string format_eigenvalue(double value) {
  char text[32];
  const double magnitude = std::abs(value);
  std::snprintf(text, sizeof text, magnitude >= 100.0 && magnitude < 1e6 ? "%.0f" : "%.3g", value);
  return with_minus_sign(text);
}

std::string format_component(double value) {
  // Round first so that −0.001 reads "0.00", not "−0.00".
  double rounded = std::round(value * 100.0) / 100.0;
  if (rounded == 0.0) rounded = 0.0;
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", rounded);
  return with_minus_sign(text);
}

std::string format_direction(const Eigen::Vector2d& direction) {
  return "(" + format_component(direction.x()) + ", " + format_component(direction.y()) + ")";
}

std::string along(const LocalCurvature& curvature, int index) {
  return "along " + format_direction(curvature.eigenvectors.col(index)) +
         " (λ=" + format_eigenvalue(curvature.eigenvalues(index)) + ")";
}

std::string explain(const LocalCurvature& c, double tolerance) {
  const bool equal = c.eigenvalues(1) - c.eigenvalues(0) <= tolerance;
  const std::string same_curvature =
      "equally in every direction (λ=" + format_eigenvalue(c.eigenvalues(0)) + ")";
  switch (c.kind) {
    case CurvatureKind::kMinimum:
      if (equal) return "bowl-shaped (as at a minimum): curves up " + same_curvature;
      return "bowl-shaped (as at a minimum): curves up in every direction, most " + along(c, 1) +
             ", least " + along(c, 0);
    case CurvatureKind::kMaximum:
      if (equal) return "dome-shaped (as at a maximum): curves down " + same_curvature;
      return "dome-shaped (as at a maximum): curves down in every direction, most " + along(c, 0) +
             ", least " + along(c, 1);
    case CurvatureKind::kSaddle:
      return "saddle-shaped: curves up " + along(c, 1) + " and down " + along(c, 0);
    case CurvatureKind::kDegenerate:
      break;
  }
  const bool flat_low = std::abs(c.eigenvalues(0)) <= tolerance;
  const bool flat_high = std::abs(c.eigenvalues(1)) <= tolerance;
  if (flat_low && flat_high) {
    return "degenerate: flat to second order in every direction (both λ ≈ 0), so only "
           "higher-order terms decide the shape";
  }
  const int flat = flat_low ? 0 : 1;
  const int curved = 1 - flat;
  return "degenerate: flat to second order along " + format_direction(c.eigenvectors.col(flat)) +
         " (λ≈0), curves " + (c.eigenvalues(curved) > 0 ? "up " : "down ") + along(c, curved);
}

std::string label_of(const LocalCurvature& c) {
  switch (c.kind) {
    case CurvatureKind::kMinimum:
      return c.critical ? "minimum" : "bowl-shaped here (both curvatures positive)";
    case CurvatureKind::kMaximum:
      return c.critical ? "maximum" : "dome-shaped here (both curvatures negative)";
    case CurvatureKind::kSaddle:
      return c.critical ? "saddle point" : "saddle-shaped here (curvatures of opposite signs)";
    case CurvatureKind::kDegenerate:
      break;
  }
  return c.critical ? "degenerate critical point" : "flat here along a direction (a curvature ≈ 0)";
}

}  // namespace

const char* curvature_kind_name(CurvatureKind kind) {
  switch (kind) {
    case CurvatureKind::kMinimum:
      return "minimum";
    case CurvatureKind::kMaximum:
      return "maximum";
    case CurvatureKind::kSaddle:
      return "saddle";
    case CurvatureKind::kDegenerate:
      break;
  }
  return "degenerate";
}

std::string validate_curvature_point(const Surface& surface, const Eigen::VectorXd& point) {
  if (surface.dimension() != 2) {
    return "curvature needs a 2-D surface; " + surface.id() + " is 1-D";
  }
  if (point.size() != 2 || !point.allFinite()) return "point must be two finite numbers [x, y]";
  if (!std::isfinite(surface.value(point)) || !surface.gradient(point).allFinite() ||
      !surface.hessian(point).allFinite()) {
    return "the surface's value or curvature is not finite at this point";
  }
  return "";
}

LocalCurvature local_curvature(const Surface& surface, const Eigen::VectorXd& point) {
  if (auto message = validate_curvature_point(surface, point); !message.empty()) {
    throw std::invalid_argument(message);
  }
  LocalCurvature curvature;
  curvature.value = surface.value(point);
  curvature.gradient = surface.gradient(point);
  curvature.hessian = surface.hessian(point);
  // Closed-form 2×2 symmetric eigen-decomposition; eigenvalues come out ascending.
  Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> solver;
  solver.computeDirect(curvature.hessian);
  curvature.eigenvalues = solver.eigenvalues();
  curvature.eigenvectors = solver.eigenvectors();
  // An eigenvector's sign is arbitrary; fix it so the same direction always prints the same.
  for (int i = 0; i < 2; ++i) {
    auto column = curvature.eigenvectors.col(i);
    if (column.x() < 0.0 || (column.x() == 0.0 && column.y() < 0.0)) column = -column;
    for (int k = 0; k < 2; ++k) {
      if (column(k) == 0.0) column(k) = 0.0;  // −0 → +0, so no "−0" reaches the learner
    }
  }

  const double tolerance =
      kCurvatureTolerance * std::max(1.0, curvature.eigenvalues.cwiseAbs().maxCoeff());
  const double lowest = curvature.eigenvalues(0), highest = curvature.eigenvalues(1);
  if (lowest > tolerance) {
    curvature.kind = CurvatureKind::kMinimum;
  } else if (highest < -tolerance) {
    curvature.kind = CurvatureKind::kMaximum;
  } else if (lowest < -tolerance && highest > tolerance) {
    curvature.kind = CurvatureKind::kSaddle;
  } else {
    curvature.kind = CurvatureKind::kDegenerate;
  }
  curvature.critical =
      curvature.gradient.norm() <=
      kCriticalGradient * std::max(1.0, curvature.eigenvalues.cwiseAbs().maxCoeff());
  curvature.label = label_of(curvature);
  curvature.explanation = explain(curvature, tolerance);
  return curvature;
}

}  // namespace descent

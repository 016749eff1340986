#pragma once
// The local shape of a 2-D surface at a point: the Hessian's eigenvalues (curvatures along the
// principal directions) and eigenvectors (those directions), and what they make the point look
// like.
#include <Eigen/Dense>
#include <string>

#include "descent/surfaces/surface.hpp"

namespace descent {

// The shape of the second-order (Hessian) term: what the point is when the gradient is zero.
enum class CurvatureKind {
  kMinimum,     // both eigenvalues > tolerance: curves up in every direction
  kMaximum,     // both < −tolerance: curves down in every direction
  kSaddle,      // one > tolerance, one < −tolerance
  kDegenerate,  // at least one |eigenvalue| ≤ tolerance: flat to second order along it
};

struct LocalCurvature {
  double value = 0.0;           // f
  Eigen::Vector2d gradient;     // ∇f
  Eigen::Matrix2d hessian;      // ∇²f: second derivatives, symmetric
  Eigen::Vector2d eigenvalues;  // curvatures along the principal directions, ascending
  // Column i: the unit eigenvector of eigenvalues(i), signed so that x ≥ 0 (and y > 0 if x = 0).
  Eigen::Matrix2d eigenvectors;
  CurvatureKind kind = CurvatureKind::kDegenerate;
  // The gradient is ≈ 0 (‖∇f‖ ≤ kCriticalGradient · max(1, largest |λ|)): the shape names the
  // point.
  bool critical = false;
  // What the learner reads: the point's name at a critical point ("minimum", "saddle point"),
  // else the local shape ("bowl-shaped here (both curvatures positive)") — a bowl is not a minimum.
  std::string label;
  std::string explanation;  // one line for the learner, e.g. "saddle-shaped: curves up along …"
};

// An eigenvalue counts as zero when |λ| ≤ kCurvatureTolerance · max(1, largest |λ|).
constexpr double kCurvatureTolerance = 1e-9;

// A point is critical when ‖∇f‖ ≤ kCriticalGradient · max(1, largest |λ|): on a quadratic, within
// about a thousandth of a map unit of the stationary point.
constexpr double kCriticalGradient = 1e-3;

// "minimum", "maximum", "saddle" or "degenerate".
const char* curvature_kind_name(CurvatureKind kind);

// Empty when the surface is 2-D and `point` has two finite coordinates at which the value,
// gradient and Hessian are finite; otherwise a message for the user.
std::string validate_curvature_point(const Surface& surface, const Eigen::VectorXd& point);

// Precondition: validate_curvature_point(surface, point) is empty (throws std::invalid_argument
// otherwise).
LocalCurvature local_curvature(const Surface& surface, const Eigen::VectorXd& point);

}  // namespace descent

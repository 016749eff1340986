#pragma once
// Finite-difference and linear-algebra helpers for gradient checks in tests.
//
// Typical use: compare an analytic gradient with central_difference_gradient and
// an analytic Hessian with central_difference_jacobian of the analytic gradient,
// and require relative_error(...) below a tolerance at many random points.
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

namespace descent::testing {

// Central-difference estimate of ∇f(x): component i is (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h.
// Truncation error is O(h²·f'''), rounding error O(ε·|f|/h); h ≈ 1e-5 balances them.
// `function` maps const Eigen::VectorXd& to double.
template <typename ScalarFunction>
Eigen::VectorXd central_difference_gradient(const ScalarFunction& function,
                                            const Eigen::VectorXd& point, double step) {
  Eigen::VectorXd estimate(point.size());
  for (Eigen::Index i = 0; i < point.size(); ++i) {
    Eigen::VectorXd forward = point, backward = point;
    forward(i) += step;
    backward(i) -= step;
    estimate(i) = (function(forward) - function(backward)) / (2.0 * step);
  }
  return estimate;
}

// Central-difference estimate of the Jacobian of a vector function at x: column i is
// (g(x + h·eᵢ) − g(x − h·eᵢ)) / 2h. Applied to an analytic gradient it estimates the Hessian.
// `function` maps const Eigen::VectorXd& to Eigen::VectorXd.
template <typename VectorFunction>
Eigen::MatrixXd central_difference_jacobian(const VectorFunction& function,
                                            const Eigen::VectorXd& point, double step) {
  Eigen::MatrixXd estimate;
  for (Eigen::Index i = 0; i < point.size(); ++i) {
    Eigen::VectorXd forward = point, backward = point;
    forward(i) += step;
    backward(i) -= step;
    const Eigen::VectorXd column = (function(forward) - function(backward)) / (2.0 * step);
    if (i == 0) estimate.resize(column.size(), point.size());
    estimate.col(i) = column;
  }
  return estimate;
}

// ‖a − b‖ / max(‖a‖, ‖b‖, scale_floor) (Frobenius norm for matrices): a relative error
// that becomes an absolute error when both sides are smaller than scale_floor, so
// values near zero do not turn rounding noise into a huge ratio.
template <typename DerivedA, typename DerivedB>
double relative_error(const Eigen::MatrixBase<DerivedA>& a, const Eigen::MatrixBase<DerivedB>& b,
                      double scale_floor = 1.0) {
  const double scale = std::max({a.norm(), b.norm(), scale_floor});
  return (a - b).norm() / scale;
}

// Scalar version of relative_error: |a − b| / max(|a|, |b|, scale_floor).
inline double relative_error(double a, double b, double scale_floor = 1.0) {
  return std::abs(a - b) / std::max({std::abs(a), std::abs(b), scale_floor});
}

// Eigenvalues of a symmetric matrix (only its lower triangle is read), in increasing order.
inline Eigen::VectorXd symmetric_eigenvalues(const Eigen::MatrixXd& symmetric) {
  return Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(symmetric, Eigen::EigenvaluesOnly)
      .eigenvalues();
}

// True when every eigenvalue of the symmetric matrix is strictly positive.
inline bool is_positive_definite(const Eigen::MatrixXd& symmetric) {
  return symmetric_eigenvalues(symmetric).minCoeff() > 0.0;
}

}  // namespace descent::testing

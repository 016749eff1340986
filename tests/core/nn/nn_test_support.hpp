#pragma once
// Shared by the neural-network tests: seeded random batches and central-difference gradients of a
// scalar function of a whole matrix.
#include <Eigen/Dense>
#include <cmath>
#include <initializer_list>

#include "../support/numeric_checks.hpp"
#include "descent/math/rng.hpp"

namespace descent::test {

// rows × cols with entries drawn by draw(rng), row by row.
template <typename Draw>
Eigen::MatrixXd random_matrix(Eigen::Index rows, Eigen::Index cols, Rng& rng, Draw draw) {
  Eigen::MatrixXd matrix(rows, cols);
  for (Eigen::Index row = 0; row < rows; ++row) {
    for (Eigen::Index col = 0; col < cols; ++col) matrix(row, col) = draw(rng);
  }
  return matrix;
}

// A 1 × n batch: one sample with these features.
inline Eigen::MatrixXd row(std::initializer_list<double> values) {
  Eigen::MatrixXd matrix(1, static_cast<Eigen::Index>(values.size()));
  Eigen::Index col = 0;
  for (const double value : values) matrix(0, col++) = value;
  return matrix;
}

// `value`, or kink ± margin when it lies closer than margin to the kink: finite differences with a
// step far below the margin then never straddle the non-differentiable point.
inline double away_from(double value, double kink, double margin) {
  if (std::abs(value - kink) >= margin) return value;
  return value >= kink ? kink + margin : kink - margin;
}

// Central-difference estimate of ∂f/∂M at `point`, for f mapping a const Eigen::MatrixXd& to
// double.
template <typename MatrixFunction>
Eigen::MatrixXd matrix_gradient_estimate(const MatrixFunction& function,
                                         const Eigen::MatrixXd& point, double step = 1e-5) {
  const Eigen::Index rows = point.rows(), cols = point.cols();
  const auto flat_function = [&](const Eigen::VectorXd& flat) {
    return function(Eigen::Map<const Eigen::MatrixXd>(flat.data(), rows, cols).eval());
  };
  const Eigen::VectorXd flat_point = Eigen::Map<const Eigen::VectorXd>(point.data(), point.size());
  const Eigen::VectorXd flat_gradient =
      testing::central_difference_gradient(flat_function, flat_point, step);
  return Eigen::Map<const Eigen::MatrixXd>(flat_gradient.data(), rows, cols);
}

}  // namespace descent::test

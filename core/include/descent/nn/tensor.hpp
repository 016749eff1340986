#pragma once
// Matrix types of the neural-network core, templated on the scalar type (float in widgets, double
// in gradient checks). A mini-batch is a Matrix with one row per sample and one column per
// feature, so a dense layer computes X·W + b with W of shape fan_in × fan_out.
#include <Eigen/Dense>

namespace descent::nn {

template <typename Scalar>
using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;

// A column: one value per sample (e.g. per-sample losses).
template <typename Scalar>
using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

// A row: one value per feature (e.g. a bias, broadcast over the samples of a batch).
template <typename Scalar>
using RowVector = Eigen::Matrix<Scalar, 1, Eigen::Dynamic>;

}  // namespace descent::nn

#pragma once
// Shapes in messages ("3×4") and the setters' shape check shared by the weight layers (dense,
// convolution, time-distributed dense): a value replaces a parameter tensor only with its shape.
#include <Eigen/Core>
#include <stdexcept>
#include <string>

namespace descent::nn {

inline std::string shape_text(Eigen::Index rows, Eigen::Index cols) {
  return std::to_string(rows) + "×" + std::to_string(cols);
}

// target = value, or std::invalid_argument "<owner>: <what> must be R×C, got r×c".
template <typename Tensor>
void assign_same_shape(const std::string& owner, const char* what, Tensor& target,
                       const Tensor& value) {
  if (value.rows() != target.rows() || value.cols() != target.cols()) {
    throw std::invalid_argument(owner + ": " + what + " must be " +
                                shape_text(target.rows(), target.cols()) + ", got " +
                                shape_text(value.rows(), value.cols()));
  }
  target = value;
}

}  // namespace descent::nn

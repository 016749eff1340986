#pragma once
// 2-D average pooling on (batch, channels, height, width) tensors (torch's nn.AvgPool2d with its
// defaults): each output is the sum of the inputs under its window divided by K·K, the padded
// zeros included (count_include_pad), so a border window averages in its padding. backward spreads
// each ∂L/∂output evenly, ∂L/∂output / (K·K), onto the inputs of its window. No dilation (as in
// torch), no parameters. Output size: conv_arithmetic.hpp.
#include <memory>
#include <string>

#include "descent/nn/conv_arithmetic.hpp"
#include "descent/nn/module.hpp"

namespace descent::nn {

template <typename Scalar>
class AvgPool2d : public Module<Scalar> {
 public:
  // For inputs of (channels, height, width). Throws std::invalid_argument with validate_pool2d's
  // message (conv_arithmetic.hpp), or when the dilation is not 1.
  AvgPool2d(const SlidingWindow& window, int channels, int height, int width);

  const SlidingWindow& window() const { return window_; }
  int output_height() const { return output_height_; }
  int output_width() const { return output_width_; }

  std::unique_ptr<Module<Scalar>> clone() const override;
  // "avg_pool 2×2", with ", stride s", ", padding p" where they differ from torch's defaults.
  std::string name() const override;
  TensorShape output_shape(const TensorShape& input) const override;
  Matrix<Scalar> apply(const Matrix<Scalar>& input) const override;
  const Matrix<Scalar>& forward(const Matrix<Scalar>& input, Mode mode, Rng& rng) override;
  const Matrix<Scalar>& output() const override { return output_; }
  const Matrix<Scalar>& backward(const Matrix<Scalar>& input,
                                 const Matrix<Scalar>& grad_output) override;

 private:
  void require_input(const Matrix<Scalar>& input) const;
  void pool(const Matrix<Scalar>& input, Matrix<Scalar>& output) const;
  // Calls visit(output_column, input_column) for every input inside every window, in one order.
  template <typename Visit>
  void for_each_window_input(const Visit& visit) const;

  SlidingWindow window_;
  int channels_, height_, width_;
  int output_height_, output_width_;
  Matrix<Scalar> output_;
  Matrix<Scalar> grad_input_;
};

extern template class AvgPool2d<float>;
extern template class AvgPool2d<double>;

}  // namespace descent::nn

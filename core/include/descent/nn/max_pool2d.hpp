#pragma once
// 2-D max pooling on (batch, channels, height, width) tensors (torch's nn.MaxPool2d): each output
// is the largest input under its window, per channel; padding counts as −∞, so it never wins. The
// gradient flows only to that arg-max (the first one in the window's row-major order on a tie; a
// NaN wins and stays, as in torch). forward keeps the arg-max of every output for backward. No
// parameters. Output size: conv_arithmetic.hpp.
#include <memory>
#include <string>

#include "descent/nn/conv_arithmetic.hpp"
#include "descent/nn/module.hpp"

namespace descent::nn {

template <typename Scalar>
class MaxPool2d : public Module<Scalar> {
 public:
  // For inputs of (channels, height, width). Throws std::invalid_argument with validate_pool2d's
  // (conv_arithmetic.hpp) message when invalid.
  MaxPool2d(const SlidingWindow& window, int channels, int height, int width);

  const SlidingWindow& window() const { return window_; }
  int output_height() const { return output_height_; }
  int output_width() const { return output_width_; }
  // For the last forward, entry (sample, output column): the input column that output came from
  // (−1 for a window of −∞ and NaN-free padding only, which validation rules out).
  const Eigen::Matrix<int, Eigen::Dynamic, Eigen::Dynamic>& arg_max() const { return arg_max_; }

  std::unique_ptr<Module<Scalar>> clone() const override;
  // "max_pool 2×2", with ", stride s", ", padding p", ", dilation d" where they differ from
  // torch's defaults (stride = kernel, padding 0, dilation 1).
  std::string name() const override;
  TensorShape output_shape(const TensorShape& input) const override;
  Matrix<Scalar> apply(const Matrix<Scalar>& input) const override;
  const Matrix<Scalar>& forward(const Matrix<Scalar>& input, Mode mode, Rng& rng) override;
  const Matrix<Scalar>& output() const override { return output_; }
  const Matrix<Scalar>& backward(const Matrix<Scalar>& input,
                                 const Matrix<Scalar>& grad_output) override;

 private:
  void require_input(const Matrix<Scalar>& input) const;
  template <bool keep_arg_max>
  void pool(const Matrix<Scalar>& input, Matrix<Scalar>& output,
            Eigen::Matrix<int, Eigen::Dynamic, Eigen::Dynamic>* arg_max) const;

  SlidingWindow window_;
  int channels_, height_, width_;
  int output_height_, output_width_;
  Matrix<Scalar> output_;
  Eigen::Matrix<int, Eigen::Dynamic, Eigen::Dynamic> arg_max_;
  Matrix<Scalar> grad_input_;
};

extern template class MaxPool2d<float>;
extern template class MaxPool2d<double>;

}  // namespace descent::nn

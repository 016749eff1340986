#pragma once
// Global average pooling (Lin et al. 2014, "Network in Network"; torch's AdaptiveAvgPool2d(1)
// followed by a flatten): (batch, channels, height, width) → (batch, channels), each channel's
// mean over its H·W positions, so a classifier head after it needs no flatten and works for any
// image size. backward spreads ∂L/∂output / (H·W) over the channel's positions. No parameters.
#include <memory>
#include <string>

#include "descent/nn/module.hpp"

namespace descent::nn {

template <typename Scalar>
class GlobalAvgPool : public Module<Scalar> {
 public:
  // For inputs of (channels, height, width). Throws std::invalid_argument when an extent is < 1.
  GlobalAvgPool(int channels, int height, int width);

  std::unique_ptr<Module<Scalar>> clone() const override;
  std::string name() const override;  // "global_avg_pool"
  TensorShape output_shape(const TensorShape& input) const override;
  Matrix<Scalar> apply(const Matrix<Scalar>& input) const override;
  const Matrix<Scalar>& forward(const Matrix<Scalar>& input, Mode mode, Rng& rng) override;
  const Matrix<Scalar>& output() const override { return output_; }
  const Matrix<Scalar>& backward(const Matrix<Scalar>& input,
                                 const Matrix<Scalar>& grad_output) override;

 private:
  void require_input(const Matrix<Scalar>& input) const;
  void pool(const Matrix<Scalar>& input, Matrix<Scalar>& output) const;

  int channels_, height_, width_;
  Matrix<Scalar> output_;
  Matrix<Scalar> grad_input_;
};

extern template class GlobalAvgPool<float>;
extern template class GlobalAvgPool<double>;

}  // namespace descent::nn

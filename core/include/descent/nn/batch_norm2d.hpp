#pragma once
// Batch normalisation over the channels of a batch of images, as torch.nn.BatchNorm2d (Ioffe &
// Szegedy 2015, §3.2 "for convolutional networks"): each channel c has one γ_c, β_c and one mean
// and variance, taken over the batch and every position (y, x) — n = batch·H·W values per channel
// — so a feature map is normalised the same way wherever it is. Otherwise as BatchNorm (the
// feature version, batch_norm.hpp): training mode uses the batch's statistics and moves the running
// ones (unbiased variance, n/(n − 1)), evaluation mode uses the running ones, and backward goes
// through the batch statistics in training mode.
//
// Implemented as that BatchNorm over `channels` features on the (batch·H·W) × channels matrix of
// the input's values (row n·H·W + p, column c = x(n, c·H·W + p)): one set of formulas for both
// layers. The rearranged buffers are kept, so a steady training step allocates nothing.
//
// Flat parameter order: γ(0..channels), then β(0..channels), as torch's state_dict.
#include <memory>
#include <string>

#include "descent/nn/batch_norm.hpp"
#include "descent/nn/module.hpp"

namespace descent::nn {

template <typename Scalar>
class BatchNorm2d : public Module<Scalar> {
 public:
  // γ = 1, β = 0, running mean 0, running variance 1. Throws std::invalid_argument for a size < 1
  // or invalid eps / momentum (validate_batch_norm).
  BatchNorm2d(int channels, int height, int width, double eps = kDefaultBatchNormEps,
              double momentum = kDefaultBatchNormMomentum);

  int channels() const { return channels_; }
  // The per-channel normalisation (γ, β, running statistics).
  const BatchNorm<Scalar>& per_channel() const { return norm_; }
  BatchNorm<Scalar>& per_channel() { return norm_; }
  RunningStatistics<Scalar> running_statistics() const { return norm_.running_statistics(); }

  // Module: on (batch, channels, height, width) images; rng is not used. Training mode needs
  // more than one value per channel (batch·H·W > 1).
  std::unique_ptr<Module<Scalar>> clone() const override;
  std::string name() const override;  // "batch_norm2d C"
  TensorShape output_shape(const TensorShape& input) const override;
  Matrix<Scalar> apply(const Matrix<Scalar>& input) const override;
  const Matrix<Scalar>& forward(const Matrix<Scalar>& input, Mode mode, Rng& rng) override;
  const Matrix<Scalar>& output() const override { return output_; }
  const Matrix<Scalar>& backward(const Matrix<Scalar>& input,
                                 const Matrix<Scalar>& grad_output) override;
  void zero_gradients() override { norm_.zero_gradients(); }
  int parameter_block_count() const override { return 2; }
  ParameterBlock<Scalar> parameter_block(int index) override {
    return norm_.parameter_block(index);
  }

 private:
  // images (batch × C·H·W) → rows (batch·H·W × C), and back.
  void to_rows(const Matrix<Scalar>& images, Matrix<Scalar>& rows) const;
  void to_images(const Matrix<Scalar>& rows, Eigen::Index batch, Matrix<Scalar>& images) const;

  int channels_;
  int height_;
  int width_;
  BatchNorm<Scalar> norm_;
  Matrix<Scalar> rows_;  // the input or ∂L/∂output, rearranged
  Matrix<Scalar> output_;
  Matrix<Scalar> grad_input_;
  bool has_forward_ = false;
};

extern template class BatchNorm2d<float>;
extern template class BatchNorm2d<double>;

}  // namespace descent::nn

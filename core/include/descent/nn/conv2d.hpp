#pragma once
// A 2-D convolution on (batch, channels, height, width) tensors (torch's nn.Conv2d): output channel
// o at (y, x) is b(o) + Σ W(o; c, i, j)·input(c, y·S − P + i·D, x·S − P + j·D) over the kernel taps
// (i, j) and the input channels c of o's group, the input read as zero outside the image (a
// cross-correlation, as every framework computes it). Groups split the channels into `groups`
// independent convolutions of C_in/groups → C_out/groups channels; groups = C_in = C_out is a
// depthwise convolution. Sizes: conv_arithmetic.hpp.
//
// Lowered to the dense layer's matrix kernel (matrix_product.hpp), so native and WebAssembly agree
// bit for bit: forward copies the input's patches into a workspace (im2col: one row per output
// position and sample, one column per channel and tap) and multiplies it by the kernel matrix;
// backward multiplies ∂L/∂output by the patches for ∂L/∂W and by the kernel for ∂L/∂patches, which
// col2im adds back onto the input positions they were copied from. The workspaces are kept, so a
// steady training step allocates nothing.
//
// Parameter blocks (module.hpp): the kernel matrix W, K·K·C_in/groups rows × C_out columns —
// column o is filter o over (channel of its group, tap row, tap column), row-major, i.e. torch's
// weight[o] flattened — so in θ, row by row, entry (k, o) is at k·C_out + o; then the bias
// (1 × C_out) when the layer has one.
#include <memory>
#include <string>

#include "descent/math/rng.hpp"
#include "descent/nn/conv_arithmetic.hpp"
#include "descent/nn/initializer.hpp"
#include "descent/nn/module.hpp"
#include "descent/nn/tensor.hpp"

namespace descent::nn {

struct Conv2dSettings {
  int input_channels = 1;
  int output_channels = 1;
  SlidingWindow window;  // kernel size, stride, padding, dilation (the same on both axes)
  int groups = 1;        // divides both channel counts
  bool bias = true;
};

// "" when a convolution with these settings can take a (channels, height, width) input: channel
// counts ≥ 1, a valid window (validate_sliding_window), groups ≥ 1 dividing both channel counts,
// input extents ≥ 1, the input channels those of the settings and an output of at least 1×1.
std::string validate_conv2d(const Conv2dSettings& settings, int input_height, int input_width);

template <typename Scalar>
class Conv2d : public Module<Scalar> {
 public:
  // For inputs of (settings.input_channels, input_height, input_width). Weights from
  // `initializer` with torch's fans (initialize_weights), bias zeros. Throws std::invalid_argument
  // with validate_conv2d's message (or the initializer's) when invalid.
  Conv2d(const Conv2dSettings& settings, int input_height, int input_width,
         const Initializer& initializer, Rng& rng);

  const Conv2dSettings& settings() const { return settings_; }
  TensorShape input_shape(int batch) const;
  int output_height() const { return output_height_; }
  int output_width() const { return output_width_; }

  const Matrix<Scalar>& weights() const { return weights_; }
  const RowVector<Scalar>& bias() const { return bias_; }  // empty without bias
  // Throw std::invalid_argument unless the shape is the current one.
  void set_weights(const Matrix<Scalar>& weights);
  void set_bias(const RowVector<Scalar>& bias);
  const Matrix<Scalar>& weight_gradient() const { return weight_gradient_; }
  const RowVector<Scalar>& bias_gradient() const { return bias_gradient_; }

  std::unique_ptr<Module<Scalar>> clone() const override;
  // "conv 1→6 5×5", with ", stride 2", ", padding 1", ", dilation 2", ", groups 3", ", no bias"
  // where they differ from the defaults.
  std::string name() const override;
  TensorShape output_shape(const TensorShape& input) const override;
  Matrix<Scalar> apply(const Matrix<Scalar>& input) const override;
  const Matrix<Scalar>& forward(const Matrix<Scalar>& input, Mode mode, Rng& rng) override;
  const Matrix<Scalar>& output() const override { return output_; }
  const Matrix<Scalar>& backward(const Matrix<Scalar>& input,
                                 const Matrix<Scalar>& grad_output) override;
  // Skips ∂L/∂patches and col2im: a first layer's input is data.
  void accumulate_parameter_gradients(const Matrix<Scalar>& input,
                                      const Matrix<Scalar>& grad_output) override;
  void zero_gradients() override;
  int parameter_block_count() const override { return settings_.bias ? 2 : 1; }
  ParameterBlock<Scalar> parameter_block(int index) override;
  std::optional<GradientNorms> gradient_norms() const override;

 private:
  void require_input(const Matrix<Scalar>& input) const;
  // im2col of `input` into `patches`, then output = bias + patches·W per group.
  void compute_output(const Matrix<Scalar>& input, Matrix<Scalar>& patches,
                      Matrix<Scalar>& output) const;
  void add_parameter_gradients(const Matrix<Scalar>& grad_output);

  Conv2dSettings settings_;
  int input_height_;
  int input_width_;
  int output_height_;
  int output_width_;
  Matrix<Scalar> weights_;
  RowVector<Scalar> bias_;
  Matrix<Scalar> weight_gradient_;
  RowVector<Scalar> bias_gradient_;
  // The last forward's im2col (rows: output position × sample, sample fastest; columns: input
  // channel × tap row × tap column) and output.
  Matrix<Scalar> patches_;
  Matrix<Scalar> output_;
  // backward's working storage: one group's patches transposed, one group's ∂L/∂patches, ∂L/∂input.
  Matrix<Scalar> transposed_group_patches_;
  Matrix<Scalar> group_patch_gradient_;
  Matrix<Scalar> grad_input_;
};

extern template class Conv2d<float>;
extern template class Conv2d<double>;

}  // namespace descent::nn

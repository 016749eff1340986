#include "descent/nn/conv2d.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "descent/math/cold_code.hpp"
#include "descent/nn/matrix_product.hpp"
#include "descent/nn/shape_checked.hpp"

namespace descent::nn {
namespace {

// The geometry im2col and col2im walk: which input entries each (channel, tap, output position)
// reads. Storage is column-major with the sample fastest (tensor_shape.hpp), so one (channel, row,
// column) of the input and one (position, tap) of the patches are both `batch` contiguous values.
struct PatchGeometry {
  Eigen::Index batch;
  int channels, height, width;
  int output_height, output_width;
  SlidingWindow window;

  // For every tap of every channel and every output row, in one fixed order, calls
  // visit(patch_column, first_position, count, input_column, input_step) for runs of `count`
  // consecutive output positions along the row: their taps read input columns input_column,
  // input_column + input_step, … (stride apart), or, with input_column −1, lie in the padding. A
  // run moves up to count·batch values at once instead of `batch` at a time (at batch 1, one
  // value per call made im2col and col2im a third of a LeNet training step). Each input entry is
  // read at most once per run, so col2im's sums add in the same order as entry by entry.
  template <typename Visit>
  void for_each_run(const Visit& visit) const {
    const int kernel = window.kernel, stride = window.stride;
    Eigen::Index patch_column = 0;
    for (int channel = 0; channel < channels; ++channel) {
      for (int tap_row = 0; tap_row < kernel; ++tap_row) {
        for (int tap_column = 0; tap_column < kernel; ++tap_column, ++patch_column) {
          // Output columns whose tap lands inside: out·S − P + tap·D in [0, width).
          const int offset = tap_column * window.dilation - window.padding;
          const int first = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
          const int last = width - 1 - offset < 0
                               ? -1
                               : std::min((width - 1 - offset) / stride, output_width - 1);
          for (int out_row = 0; out_row < output_height; ++out_row) {
            const Eigen::Index position = static_cast<Eigen::Index>(out_row) * output_width;
            const int row = out_row * stride - window.padding + tap_row * window.dilation;
            if (row < 0 || row >= height || first > last) {
              visit(patch_column, position, output_width, Eigen::Index{-1}, 0);
              continue;
            }
            if (first > 0) visit(patch_column, position, first, Eigen::Index{-1}, 0);
            visit(patch_column, position + first, last - first + 1,
                  static_cast<Eigen::Index>((channel * height + row) * width) + first * stride +
                      offset,
                  stride);
            if (last < output_width - 1) {
              visit(patch_column, position + last + 1, output_width - 1 - last, Eigen::Index{-1},
                    0);
            }
          }
        }
      }
    }
  }
};

template <typename Scalar>
void im2col(const Matrix<Scalar>& input, const PatchGeometry& geometry, Matrix<Scalar>& patches) {
  const Eigen::Index batch = geometry.batch;
  const Eigen::Index positions =
      static_cast<Eigen::Index>(geometry.output_height) * geometry.output_width;
  patches.resize(positions * batch, static_cast<Eigen::Index>(geometry.channels) *
                                        geometry.window.kernel * geometry.window.kernel);
  const Scalar* source = input.data();
  Scalar* target = patches.data();
  const Eigen::Index rows = patches.rows();
  geometry.for_each_run([&](Eigen::Index patch_column, Eigen::Index position, Eigen::Index count,
                            Eigen::Index input_column, Eigen::Index input_step) {
    Scalar* to = target + patch_column * rows + position * batch;
    if (input_column < 0) {
      std::fill(to, to + count * batch, Scalar(0));
      return;
    }
    const Scalar* from = source + input_column * batch;
    if (input_step == 1) {
      std::copy(from, from + count * batch, to);
      return;
    }
    for (Eigen::Index k = 0; k < count; ++k) {
      std::copy(from + k * input_step * batch, from + (k * input_step + 1) * batch, to + k * batch);
    }
  });
}

// grad_input += the patch gradients, each added back where im2col copied it from, in
// for_each_run's order (so every input entry sums its terms in the same order on every platform).
template <typename Scalar>
void col2im_group(const Matrix<Scalar>& group_patch_gradient, const PatchGeometry& geometry,
                  int first_channel, Matrix<Scalar>& grad_input) {
  const Eigen::Index batch = geometry.batch;
  const Eigen::Index rows = group_patch_gradient.rows();
  const Eigen::Index first_column =
      static_cast<Eigen::Index>(first_channel) * geometry.height * geometry.width;
  const Scalar* source = group_patch_gradient.data();
  Scalar* target = grad_input.data() + first_column * batch;
  geometry.for_each_run([&](Eigen::Index patch_column, Eigen::Index position, Eigen::Index count,
                            Eigen::Index input_column, Eigen::Index input_step) {
    if (input_column < 0) return;
    const Scalar* from = source + patch_column * rows + position * batch;
    Scalar* to = target + input_column * batch;
    if (input_step == 1) {
      for (Eigen::Index k = 0; k < count * batch; ++k) to[k] = to[k] + from[k];
      return;
    }
    for (Eigen::Index k = 0; k < count; ++k) {
      Scalar* entry = to + k * input_step * batch;
      const Scalar* term = from + k * batch;
      for (Eigen::Index sample = 0; sample < batch; ++sample)
        entry[sample] = entry[sample] + term[sample];
    }
  });
}

}  // namespace

// Validation, once per layer built: optimised for size (cold_code.hpp).
DESCENT_BEGIN_COLD_CODE
std::string validate_conv2d(const Conv2dSettings& settings, int input_height, int input_width) {
  const std::string owner = "conv2d";
  if (settings.input_channels < 1 || settings.output_channels < 1) {
    return owner + ": input and output channels must be ≥ 1, got " +
           std::to_string(settings.input_channels) + " and " +
           std::to_string(settings.output_channels);
  }
  std::string message = validate_sliding_window(owner, settings.window);
  if (!message.empty()) return message;
  if (settings.groups < 1) {
    return owner + ": groups must be ≥ 1, got " + std::to_string(settings.groups);
  }
  if (settings.input_channels % settings.groups != 0 ||
      settings.output_channels % settings.groups != 0) {
    return owner + ": groups (" + std::to_string(settings.groups) +
           ") must divide both the input channels (" + std::to_string(settings.input_channels) +
           ") and the output channels (" + std::to_string(settings.output_channels) + ")";
  }
  if (input_height < 1 || input_width < 1) {
    return owner + ": the input must be at least 1×1, got " + shape_text(input_height, input_width);
  }
  const SlidingWindow& window = settings.window;
  const std::int64_t height = window_output_size(input_height, window);
  const std::int64_t width = window_output_size(input_width, window);
  if (height < 1 || width < 1) {
    return owner + ": a " + shape_text(window.kernel, window.kernel) + " kernel (dilation " +
           std::to_string(window.dilation) + ", spanning " +
           std::to_string(dilated_kernel_size(window)) + ") with padding " +
           std::to_string(window.padding) + " does not fit a " +
           shape_text(input_height, input_width) +
           " input: ⌊(W + 2P − D·(K − 1) − 1)/S⌋ + 1 = " + std::to_string(std::min(height, width));
  }
  return "";
}
DESCENT_END_COLD_CODE

template <typename Scalar>
Conv2d<Scalar>::Conv2d(const Conv2dSettings& settings, int input_height, int input_width,
                       const Initializer& initializer, Rng& rng)
    : settings_(settings), input_height_(input_height), input_width_(input_width) {
  const std::string message = validate_conv2d(settings, input_height, input_width);
  if (!message.empty()) throw std::invalid_argument(message);
  output_height_ = static_cast<int>(window_output_size(input_height, settings.window));
  output_width_ = static_cast<int>(window_output_size(input_width, settings.window));
  const int taps = settings.window.kernel * settings.window.kernel;
  const int filter_size = taps * (settings.input_channels / settings.groups);
  weights_ = initialize_weights<Scalar>(initializer, filter_size, settings.output_channels,
                                        filter_size, taps * settings.output_channels, rng);
  weight_gradient_ = Matrix<Scalar>::Zero(weights_.rows(), weights_.cols());
  if (settings.bias) {
    bias_ = RowVector<Scalar>::Zero(settings.output_channels);
    bias_gradient_ = RowVector<Scalar>::Zero(settings.output_channels);
  }
}

template <typename Scalar>
TensorShape Conv2d<Scalar>::input_shape(int batch) const {
  return TensorShape::image(batch, settings_.input_channels, input_height_, input_width_);
}

template <typename Scalar>
void Conv2d<Scalar>::set_weights(const Matrix<Scalar>& weights) {
  assign_same_shape(name(), "weights", weights_, weights);
}

template <typename Scalar>
void Conv2d<Scalar>::set_bias(const RowVector<Scalar>& bias) {
  assign_same_shape(name(), "bias", bias_, bias);
}

template <typename Scalar>
std::unique_ptr<Module<Scalar>> Conv2d<Scalar>::clone() const {
  return std::make_unique<Conv2d>(*this);
}

template <typename Scalar>
std::string Conv2d<Scalar>::name() const {
  const SlidingWindow& window = settings_.window;
  std::string text = "conv " + std::to_string(settings_.input_channels) + "→" +
                     std::to_string(settings_.output_channels) + " " +
                     shape_text(window.kernel, window.kernel);
  if (window.stride != 1) text += ", stride " + std::to_string(window.stride);
  if (window.padding != 0) text += ", padding " + std::to_string(window.padding);
  if (window.dilation != 1) text += ", dilation " + std::to_string(window.dilation);
  if (settings_.groups != 1) text += ", groups " + std::to_string(settings_.groups);
  if (!settings_.bias) text += ", no bias";
  return text;
}

template <typename Scalar>
TensorShape Conv2d<Scalar>::output_shape(const TensorShape& input) const {
  require_image_shape(name(), input, settings_.input_channels, input_height_, input_width_);
  return TensorShape::image(input.batch(), settings_.output_channels, output_height_,
                            output_width_);
}

template <typename Scalar>
void Conv2d<Scalar>::require_input(const Matrix<Scalar>& input) const {
  require_image_columns(*this, input.cols(), settings_.input_channels, input_height_, input_width_);
}

template <typename Scalar>
void Conv2d<Scalar>::compute_output(const Matrix<Scalar>& input, Matrix<Scalar>& patches,
                                    Matrix<Scalar>& output) const {
  const Eigen::Index batch = input.rows();
  const PatchGeometry geometry{batch,           settings_.input_channels, input_height_,
                               input_width_,    output_height_,           output_width_,
                               settings_.window};
  im2col(input, geometry, patches);
  const Eigen::Index positions = static_cast<Eigen::Index>(output_height_) * output_width_;
  const Eigen::Index rows = positions * batch;
  const int groups = settings_.groups;
  const Eigen::Index filter_size = weights_.rows();
  const Eigen::Index group_outputs = settings_.output_channels / groups;
  // Output storage (sample, (channel, y, x)) with the sample fastest is exactly the product's
  // (position × sample) × channel matrix: each group's product writes its channels in place.
  output.resize(batch, settings_.output_channels * positions);
  for (int channel = 0; channel < settings_.output_channels; ++channel) {
    Scalar* column = output.data() + channel * rows;
    std::fill(column, column + rows, settings_.bias ? bias_[channel] : Scalar(0));
  }
  for (int group = 0; group < groups; ++group) {
    const ConstMatrixView<Scalar> group_patches(patches.data() + group * filter_size * rows, rows,
                                                filter_size);
    const ConstMatrixView<Scalar> group_weights(
        weights_.data() + group * group_outputs * filter_size, filter_size, group_outputs);
    add_product(
        group_patches, group_weights,
        MatrixView<Scalar>(output.data() + group * group_outputs * rows, rows, group_outputs));
  }
}

template <typename Scalar>
Matrix<Scalar> Conv2d<Scalar>::apply(const Matrix<Scalar>& input) const {
  require_input(input);
  Matrix<Scalar> patches, output;
  compute_output(input, patches, output);
  return output;
}

template <typename Scalar>
const Matrix<Scalar>& Conv2d<Scalar>::forward(const Matrix<Scalar>& input, Mode, Rng&) {
  require_input(input);
  compute_output(input, patches_, output_);
  return output_;
}

template <typename Scalar>
void Conv2d<Scalar>::add_parameter_gradients(const Matrix<Scalar>& grad_output) {
  if (output_.size() == 0) throw std::logic_error(name() + ": backward() before forward()");
  require_gradient_shape("conv2d", output_, grad_output);
  const Eigen::Index rows = patches_.rows();
  const Eigen::Index filter_size = weights_.rows();
  const Eigen::Index group_outputs = settings_.output_channels / settings_.groups;
  if (settings_.bias) {
    // Σ over positions and samples, in storage order.
    for (int channel = 0; channel < settings_.output_channels; ++channel) {
      const Scalar* column = grad_output.data() + channel * rows;
      Scalar sum = bias_gradient_[channel];
      for (Eigen::Index row = 0; row < rows; ++row) sum = sum + column[row];
      bias_gradient_[channel] = sum;
    }
  }
  // ∂L/∂W_g = patches_gᵀ·∂L/∂output_g; the kernel reads its left operand column-major, so each
  // group's patches are transposed first.
  transposed_group_patches_.resize(filter_size, rows);
  for (int group = 0; group < settings_.groups; ++group) {
    const ConstMatrixView<Scalar> group_patches(patches_.data() + group * filter_size * rows, rows,
                                                filter_size);
    transposed_group_patches_.noalias() = group_patches.transpose();
    const ConstMatrixView<Scalar> group_grad_output(
        grad_output.data() + group * group_outputs * rows, rows, group_outputs);
    add_product(ConstMatrixView<Scalar>(transposed_group_patches_.data(), filter_size, rows),
                group_grad_output,
                MatrixView<Scalar>(weight_gradient_.data() + group * group_outputs * filter_size,
                                   filter_size, group_outputs));
  }
}

template <typename Scalar>
const Matrix<Scalar>& Conv2d<Scalar>::backward(const Matrix<Scalar>&,
                                               const Matrix<Scalar>& grad_output) {
  add_parameter_gradients(grad_output);
  const Eigen::Index batch = output_.rows();
  const Eigen::Index rows = patches_.rows();
  const Eigen::Index filter_size = weights_.rows();
  const int group_inputs = settings_.input_channels / settings_.groups;
  const Eigen::Index group_outputs = settings_.output_channels / settings_.groups;
  const PatchGeometry group_geometry{batch,          group_inputs,  input_height_,   input_width_,
                                     output_height_, output_width_, settings_.window};
  grad_input_.setZero(
      batch, static_cast<Eigen::Index>(settings_.input_channels) * input_height_ * input_width_);
  group_patch_gradient_.resize(rows, filter_size);
  for (int group = 0; group < settings_.groups; ++group) {
    // ∂L/∂patches_g = ∂L/∂output_g·W_gᵀ, then back onto the group's input channels.
    group_patch_gradient_.setZero();
    const ConstMatrixView<Scalar> group_grad_output(
        grad_output.data() + group * group_outputs * rows, rows, group_outputs);
    const ConstMatrixView<Scalar> group_weights(
        weights_.data() + group * group_outputs * filter_size, filter_size, group_outputs);
    add_product_transposed(group_grad_output, group_weights,
                           MatrixView<Scalar>(group_patch_gradient_.data(), rows, filter_size));
    col2im_group(group_patch_gradient_, group_geometry, group * group_inputs, grad_input_);
  }
  return grad_input_;
}

template <typename Scalar>
void Conv2d<Scalar>::accumulate_parameter_gradients(const Matrix<Scalar>&,
                                                    const Matrix<Scalar>& grad_output) {
  add_parameter_gradients(grad_output);
}

template <typename Scalar>
void Conv2d<Scalar>::zero_gradients() {
  weight_gradient_.setZero();
  bias_gradient_.setZero();
}

template <typename Scalar>
ParameterBlock<Scalar> Conv2d<Scalar>::parameter_block(int index) {
  if (index == 0) {
    return {weights_.data(), weight_gradient_.data(), weights_.rows(), weights_.cols()};
  }
  if (index == 1 && settings_.bias) return {bias_.data(), bias_gradient_.data(), 1, bias_.cols()};
  return Module<Scalar>::parameter_block(index);
}

template <typename Scalar>
std::optional<GradientNorms> Conv2d<Scalar>::gradient_norms() const {
  return GradientNorms{static_cast<double>(weights_.norm()),
                       static_cast<double>(weight_gradient_.norm()),
                       static_cast<double>(bias_gradient_.norm())};
}

template class Conv2d<float>;
template class Conv2d<double>;

}  // namespace descent::nn

#include "descent/nn/max_pool2d.hpp"

#include <limits>
#include <stdexcept>

namespace descent::nn {

template <typename Scalar>
MaxPool2d<Scalar>::MaxPool2d(const SlidingWindow& window, int channels, int height, int width)
    : window_(window), channels_(channels), height_(height), width_(width) {
  const std::string message = validate_pool2d("max_pool2d", window, channels, height, width);
  if (!message.empty()) throw std::invalid_argument(message);
  output_height_ = static_cast<int>(window_output_size(height, window));
  output_width_ = static_cast<int>(window_output_size(width, window));
}

template <typename Scalar>
std::unique_ptr<Module<Scalar>> MaxPool2d<Scalar>::clone() const {
  return std::make_unique<MaxPool2d>(*this);
}

template <typename Scalar>
std::string MaxPool2d<Scalar>::name() const {
  std::string text =
      "max_pool " + std::to_string(window_.kernel) + "×" + std::to_string(window_.kernel);
  if (window_.stride != window_.kernel) text += ", stride " + std::to_string(window_.stride);
  if (window_.padding != 0) text += ", padding " + std::to_string(window_.padding);
  if (window_.dilation != 1) text += ", dilation " + std::to_string(window_.dilation);
  return text;
}

template <typename Scalar>
TensorShape MaxPool2d<Scalar>::output_shape(const TensorShape& input) const {
  require_image_shape(name(), input, channels_, height_, width_);
  return TensorShape::image(input.batch(), channels_, output_height_, output_width_);
}

template <typename Scalar>
void MaxPool2d<Scalar>::require_input(const Matrix<Scalar>& input) const {
  require_image_columns(*this, input.cols(), channels_, height_, width_);
}

// Output column by output column, each window tap compared across the batch's contiguous samples.
template <typename Scalar>
template <bool keep_arg_max>
void MaxPool2d<Scalar>::pool(const Matrix<Scalar>& input, Matrix<Scalar>& output,
                             Eigen::Matrix<int, Eigen::Dynamic, Eigen::Dynamic>* arg_max) const {
  const Eigen::Index batch = input.rows();
  const Eigen::Index columns =
      static_cast<Eigen::Index>(channels_) * output_height_ * output_width_;
  output.resize(batch, columns);
  if (keep_arg_max) arg_max->resize(batch, columns);
  Eigen::Index output_column = 0;
  for (int channel = 0; channel < channels_; ++channel) {
    for (int out_row = 0; out_row < output_height_; ++out_row) {
      for (int out_col = 0; out_col < output_width_; ++out_col, ++output_column) {
        Scalar* best = output.data() + output_column * batch;
        int* best_column = keep_arg_max ? arg_max->data() + output_column * batch : nullptr;
        for (Eigen::Index sample = 0; sample < batch; ++sample) {
          best[sample] = -std::numeric_limits<Scalar>::infinity();
          if (keep_arg_max) best_column[sample] = -1;
        }
        for (int tap_row = 0; tap_row < window_.kernel; ++tap_row) {
          const int row = out_row * window_.stride - window_.padding + tap_row * window_.dilation;
          if (row < 0 || row >= height_) continue;
          for (int tap_col = 0; tap_col < window_.kernel; ++tap_col) {
            const int col = out_col * window_.stride - window_.padding + tap_col * window_.dilation;
            if (col < 0 || col >= width_) continue;
            const int input_column = (channel * height_ + row) * width_ + col;
            const Scalar* values = input.data() + static_cast<Eigen::Index>(input_column) * batch;
            for (Eigen::Index sample = 0; sample < batch; ++sample) {
              const Scalar value = values[sample];
              // Strictly greater keeps the first maximum; a NaN takes over (value != value).
              const bool wins =
                  value > best[sample] || (value != value && best[sample] == best[sample]);
              if (!wins) continue;
              best[sample] = value;
              if (keep_arg_max) best_column[sample] = input_column;
            }
          }
        }
      }
    }
  }
}

template <typename Scalar>
Matrix<Scalar> MaxPool2d<Scalar>::apply(const Matrix<Scalar>& input) const {
  require_input(input);
  Matrix<Scalar> output;
  pool<false>(input, output, nullptr);
  return output;
}

template <typename Scalar>
const Matrix<Scalar>& MaxPool2d<Scalar>::forward(const Matrix<Scalar>& input, Mode, Rng&) {
  require_input(input);
  pool<true>(input, output_, &arg_max_);
  return output_;
}

template <typename Scalar>
const Matrix<Scalar>& MaxPool2d<Scalar>::backward(const Matrix<Scalar>&,
                                                  const Matrix<Scalar>& grad_output) {
  if (output_.size() == 0) throw std::logic_error(name() + ": backward() before forward()");
  require_gradient_shape("max_pool2d", output_, grad_output);
  const Eigen::Index batch = output_.rows();
  grad_input_.setZero(batch, static_cast<Eigen::Index>(channels_) * height_ * width_);
  // Overlapping windows (stride < kernel) can route several outputs to one input: added in output
  // column order.
  for (Eigen::Index column = 0; column < output_.cols(); ++column) {
    for (Eigen::Index sample = 0; sample < batch; ++sample) {
      const int source = arg_max_(sample, column);
      if (source >= 0) grad_input_(sample, source) += grad_output(sample, column);
    }
  }
  return grad_input_;
}

template class MaxPool2d<float>;
template class MaxPool2d<double>;

}  // namespace descent::nn

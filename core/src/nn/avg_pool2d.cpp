#include "descent/nn/avg_pool2d.hpp"

#include <stdexcept>

namespace descent::nn {

template <typename Scalar>
AvgPool2d<Scalar>::AvgPool2d(const SlidingWindow& window, int channels, int height, int width)
    : window_(window), channels_(channels), height_(height), width_(width) {
  std::string message = validate_pool2d("avg_pool2d", window, channels, height, width);
  if (message.empty() && window.dilation != 1) {
    message = "avg_pool2d: average pooling has no dilation (as torch's AvgPool2d), got " +
              std::to_string(window.dilation);
  }
  if (!message.empty()) throw std::invalid_argument(message);
  output_height_ = static_cast<int>(window_output_size(height, window));
  output_width_ = static_cast<int>(window_output_size(width, window));
}

template <typename Scalar>
std::unique_ptr<Module<Scalar>> AvgPool2d<Scalar>::clone() const {
  return std::make_unique<AvgPool2d>(*this);
}

template <typename Scalar>
std::string AvgPool2d<Scalar>::name() const {
  std::string text =
      "avg_pool " + std::to_string(window_.kernel) + "×" + std::to_string(window_.kernel);
  if (window_.stride != window_.kernel) text += ", stride " + std::to_string(window_.stride);
  if (window_.padding != 0) text += ", padding " + std::to_string(window_.padding);
  return text;
}

template <typename Scalar>
TensorShape AvgPool2d<Scalar>::output_shape(const TensorShape& input) const {
  require_image_shape(name(), input, channels_, height_, width_);
  return TensorShape::image(input.batch(), channels_, output_height_, output_width_);
}

template <typename Scalar>
void AvgPool2d<Scalar>::require_input(const Matrix<Scalar>& input) const {
  require_image_columns(*this, input.cols(), channels_, height_, width_);
}

template <typename Scalar>
template <typename Visit>
void AvgPool2d<Scalar>::for_each_window_input(const Visit& visit) const {
  Eigen::Index output_column = 0;
  for (int channel = 0; channel < channels_; ++channel) {
    for (int out_row = 0; out_row < output_height_; ++out_row) {
      for (int out_col = 0; out_col < output_width_; ++out_col, ++output_column) {
        for (int tap_row = 0; tap_row < window_.kernel; ++tap_row) {
          const int row = out_row * window_.stride - window_.padding + tap_row;
          if (row < 0 || row >= height_) continue;
          for (int tap_col = 0; tap_col < window_.kernel; ++tap_col) {
            const int col = out_col * window_.stride - window_.padding + tap_col;
            if (col < 0 || col >= width_) continue;
            visit(output_column,
                  static_cast<Eigen::Index>((channel * height_ + row) * width_ + col));
          }
        }
      }
    }
  }
}

// Sums over the window's inputs in row-major tap order, then one division per output (torch's
// order), each step across the batch's contiguous samples.
template <typename Scalar>
void AvgPool2d<Scalar>::pool(const Matrix<Scalar>& input, Matrix<Scalar>& output) const {
  const Eigen::Index batch = input.rows();
  output.setZero(batch, static_cast<Eigen::Index>(channels_) * output_height_ * output_width_);
  for_each_window_input([&](Eigen::Index output_column, Eigen::Index input_column) {
    Scalar* sums = output.data() + output_column * batch;
    const Scalar* values = input.data() + input_column * batch;
    for (Eigen::Index sample = 0; sample < batch; ++sample)
      sums[sample] = sums[sample] + values[sample];
  });
  const Scalar divisor = static_cast<Scalar>(window_.kernel * window_.kernel);
  Scalar* values = output.data();
  for (Eigen::Index k = 0; k < output.size(); ++k) values[k] = values[k] / divisor;
}

template <typename Scalar>
Matrix<Scalar> AvgPool2d<Scalar>::apply(const Matrix<Scalar>& input) const {
  require_input(input);
  Matrix<Scalar> output;
  pool(input, output);
  return output;
}

template <typename Scalar>
const Matrix<Scalar>& AvgPool2d<Scalar>::forward(const Matrix<Scalar>& input, Mode, Rng&) {
  require_input(input);
  pool(input, output_);
  return output_;
}

template <typename Scalar>
const Matrix<Scalar>& AvgPool2d<Scalar>::backward(const Matrix<Scalar>&,
                                                  const Matrix<Scalar>& grad_output) {
  if (output_.size() == 0) throw std::logic_error(name() + ": backward() before forward()");
  require_gradient_shape("avg_pool2d", output_, grad_output);
  const Eigen::Index batch = output_.rows();
  grad_input_.setZero(batch, static_cast<Eigen::Index>(channels_) * height_ * width_);
  const Scalar divisor = static_cast<Scalar>(window_.kernel * window_.kernel);
  for_each_window_input([&](Eigen::Index output_column, Eigen::Index input_column) {
    const Scalar* grads = grad_output.data() + output_column * batch;
    Scalar* targets = grad_input_.data() + input_column * batch;
    for (Eigen::Index sample = 0; sample < batch; ++sample) {
      targets[sample] = targets[sample] + grads[sample] / divisor;
    }
  });
  return grad_input_;
}

template class AvgPool2d<float>;
template class AvgPool2d<double>;

}  // namespace descent::nn

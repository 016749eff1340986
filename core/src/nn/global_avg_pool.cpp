#include "descent/nn/global_avg_pool.hpp"

#include <stdexcept>

namespace descent::nn {

template <typename Scalar>
GlobalAvgPool<Scalar>::GlobalAvgPool(int channels, int height, int width)
    : channels_(channels), height_(height), width_(width) {
  if (channels < 1 || height < 1 || width < 1) {
    throw std::invalid_argument(
        "global_avg_pool: the input must have at least 1 channel of 1×1, got " +
        std::to_string(channels) + " of " + std::to_string(height) + "×" + std::to_string(width));
  }
}

template <typename Scalar>
std::unique_ptr<Module<Scalar>> GlobalAvgPool<Scalar>::clone() const {
  return std::make_unique<GlobalAvgPool>(*this);
}

template <typename Scalar>
std::string GlobalAvgPool<Scalar>::name() const {
  return "global_avg_pool";
}

template <typename Scalar>
TensorShape GlobalAvgPool<Scalar>::output_shape(const TensorShape& input) const {
  require_image_shape(name(), input, channels_, height_, width_);
  return TensorShape::features(input.batch(), channels_);
}

template <typename Scalar>
void GlobalAvgPool<Scalar>::require_input(const Matrix<Scalar>& input) const {
  require_image_columns(*this, input.cols(), channels_, height_, width_);
}

// Each channel's positions summed in storage order, then one division (a mean, as torch's).
template <typename Scalar>
void GlobalAvgPool<Scalar>::pool(const Matrix<Scalar>& input, Matrix<Scalar>& output) const {
  const Eigen::Index batch = input.rows();
  const Eigen::Index positions = static_cast<Eigen::Index>(height_) * width_;
  output.setZero(batch, channels_);
  const Scalar count = static_cast<Scalar>(positions);
  for (int channel = 0; channel < channels_; ++channel) {
    Scalar* sums = output.data() + channel * batch;
    for (Eigen::Index position = 0; position < positions; ++position) {
      const Scalar* values = input.data() + (channel * positions + position) * batch;
      for (Eigen::Index sample = 0; sample < batch; ++sample)
        sums[sample] = sums[sample] + values[sample];
    }
    for (Eigen::Index sample = 0; sample < batch; ++sample) sums[sample] = sums[sample] / count;
  }
}

template <typename Scalar>
Matrix<Scalar> GlobalAvgPool<Scalar>::apply(const Matrix<Scalar>& input) const {
  require_input(input);
  Matrix<Scalar> output;
  pool(input, output);
  return output;
}

template <typename Scalar>
const Matrix<Scalar>& GlobalAvgPool<Scalar>::forward(const Matrix<Scalar>& input, Mode, Rng&) {
  require_input(input);
  pool(input, output_);
  return output_;
}

template <typename Scalar>
const Matrix<Scalar>& GlobalAvgPool<Scalar>::backward(const Matrix<Scalar>&,
                                                      const Matrix<Scalar>& grad_output) {
  if (output_.size() == 0) throw std::logic_error(name() + ": backward() before forward()");
  require_gradient_shape("global_avg_pool", output_, grad_output);
  const Eigen::Index batch = output_.rows();
  const Eigen::Index positions = static_cast<Eigen::Index>(height_) * width_;
  grad_input_.resize(batch, channels_ * positions);
  const Scalar count = static_cast<Scalar>(positions);
  for (int channel = 0; channel < channels_; ++channel) {
    const Scalar* grads = grad_output.data() + channel * batch;
    for (Eigen::Index position = 0; position < positions; ++position) {
      Scalar* targets = grad_input_.data() + (channel * positions + position) * batch;
      for (Eigen::Index sample = 0; sample < batch; ++sample)
        targets[sample] = grads[sample] / count;
    }
  }
  return grad_input_;
}

template class GlobalAvgPool<float>;
template class GlobalAvgPool<double>;

}  // namespace descent::nn

#include "descent/nn/batch_norm2d.hpp"

#include <stdexcept>

namespace descent::nn {

template <typename Scalar>
BatchNorm2d<Scalar>::BatchNorm2d(int channels, int height, int width, double eps, double momentum)
    : channels_(channels), height_(height), width_(width), norm_(channels, eps, momentum) {
  if (height < 1 || width < 1) {
    throw std::invalid_argument("batch_norm2d: the input must be at least 1×1, got " +
                                std::to_string(height) + "×" + std::to_string(width));
  }
}

template <typename Scalar>
std::unique_ptr<Module<Scalar>> BatchNorm2d<Scalar>::clone() const {
  return std::make_unique<BatchNorm2d>(*this);
}

template <typename Scalar>
std::string BatchNorm2d<Scalar>::name() const {
  return "batch_norm2d " + std::to_string(channels_);
}

template <typename Scalar>
TensorShape BatchNorm2d<Scalar>::output_shape(const TensorShape& input) const {
  require_image_shape(name(), input, channels_, height_, width_);
  return input;
}

template <typename Scalar>
void BatchNorm2d<Scalar>::to_rows(const Matrix<Scalar>& images, Matrix<Scalar>& rows) const {
  const Eigen::Index area = static_cast<Eigen::Index>(height_) * width_;
  rows.resize(images.rows() * area, channels_);
  for (Eigen::Index n = 0; n < images.rows(); ++n) {
    for (int c = 0; c < channels_; ++c) {
      for (Eigen::Index p = 0; p < area; ++p) rows(n * area + p, c) = images(n, c * area + p);
    }
  }
}

template <typename Scalar>
void BatchNorm2d<Scalar>::to_images(const Matrix<Scalar>& rows, Eigen::Index batch,
                                    Matrix<Scalar>& images) const {
  const Eigen::Index area = static_cast<Eigen::Index>(height_) * width_;
  images.resize(batch, channels_ * area);
  for (Eigen::Index n = 0; n < batch; ++n) {
    for (int c = 0; c < channels_; ++c) {
      for (Eigen::Index p = 0; p < area; ++p) images(n, c * area + p) = rows(n * area + p, c);
    }
  }
}

template <typename Scalar>
Matrix<Scalar> BatchNorm2d<Scalar>::apply(const Matrix<Scalar>& input) const {
  require_image_columns(*this, input.cols(), channels_, height_, width_);
  Matrix<Scalar> rows, images;
  to_rows(input, rows);
  to_images(norm_.apply(rows), input.rows(), images);
  return images;
}

template <typename Scalar>
const Matrix<Scalar>& BatchNorm2d<Scalar>::forward(const Matrix<Scalar>& input, Mode mode, Rng&) {
  require_image_columns(*this, input.cols(), channels_, height_, width_);
  to_rows(input, rows_);
  to_images(norm_.forward(rows_, mode), input.rows(), output_);
  has_forward_ = true;
  return output_;
}

template <typename Scalar>
const Matrix<Scalar>& BatchNorm2d<Scalar>::backward(const Matrix<Scalar>&,
                                                    const Matrix<Scalar>& grad_output) {
  if (!has_forward_) throw std::logic_error("batch_norm2d: backward before any forward");
  require_gradient_shape("batch_norm2d", output_, grad_output);
  to_rows(grad_output, rows_);
  to_images(norm_.backward(rows_), grad_output.rows(), grad_input_);
  return grad_input_;
}

template class BatchNorm2d<float>;
template class BatchNorm2d<double>;

}  // namespace descent::nn

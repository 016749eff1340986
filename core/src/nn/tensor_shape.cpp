#include "descent/nn/tensor_shape.hpp"

#include <stdexcept>

namespace descent::nn {

TensorShape::TensorShape(TensorLayout layout, int batch, int first, int second, int third)
    : layout_(layout), batch_(batch), extents_{first, second, third} {
  if (batch < 0 || first < 1 || second < 1 || third < 1) {
    throw std::invalid_argument(
        "tensor shape: the batch must be ≥ 0 and every other extent ≥ 1, "
        "got " +
        to_string());
  }
}

TensorShape TensorShape::features(int batch, int features) {
  return TensorShape(TensorLayout::kFeatures, batch, 1, features, 1);
}

TensorShape TensorShape::image(int batch, int channels, int height, int width) {
  return TensorShape(TensorLayout::kImage, batch, channels, height, width);
}

TensorShape TensorShape::sequence(int batch, int time, int features) {
  return TensorShape(TensorLayout::kSequence, batch, time, features, 1);
}

int TensorShape::rank() const {
  switch (layout_) {
    case TensorLayout::kFeatures:
      return 2;
    case TensorLayout::kImage:
      return 4;
    case TensorLayout::kSequence:
      return 3;
  }
  return 2;
}

int TensorShape::sample_size() const { return extents_[0] * extents_[1] * extents_[2]; }

TensorShape TensorShape::with_batch(int batch) const {
  return TensorShape(layout_, batch, extents_[0], extents_[1], extents_[2]);
}

bool TensorShape::operator==(const TensorShape& other) const {
  return layout_ == other.layout_ && batch_ == other.batch_ && extents_[0] == other.extents_[0] &&
         extents_[1] == other.extents_[1] && extents_[2] == other.extents_[2];
}

std::string TensorShape::to_string() const {
  const std::string batch = "(batch " + std::to_string(batch_);
  switch (layout_) {
    case TensorLayout::kFeatures:
      return batch + ", features " + std::to_string(extents_[1]) + ")";
    case TensorLayout::kImage:
      return batch + ", channels " + std::to_string(extents_[0]) + ", height " +
             std::to_string(extents_[1]) + ", width " + std::to_string(extents_[2]) + ")";
    case TensorLayout::kSequence:
      return batch + ", time " + std::to_string(extents_[0]) + ", features " +
             std::to_string(extents_[1]) + ")";
  }
  return batch + ")";
}

}  // namespace descent::nn

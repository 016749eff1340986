#pragma once
// The shape of a batch tensor flowing between modules (module.hpp): (batch, features) for dense
// layers, (batch, channels, height, width) for images, (batch, time, features) for sequences.
//
// Storage convention: a batch tensor of any shape is a Matrix<Scalar> (tensor.hpp) with one row per
// sample and sample_size() columns holding that sample's tensor flattened row-major — the column of
// entry (c, h, w) is (c·height + h)·width + w, of entry (t, f) it is t·features + f. A
// (batch, features) tensor is thus the plain mini-batch matrix the dense layer multiplies. The
// batch extent is the matrix's row count; the shape says how to read the columns.
#include <string>

namespace descent::nn {

enum class TensorLayout {
  kFeatures,  // (batch, features)
  kImage,     // (batch, channels, height, width)
  kSequence,  // (batch, time, features)
};

class TensorShape {
 public:
  // (0, 1): an empty batch of one feature.
  TensorShape() = default;
  // Throw std::invalid_argument when batch < 0 or any other extent < 1.
  static TensorShape features(int batch, int features);
  static TensorShape image(int batch, int channels, int height, int width);
  static TensorShape sequence(int batch, int time, int features);

  TensorLayout layout() const { return layout_; }
  int batch() const { return batch_; }
  // Per-sample extents; 0 where the layout has no such axis.
  int features() const { return layout_ == TensorLayout::kImage ? 0 : extents_[1]; }
  int channels() const { return layout_ == TensorLayout::kImage ? extents_[0] : 0; }
  int height() const { return layout_ == TensorLayout::kImage ? extents_[1] : 0; }
  int width() const { return layout_ == TensorLayout::kImage ? extents_[2] : 0; }
  int time() const { return layout_ == TensorLayout::kSequence ? extents_[0] : 0; }
  // Axes including the batch: 2, 4 or 3.
  int rank() const;
  // Values per sample: the storage matrix's column count.
  int sample_size() const;
  // The same per-sample shape for another batch size (a module's shape does not depend on it).
  TensorShape with_batch(int batch) const;

  bool operator==(const TensorShape& other) const;
  bool operator!=(const TensorShape& other) const { return !(*this == other); }
  // "(batch 32, features 8)", "(batch 1, channels 3, height 28, width 28)", ….
  std::string to_string() const;

 private:
  TensorShape(TensorLayout layout, int batch, int first, int second, int third);

  TensorLayout layout_ = TensorLayout::kFeatures;
  int batch_ = 0;
  // kFeatures: (1, features, 1); kImage: (channels, height, width); kSequence: (time, features, 1).
  int extents_[3] = {1, 1, 1};
};

}  // namespace descent::nn

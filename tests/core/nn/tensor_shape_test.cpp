#include "descent/nn/tensor_shape.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

using descent::nn::TensorLayout;
using descent::nn::TensorShape;

TEST_CASE("tensor shapes carry features, images and sequences", "[nn]") {
  const TensorShape features = TensorShape::features(32, 8);
  CHECK(features.layout() == TensorLayout::kFeatures);
  CHECK(features.rank() == 2);
  CHECK(features.batch() == 32);
  CHECK(features.features() == 8);
  CHECK(features.sample_size() == 8);
  CHECK(features.to_string() == "(batch 32, features 8)");

  const TensorShape image = TensorShape::image(4, 3, 28, 20);
  CHECK(image.rank() == 4);
  CHECK(image.channels() == 3);
  CHECK(image.height() == 28);
  CHECK(image.width() == 20);
  CHECK(image.features() == 0);
  CHECK(image.sample_size() == 3 * 28 * 20);
  CHECK(image.to_string() == "(batch 4, channels 3, height 28, width 20)");

  const TensorShape sequence = TensorShape::sequence(2, 10, 5);
  CHECK(sequence.rank() == 3);
  CHECK(sequence.time() == 10);
  CHECK(sequence.features() == 5);
  CHECK(sequence.sample_size() == 50);

  CHECK(features.with_batch(1) == TensorShape::features(1, 8));
  CHECK(features != TensorShape::features(32, 9));
  CHECK(TensorShape::features(1, 12) != TensorShape::sequence(1, 1, 12));
  CHECK(TensorShape::features(0, 1).batch() == 0);
  CHECK_THROWS_AS(TensorShape::features(1, 0), std::invalid_argument);
  CHECK_THROWS_AS(TensorShape::image(-1, 1, 1, 1), std::invalid_argument);
}

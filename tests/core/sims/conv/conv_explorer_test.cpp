#include "descent/sims/conv/conv_explorer.hpp"

#include <catch2/catch.hpp>
#include <numeric>
#include <stdexcept>

#include "descent/data/procedural_images.hpp"
#include "descent/sims/conv/kernel_presets.hpp"

using namespace descent;

namespace {

// The seed's manual convolution: a 3×3 image and the 2×2 kernel [1 0; 0 1].
ConvExplorerConfig seed_example() {
  ConvExplorerConfig config;
  config.height = config.width = 3;
  config.image = {1, 2, 0, 0, 1, 1, 1, 0, 2};
  config.convolution = nn::SlidingWindow{2};
  config.kernels = {1, 0, 0, 1};
  return config;
}

std::vector<float> as_floats(const std::vector<double>& values) {
  return std::vector<float>(values.begin(), values.end());
}

}  // namespace

TEST_CASE("the seed's manual convolution: 2, 3 on the top row", "[conv][explorer]") {
  ConvExplorerConfig config = seed_example();
  config.explained_cell = MapCell{0, 0, 1};
  const ConvExplorerResult result = explore_convolution(config);
  REQUIRE(result.conv_height == 2);
  REQUIRE(result.conv_width == 2);
  // Top-left (1·1) + (2·0) + (0·0) + (1·1) = 2; top-right (2·1) + (0·0) + (1·0) + (1·1) = 3.
  CHECK(result.feature_maps == std::vector<float>{2, 3, 0, 3});
  CHECK(result.parameter_count == 4);
  CHECK(result.multiply_adds == 16);
  const CellSum& sum = result.explained;
  CHECK(sum.inputs == std::vector<float>{2, 0, 1, 1});
  CHECK(sum.weights == std::vector<float>{1, 0, 0, 1});
  CHECK(sum.products == std::vector<float>{2, 0, 0, 1});
  CHECK(sum.rows == std::vector<int>{0, 0, 1, 1});
  CHECK(sum.columns == std::vector<int>{1, 2, 1, 2});
  CHECK(sum.value == 3.0f);
}

TEST_CASE("explained sums add up to the layer's output, padding reads zero", "[conv][explorer]") {
  ConvExplorerConfig config;
  ProceduralImageRequest image;
  image.shape = "colour-scene";
  image.size = 12;
  config.channels = 3;
  config.height = config.width = 12;
  config.image = procedural_image(image);
  config.filters = 2;
  config.convolution = nn::SlidingWindow{3, 2, 2, 2};
  auto sobel = as_floats(kernel_preset("sobel-x", 3));
  auto blur = as_floats(kernel_preset("gaussian", 3));
  config.kernels = sobel;
  config.kernels.insert(config.kernels.end(), blur.begin(), blur.end());
  config.biases = {0.5f, -0.25f};
  config.activation = nn::Activation(nn::ActivationKind::kRelu);
  config.explained_cell = MapCell{1, 0, 0};
  const ConvExplorerResult result = explore_convolution(config);
  // (12 + 4 − 2·2 − 1)/2 + 1 = 6.
  REQUIRE(result.conv_height == 6);
  CHECK(result.parameter_count == 3 * 3 * 3 * 2 + 2);
  const CellSum& sum = result.explained;
  REQUIRE(sum.products.size() == 27);  // 3 channels × 9 taps
  // Output (0, 0) starts at −2 with dilation 2: taps at −2, 0, 2 → the first row and column of
  // taps lie in the padding and read 0.
  CHECK(sum.rows[0] == -2);
  CHECK(sum.inputs[0] == 0.0f);
  double total = sum.bias;
  for (float product : sum.products) total += product;
  CHECK(sum.value == Approx(total).epsilon(1e-6));
  CHECK(sum.activated == std::max(sum.value, 0.0f));
}

TEST_CASE("max pooling routes the gradient to its arg-max, average pooling spreads it",
          "[conv][explorer]") {
  ConvExplorerConfig config;
  config.height = config.width = 4;
  config.image = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
  config.convolution = nn::SlidingWindow{1};
  config.kernels = {2};
  config.pool = PoolKind::kMax;
  config.pool_window = nn::SlidingWindow{2, 2};
  config.traced_cell = MapCell{0, 0, 1};
  ConvExplorerResult result = explore_convolution(config);
  CHECK(result.pooled == std::vector<float>{10, 14, 26, 30});
  // Cell (0, 1) pools conv cells (0..1, 2..3): the largest is (1, 3) = 14.
  std::vector<float> expected_map(16, 0.0f);
  expected_map[1 * 4 + 3] = 1.0f;
  CHECK(result.feature_map_gradient == expected_map);
  expected_map[1 * 4 + 3] = 2.0f;  // through the 1×1 kernel of weight 2
  CHECK(result.input_gradient == expected_map);

  config.pool = PoolKind::kAverage;
  result = explore_convolution(config);
  CHECK(result.pooled == std::vector<float>{5, 9, 21, 25});
  for (int index : {2, 3, 6, 7}) CHECK(result.feature_map_gradient[index] == 0.25f);
  CHECK(std::accumulate(result.input_gradient.begin(), result.input_gradient.end(), 0.0) == 2.0);
}

TEST_CASE("a depthwise convolution keeps the channels apart", "[conv][explorer]") {
  ConvExplorerConfig config;
  config.channels = 2;
  config.height = config.width = 3;
  config.image = {1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2};
  config.filters = 2;
  config.groups = 2;
  config.convolution = nn::SlidingWindow{3};
  config.kernels = as_floats(kernel_preset("box-blur", 3));
  config.kernels.insert(config.kernels.end(), config.kernels.begin(), config.kernels.end());
  const ConvExplorerResult result = explore_convolution(config);
  CHECK(result.feature_maps[0] == Approx(1.0f));
  CHECK(result.feature_maps[1] == Approx(2.0f));
  CHECK(result.parameter_count == 2 * 9 + 0);
}

TEST_CASE("invalid explorer settings are rejected with a message", "[conv][explorer]") {
  ConvExplorerConfig config = seed_example();
  config.kernels.pop_back();
  CHECK_THAT(validate_conv_explorer(config), Catch::Contains("need 4 weights"));
  config = seed_example();
  config.convolution.kernel = 5;
  config.kernels.assign(25, 0.0f);
  CHECK_THAT(validate_conv_explorer(config), Catch::Contains("conv2d"));
  config = seed_example();
  config.image[4] = std::nanf("");
  CHECK_THAT(validate_conv_explorer(config), Catch::Contains("not a finite number"));
  config = seed_example();
  config.pool = PoolKind::kMax;
  config.pool_window = nn::SlidingWindow{3, 3};
  CHECK_THAT(validate_conv_explorer(config), Catch::Contains("max pooling"));
  config = seed_example();
  config.traced_cell = MapCell{0, 2, 0};
  CHECK_THAT(validate_conv_explorer(config), Catch::Contains("outside the 1×2×2 maps"));
  config = seed_example();
  config.activation = nn::Activation(nn::ActivationKind::kSoftmax);
  CHECK_THAT(validate_conv_explorer(config), Catch::Contains("elementwise"));
  config = seed_example();
  config.filters = 9;
  CHECK_THAT(validate_conv_explorer(config), Catch::Contains("filters must be 1 to 8"));
  CHECK_THROWS_AS(explore_convolution(config), std::invalid_argument);
  PoolKind kind;
  CHECK_THAT(pool_kind_from_name("min", kind), Catch::Contains("none, max, average"));
}

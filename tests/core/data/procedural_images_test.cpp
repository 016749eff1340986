#include "descent/data/procedural_images.hpp"

#include <catch2/catch.hpp>
#include <numeric>
#include <stdexcept>

using namespace descent;

namespace {

ProceduralImageRequest clean(const std::string& shape) {
  ProceduralImageRequest request;
  request.shape = shape;
  request.size = 20;
  request.jitter = 0.0;
  return request;
}

// Sum of column x (or row y, when by_row) of a size × size grey image.
double line_sum(const std::vector<float>& image, int size, int index, bool by_row) {
  double sum = 0.0;
  for (int k = 0; k < size; ++k) sum += by_row ? image[index * size + k] : image[k * size + index];
  return sum;
}

}  // namespace

TEST_CASE("procedural shapes are drawn where they belong", "[data][images]") {
  const int size = 20;
  const auto vertical = procedural_image(clean("vertical-bar"));
  const auto horizontal = procedural_image(clean("horizontal-bar"));
  REQUIRE(vertical.size() == 400);
  // A centred vertical bar fills the middle columns and leaves the outer ones empty.
  CHECK(line_sum(vertical, size, 10, false) > 10.0);
  CHECK(line_sum(vertical, size, 1, false) == 0.0);
  CHECK(line_sum(vertical, size, 10, true) < 4.0);  // a bar 0.18 of the side wide
  // The horizontal bar is its transpose.
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) CHECK(horizontal[y * size + x] == vertical[x * size + y]);
  }
  // A circle's and a square's centres are empty; their outlines are not.
  for (const std::string shape : {"circle", "square"}) {
    const auto image = procedural_image(clean(shape));
    CHECK(image[10 * size + 10] == 0.0f);
    CHECK(std::accumulate(image.begin(), image.end(), 0.0) > 20.0);
  }
  for (const auto& name : procedural_image_names()) {
    for (float value : procedural_image(clean(name))) {
      REQUIRE(value >= 0.0f);
      REQUIRE(value <= 1.0f);
    }
  }
}

TEST_CASE("the colour scene has three different channels", "[data][images]") {
  const auto image = procedural_image(clean("colour-scene"));
  REQUIRE(procedural_image_channels("colour-scene") == 3);
  REQUIRE(image.size() == 3 * 400);
  // Top-left is sky (blue strongest), bottom-left ground (green strongest).
  CHECK(image[2 * 400] > image[0]);
  CHECK(image[400 + 19 * 20] > image[19 * 20]);
  CHECK(image[400 + 19 * 20] > image[2 * 400 + 19 * 20]);
}

TEST_CASE("jitter and noise are seeded", "[data][images]") {
  ProceduralImageRequest request = clean("cross");
  request.jitter = 0.2;
  request.noise = 0.1;
  request.seed = 7;
  const auto first = procedural_image(request);
  CHECK(procedural_image(request) == first);
  request.seed = 8;
  CHECK(procedural_image(request) != first);
  // Noise of σ = 0.1 moves the empty corner pixels off zero (clamped at 0 from below).
  request.jitter = 0.0;
  const auto noisy = procedural_image(request);
  const auto plain = procedural_image(clean("cross"));
  int changed = 0;
  for (std::size_t i = 0; i < plain.size(); ++i) changed += noisy[i] != plain[i];
  CHECK(changed > 100);
}

TEST_CASE("invalid image requests are rejected with a message", "[data][images]") {
  ProceduralImageRequest request = clean("triangle");
  CHECK_THAT(validate_procedural_image(request), Catch::Contains("unknown image \"triangle\""));
  request = clean("cross");
  request.size = 4;
  CHECK_THAT(validate_procedural_image(request), Catch::Contains("8 to 64"));
  request = clean("cross");
  request.jitter = 0.5;
  CHECK_THAT(validate_procedural_image(request), Catch::Contains("jitter"));
  request = clean("cross");
  request.noise = -1;
  CHECK_THAT(validate_procedural_image(request), Catch::Contains("noise"));
  CHECK_THROWS_AS(procedural_image(request), std::invalid_argument);
}

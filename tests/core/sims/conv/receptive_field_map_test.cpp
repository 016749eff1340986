#include "descent/sims/conv/receptive_field_map.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

using namespace descent;

namespace {

ReceptiveFieldRequest stack(std::vector<nn::SlidingWindow> layers, int row, int column) {
  ReceptiveFieldRequest request;
  request.height = request.width = 16;
  request.layers = std::move(layers);
  request.row = row;
  request.column = column;
  return request;
}

}  // namespace

TEST_CASE("two 3×3 convolutions see 5×5 pixels, most paths through the middle", "[conv][field]") {
  const ReceptiveFieldMap map = receptive_field_map(stack({{3}, {3}}, 4, 6));
  CHECK(map.heights == std::vector<int>{14, 12});
  CHECK(map.fields.back().size == 5);
  CHECK(map.first_row == 4);
  CHECK(map.last_row == 8);
  CHECK(map.first_column == 6);
  CHECK(map.last_column == 10);
  // Path counts are (1 2 3 2 1)ᵀ(1 2 3 2 1): 9 in the middle, 1 in the corners, 0 outside.
  const std::vector<double> weights = {1, 2, 3, 2, 1};
  for (int y = 0; y < 16; ++y) {
    for (int x = 0; x < 16; ++x) {
      const bool inside = y >= 4 && y <= 8 && x >= 6 && x <= 10;
      const double expected = inside ? weights[y - 4] * weights[x - 6] : 0.0;
      REQUIRE(map.paths[y * 16 + x] == expected);
    }
  }
}

TEST_CASE("stride and pooling widen the field, dilation leaves holes", "[conv][field]") {
  // conv 3 → pool 2/2 → conv 3: 3, then 4, then 4 + 2·2 = 8 (seed-style stack arithmetic).
  ReceptiveFieldMap map = receptive_field_map(stack({{3}, {2, 2}, {3}}, 0, 0));
  CHECK(map.fields[0].size == 3);
  CHECK(map.fields[1].size == 4);
  CHECK(map.fields[2].size == 8);
  CHECK(map.last_row == 7);
  // A dilation-2 3×3 kernel reads every other pixel of a 5×5 span.
  map = receptive_field_map(stack({{3, 1, 0, 2}}, 0, 0));
  CHECK(map.fields[0].size == 5);
  CHECK(map.paths[0] == 1.0);
  CHECK(map.paths[1] == 0.0);
  CHECK(map.paths[2 * 16 + 2] == 1.0);
  // Padding: output (0, 0) of a padded 3×3 starts at −1; only 2×2 of its taps are in the image.
  map = receptive_field_map(stack({{3, 1, 1}}, 0, 0));
  CHECK(map.first_row == -1);
  double total = 0.0;
  for (double count : map.paths) total += count;
  CHECK(total == 4.0);
}

TEST_CASE("invalid stacks are rejected with a message", "[conv][field]") {
  CHECK_THAT(validate_receptive_field_request(stack({}, 0, 0)), Catch::Contains("1 to 5 layers"));
  CHECK_THAT(validate_receptive_field_request(stack({{7}, {7}, {7}}, 0, 0)),
             Catch::Contains("layer 3"));
  CHECK_THAT(validate_receptive_field_request(stack({{3}}, 14, 0)),
             Catch::Contains("outside the last layer's 14×14"));
  CHECK_THAT(validate_receptive_field_request(stack({{9}}, 0, 0)), Catch::Contains("at most 7"));
  CHECK_THROWS_AS(receptive_field_map(stack({{3, 0}}, 0, 0)), std::invalid_argument);
}

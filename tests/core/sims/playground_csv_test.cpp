#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "descent/sims/playground.hpp"

using namespace descent;

namespace {

// Two interleaved rings of 12 points each: class "in" inside radius 1, class "out" at radius 3.
std::string rings_csv() {
  std::string text = "a,b,kind\n";
  for (int i = 0; i < 12; ++i) {
    const double angle = 0.5236 * i;  // 30° steps
    text += std::to_string(std::cos(angle)) + "," + std::to_string(std::sin(angle)) + ",in\n";
    text +=
        std::to_string(3 * std::cos(angle)) + "," + std::to_string(3 * std::sin(angle)) + ",out\n";
  }
  return text;
}

PlaygroundConfig csv_config(const std::string& text) {
  PlaygroundConfig config;
  config.dataset = kPlaygroundCsvDataset;
  config.csv = text;
  return config;
}

}  // namespace

TEST_CASE("playground: a CSV becomes the data set, split like a generated one",
          "[playground][csv]") {
  Playground playground(csv_config(rings_csv()));
  CHECK(playground.class_count() == 2);
  CHECK(playground.train_points().size() + playground.test_points().size() == 24);
  CHECK(playground.train_points().size() == 12);  // train_fraction 0.5
  CHECK(playground.train_points().feature_names == std::vector<std::string>{"a", "b"});
  // x1² + x2² separates the rings exactly; the default network learns it.
  PlaygroundConfig config = csv_config(rings_csv());
  config.features = {"x1_squared", "x2_squared"};
  config.hidden_widths = {};
  config.learning_rate = 0.1;
  Playground linear(config);
  linear.advance(300);
  CHECK(linear.accuracy(false) == 1.0);
  CHECK(linear.accuracy(true) == 1.0);
}

TEST_CASE("playground: numeric class labels keep their numbers", "[playground][csv]") {
  // "1" appears first, yet it is class 1, not class 0.
  Dataset data;
  REQUIRE(playground_csv_dataset("x1,x2,y\n1,1,1\n0,0,0\n2,2,1\n-1,0,0\n", data) == "");
  CHECK(data.labels == std::vector<int>{1, 0, 1, 0});
  CHECK(data.targets(0, 1) == 1.0);
  // Text labels are numbered in order of first appearance.
  REQUIRE(playground_csv_dataset("x1,x2,y\n1,1,cat\n0,0,dog\n2,2,cat\n-1,0,dog\n", data) == "");
  CHECK(data.labels == std::vector<int>{0, 1, 0, 1});
}

TEST_CASE("playground: a CSV it cannot use is explained", "[playground][csv]") {
  Dataset data;
  CHECK(playground_csv_dataset("x1,x2,x3,y\n1,2,3,a\n1,2,3,b\n1,2,3,a\n1,2,3,b\n", data) ==
        "the CSV has 3 feature columns (x1, x2, x3) besides the class column 'y': the playground "
        "needs exactly 2 (x₁, x₂), with the class column last");
  CHECK(playground_csv_dataset("x,y\n1,a\n2,b\n3,a\n4,b\n", data) ==
        "the CSV has 1 feature column (x) besides the class column 'y': the playground needs "
        "exactly 2 (x₁, x₂), with the class column last");
  CHECK(playground_csv_dataset("x1,x2,y\n1,2,a\n3,4,b\n", data) ==
        "the CSV has 2 rows: the playground takes 4 to 2000");
  std::string nine = "x1,x2,y\n";
  for (int c = 0; c < 9; ++c) nine += std::to_string(c) + ",0,c" + std::to_string(c) + "\n";
  CHECK(playground_csv_dataset(nine, data) ==
        "the class column 'y' has 9 distinct values: the playground needs 2 to 8 classes");
  // The parser's own message, with line and column.
  CHECK(playground_csv_dataset("x1,x2,y\n1,2,a\n1,abc,b\n", data) ==
        "line 3, column 'x2': 'abc' is not a number");
  CHECK(validate_playground_config(csv_config("")) ==
        "the CSV is empty: expected a header row, then data rows");
  CHECK_THROWS_AS(Playground(csv_config("x1,x2,y\n1,2,a\n")), std::invalid_argument);
}

#include "descent/data/classification_2d.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>

using namespace descent;

namespace {

constexpr double kPi = 3.141592653589793238462643383279502884;

Dataset generate(const std::string& name, int count, double noise, std::uint64_t seed,
                 int class_count = 3) {
  Rng rng(seed);
  Dataset data;
  const std::string message =
      make_classification_dataset(name, count, noise, rng, data, class_count);
  INFO(message);
  REQUIRE(message.empty());
  return data;
}

double radius(const Dataset& data, int row) { return data.inputs.row(row).norm(); }

}  // namespace

TEST_CASE("Every classification data set has the promised shape, names and balance", "[data]") {
  for (const auto& info : classification_dataset_catalog()) {
    for (const int count : {2, 7, 200, 1001}) {
      const int class_count = info.has_class_count ? 5 : 2;
      INFO(info.id << ", " << count << " points");
      const Dataset data = generate(info.id, count, 0.1, 9, class_count);
      CHECK(validate_dataset(data).empty());
      CHECK(data.size() == count);
      CHECK(data.feature_count() == 2);
      CHECK(data.feature_names == std::vector<std::string>{"x1", "x2"});
      CHECK(data.class_count == class_count);
      CHECK(data.targets.cols() == class_count);
      CHECK(data.inputs.allFinite());
      // Balanced: ⌊count/k⌋ each, the last count mod k classes one more; rows grouped by class.
      const std::vector<int> counts = class_counts(data);
      for (int c = 0; c < class_count; ++c) {
        const int extra = c >= class_count - count % class_count ? 1 : 0;
        CHECK(counts[static_cast<std::size_t>(c)] == count / class_count + extra);
      }
      CHECK(std::is_sorted(data.labels.begin(), data.labels.end()));
      CHECK(data.description.find(std::to_string(count) + " points") != std::string::npos);
    }
  }
}

TEST_CASE("Same seed, same data; another seed, other data", "[data]") {
  for (const auto& info : classification_dataset_catalog()) {
    INFO(info.id);
    const Dataset first = generate(info.id, 300, 0.2, 1234);
    const Dataset again = generate(info.id, 300, 0.2, 1234);
    const Dataset other = generate(info.id, 300, 0.2, 1235);
    CHECK(first.inputs == again.inputs);
    CHECK(first.labels == again.labels);
    CHECK(first.inputs != other.inputs);
    CHECK(first.labels == other.labels);
  }
}

TEST_CASE("Changing the noise moves the same points along the same directions", "[data]") {
  // x = clean + noise·z with the same draws, so (x(0.3) − x(0)) = 0.3·(x(1) − x(0)).
  for (const auto& info : classification_dataset_catalog()) {
    INFO(info.id);
    const Dataset clean = generate(info.id, 400, 0.0, 77);
    const Dataset noisy = generate(info.id, 400, 0.3, 77);
    const Dataset unit = generate(info.id, 400, 1.0, 77);
    const Eigen::MatrixXd expected = 0.3 * (unit.inputs - clean.inputs);
    CHECK((noisy.inputs - clean.inputs).isApprox(expected, 1e-9));
  }
}

TEST_CASE("Generators consume the same draws whatever the noise", "[data]") {
  for (const auto& info : classification_dataset_catalog()) {
    INFO(info.id);
    Rng quiet(5), loud(5);
    Dataset a, b;
    REQUIRE(make_classification_dataset(info.id, 101, 0.0, quiet, a).empty());
    REQUIRE(make_classification_dataset(info.id, 101, 2.0, loud, b).empty());
    CHECK(quiet.next_u64() == loud.next_u64());
  }
}

TEST_CASE("Circle: without noise the disc lies inside the ring", "[data]") {
  const Dataset data = generate("circle", 1000, 0.0, 3);
  double inner_sum = 0.0, ring_sum = 0.0;
  for (int row = 0; row < data.size(); ++row) {
    const double r = radius(data, row);
    if (data.labels[static_cast<std::size_t>(row)] == 0) {
      REQUIRE(r <= 0.5);
      inner_sum += r;
    } else {
      REQUIRE(r >= 0.7 - 1e-12);
      REQUIRE(r <= 1.0 + 1e-12);
      ring_sum += r;
    }
  }
  // Uniform radii: mean 0.25 inside, 0.85 on the ring.
  CHECK(ring_sum / 500 - inner_sum / 500 > 0.5);
  CHECK(inner_sum / 500 == Approx(0.25).margin(0.03));
  CHECK(ring_sum / 500 == Approx(0.85).margin(0.03));
}

TEST_CASE("XOR: without noise the label is 1 exactly where x1·x2 > 0", "[data]") {
  const Dataset data = generate("xor", 1000, 0.0, 4);
  int quadrant_counts[2][2] = {};
  for (int row = 0; row < data.size(); ++row) {
    const double x1 = data.inputs(row, 0), x2 = data.inputs(row, 1);
    REQUIRE(std::fabs(x1) >= 0.1);
    REQUIRE(std::fabs(x2) >= 0.1);
    REQUIRE(std::fabs(x1) <= 1.0);
    REQUIRE(std::fabs(x2) <= 1.0);
    CHECK(data.labels[static_cast<std::size_t>(row)] == (x1 * x2 > 0 ? 1 : 0));
    ++quadrant_counts[x1 > 0][x2 > 0];
  }
  for (const auto& row : quadrant_counts) {
    for (const int count : row) CHECK(count == 250);
  }
}

TEST_CASE("Blobs and multi-class blobs are centred where documented", "[data]") {
  const Dataset blobs = generate("blobs", 4000, 0.0, 6);
  for (int c = 0; c < 2; ++c) {
    Eigen::Vector2d mean = Eigen::Vector2d::Zero();
    for (int row = 0; row < blobs.size(); ++row) {
      if (blobs.labels[static_cast<std::size_t>(row)] == c) mean += blobs.inputs.row(row);
    }
    mean /= 2000.0;
    const double centre = c == 0 ? -0.5 : 0.5;
    // Standard error 0.15/√2000 ≈ 0.0034.
    CHECK(mean.x() == Approx(centre).margin(0.02));
    CHECK(mean.y() == Approx(centre).margin(0.02));
  }
  for (int k = kMinClassCount; k <= kMaxClassCount; ++k) {
    const Dataset data = generate("multiblobs", 400 * k, 0.0, 8, k);
    REQUIRE(data.class_count == k);
    for (int c = 0; c < k; ++c) {
      Eigen::Vector2d mean = Eigen::Vector2d::Zero();
      for (int row = 0; row < data.size(); ++row) {
        if (data.labels[static_cast<std::size_t>(row)] == c) mean += data.inputs.row(row);
      }
      mean /= 400.0;
      INFO("k = " << k << ", class " << c);
      CHECK(mean.x() == Approx(std::cos(2 * kPi * c / k)).margin(0.04));
      CHECK(mean.y() == Approx(std::sin(2 * kPi * c / k)).margin(0.04));
    }
  }
}

TEST_CASE("Spirals: two arms, one the other turned by half a turn, interleaving", "[data]") {
  const int n = 1000;
  const Dataset data = generate("spirals", 2 * n, 0.0, 1);
  for (int j = 0; j < n; ++j) {
    // Same radius j/n; angle differs by π, so the point is mirrored through the origin.
    REQUIRE(data.inputs(n + j, 0) == Approx(-data.inputs(j, 0)).margin(1e-12));
    REQUIRE(data.inputs(n + j, 1) == Approx(-data.inputs(j, 1)).margin(1e-12));
    REQUIRE(radius(data, j) == Approx(static_cast<double>(j) / n).margin(1e-12));
  }
  // Walking out along the positive x1 axis (angle t ≡ π/2), the arms alternate: class 0 at
  // radius 1/7 (t = 3.5π·r = π/2), class 1 at 3/7 (t = 3.5π·r + π = 5π/2), class 0 at 5/7.
  std::vector<std::pair<double, int>> on_ray;
  for (int row = 0; row < data.size(); ++row) {
    if (data.inputs(row, 0) > 0.05 && std::fabs(data.inputs(row, 1)) < 0.01) {
      on_ray.emplace_back(data.inputs(row, 0), data.labels[static_cast<std::size_t>(row)]);
    }
  }
  std::sort(on_ray.begin(), on_ray.end());
  std::vector<int> crossings;
  for (const auto& point : on_ray) {
    if (crossings.empty() || crossings.back() != point.second) crossings.push_back(point.second);
  }
  CHECK(crossings == std::vector<int>{0, 1, 0});
}

TEST_CASE("Moons follow sklearn's make_moons", "[data]") {
  SECTION("without noise: exact half circles, sklearn's class sizes and end points") {
    const Dataset data = generate("moons", 7, 0.0, 1);
    CHECK(class_counts(data) == std::vector<int>{3, 4});  // outer ⌊7/2⌋, inner the rest
    CHECK(data.inputs(0, 0) == 1.0);
    CHECK(data.inputs(0, 1) == 0.0);
    CHECK(data.inputs(1, 0) == Approx(0.0).margin(1e-15));
    CHECK(data.inputs(1, 1) == 1.0);
    CHECK(data.inputs(2, 0) == -1.0);
    CHECK(data.inputs(3, 0) == 0.0);
    CHECK(data.inputs(3, 1) == 0.5);
    CHECK(data.inputs(6, 0) == 2.0);
    CHECK(data.inputs(6, 1) == Approx(0.5).margin(1e-15));
  }
  SECTION("without noise: every point on its moon, within [-1, 2] × [-0.5, 1]") {
    const Dataset data = generate("moons", 500, 0.0, 1);
    for (int row = 0; row < data.size(); ++row) {
      const double x = data.inputs(row, 0), y = data.inputs(row, 1);
      CHECK(x >= -1.0);
      CHECK(x <= 2.0);
      CHECK(y >= -0.5 - 1e-15);
      CHECK(y <= 1.0);
      if (data.labels[static_cast<std::size_t>(row)] == 0) {
        CHECK(std::hypot(x, y) == Approx(1.0));
        CHECK(y >= 0.0);
      } else {
        CHECK(std::hypot(x - 1.0, y - 0.5) == Approx(1.0));
        CHECK(y <= 0.5 + 1e-15);
      }
    }
  }
  SECTION("with noise 0.1: within the bounds widened by 6 standard deviations") {
    const Dataset data = generate("moons", 5000, 0.1, 2);
    CHECK(data.inputs.col(0).minCoeff() > -1.6);
    CHECK(data.inputs.col(0).maxCoeff() < 2.6);
    CHECK(data.inputs.col(1).minCoeff() > -1.1);
    CHECK(data.inputs.col(1).maxCoeff() < 1.6);
  }
}

TEST_CASE("Invalid classification settings are rejected with a message", "[data]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<std::pair<std::string, std::string>> expectations = {
      {"point count must be between 2 and 100000, got 1", validate_classification_settings(1, 0.1)},
      {"point count must be between 2 and 100000, got 100001",
       validate_classification_settings(100001, 0.1)},
      {"noise must be a number in [0, 10], got -0.1", validate_classification_settings(10, -0.1)},
      {"noise must be a number in [0, 10], got nan", validate_classification_settings(10, nan)},
      {"noise must be a number in [0, 10], got inf", validate_classification_settings(10, inf)},
      {"noise must be a number in [0, 10], got 10.5", validate_classification_settings(10, 10.5)},
      {"class count must be between 2 and 8, got 1", validate_classification_settings(10, 0, 1)},
      {"class count must be between 2 and 8, got 9", validate_classification_settings(10, 0, 9)},
  };
  for (const auto& expectation : expectations) CHECK(expectation.second == expectation.first);
  CHECK(validate_classification_settings(2, 0.0).empty());
  CHECK(validate_classification_settings(100000, 10.0, 8).empty());

  Rng rng(1);
  Dataset out = generate("xor", 10, 0.0, 1);
  const Dataset before = out;
  CHECK(make_classification_dataset("swirl", 100, 0.1, rng, out) ==
        "unknown classification data set 'swirl' (valid: circle, xor, blobs, multiblobs, "
        "spirals, moons)");
  CHECK(make_classification_dataset("circle", 1, 0.1, rng, out) ==
        "point count must be between 2 and 100000, got 1");
  CHECK(make_classification_dataset("multiblobs", 100, 0.1, rng, out, 9) ==
        "class count must be between 2 and 8, got 9");
  CHECK(out.inputs == before.inputs);  // untouched on failure
  // class_count matters only for multiblobs.
  CHECK(make_classification_dataset("circle", 100, 0.1, rng, out, 9).empty());
  CHECK(out.class_count == 2);

  CHECK_THROWS_AS(make_circle(1, 0.0, rng), std::invalid_argument);
  CHECK_THROWS_AS(make_moons(10, nan, rng), std::invalid_argument);
  CHECK_THROWS_AS(make_multi_blobs(10, 1, 0.0, rng), std::invalid_argument);
}

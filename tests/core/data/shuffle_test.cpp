#include "descent/data/shuffle.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <numeric>
#include <stdexcept>

using namespace descent;

TEST_CASE("shuffled_indices is a permutation, reproducible from the seed", "[data]") {
  Rng rng(11), same(11), other(12);
  const std::vector<int> order = shuffled_indices(1000, rng);
  std::vector<int> sorted = order;
  std::sort(sorted.begin(), sorted.end());
  std::vector<int> identity(1000);
  std::iota(identity.begin(), identity.end(), 0);
  CHECK(sorted == identity);
  CHECK(order != identity);
  CHECK(shuffled_indices(1000, same) == order);
  CHECK(shuffled_indices(1000, other) != order);
}

TEST_CASE("shuffled_indices golden values (same stream natively and in WebAssembly)", "[data]") {
  // Computed independently (Python big-int xoshiro256** and the same Fisher–Yates with
  // uniform_index(rng, i + 1) = ((draw >> 32)·(i + 1)) >> 32).
  Rng rng(42);
  CHECK(shuffled_indices(8, rng) == std::vector<int>{7, 1, 6, 3, 5, 4, 2, 0});
}

TEST_CASE("shuffled_indices: trivial sizes draw nothing; negative sizes are rejected", "[data]") {
  Rng rng(5), untouched(5);
  CHECK(shuffled_indices(0, rng).empty());
  CHECK(shuffled_indices(1, rng) == std::vector<int>{0});
  CHECK(rng.next_u64() == untouched.next_u64());
  CHECK_THROWS_AS(shuffled_indices(-1, rng), std::invalid_argument);
}

TEST_CASE("shuffled_indices puts each element in each position equally often", "[data]") {
  Rng rng(2024);
  const int trials = 40000;
  int counts[4][4] = {};
  for (int t = 0; t < trials; ++t) {
    const std::vector<int> order = shuffled_indices(4, rng);
    for (int position = 0; position < 4; ++position) ++counts[order[position]][position];
  }
  // Expected 10,000 each, standard deviation ≈ 87; allow about 5σ.
  for (const auto& row : counts) {
    for (const int count : row) CHECK(std::abs(count - trials / 4) < 450);
  }
}

TEST_CASE("uniform_index stays in [0, bound) and rejects bounds below 1", "[data]") {
  Rng rng(3);
  std::vector<int> seen(7, 0);
  for (int i = 0; i < 7000; ++i) {
    const int index = uniform_index(rng, 7);
    REQUIRE(index >= 0);
    REQUIRE(index < 7);
    ++seen[static_cast<std::size_t>(index)];
  }
  for (const int count : seen) CHECK(count > 800);
  CHECK(uniform_index(rng, 1) == 0);
  CHECK_THROWS_AS(uniform_index(rng, 0), std::invalid_argument);
}

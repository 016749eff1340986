#include "descent/data/shuffle.hpp"

#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>

namespace descent {

int uniform_index(Rng& rng, int bound) {
  if (bound < 1) {
    throw std::invalid_argument("uniform_index: bound must be ≥ 1, got " + std::to_string(bound));
  }
  // A 32-bit draw times a bound below 2³¹ fits in 64 bits; the high half is in [0, bound).
  const std::uint64_t draw = rng.next_u64() >> 32;
  return static_cast<int>((draw * static_cast<std::uint64_t>(bound)) >> 32);
}

std::vector<int> shuffled_indices(int n, Rng& rng) {
  if (n < 0) {
    throw std::invalid_argument("shuffled_indices: n must be ≥ 0, got " + std::to_string(n));
  }
  std::vector<int> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  for (int i = n - 1; i > 0; --i) {
    std::swap(order[static_cast<std::size_t>(i)],
              order[static_cast<std::size_t>(uniform_index(rng, i + 1))]);
  }
  return order;
}

}  // namespace descent

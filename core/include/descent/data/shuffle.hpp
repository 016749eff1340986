#pragma once
// Random orderings of sample indices, drawn from an explicit seeded Rng.
#include <vector>

#include "descent/math/rng.hpp"

namespace descent {

// Uniform integer in [0, bound) from the top 32 bits of one draw (bias ≤ bound / 2³², negligible
// for data set sizes). Integer arithmetic only, so native and WebAssembly agree exactly.
// Precondition: 1 ≤ bound (throws std::invalid_argument otherwise).
int uniform_index(Rng& rng, int bound);

// A uniformly random permutation of 0, 1, …, n − 1 (Fisher–Yates: for i = n − 1 down to 1, swap
// element i with a uniform_index(rng, i + 1)); n − 1 draws. Precondition: n ≥ 0 (throws
// std::invalid_argument otherwise).
std::vector<int> shuffled_indices(int n, Rng& rng);

}  // namespace descent

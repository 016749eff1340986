#pragma once
// Seeded pseudo-random generator: xoshiro256** seeded through splitmix64.
// Implemented by hand (not <random> distributions, whose algorithms differ
// between libstdc++ and libc++): next_u64() and uniform() are bit-identical
// natively and in WebAssembly. normal() goes through libm's log/sin/cos, which
// glibc and musl may round differently in the last bit, so normals agree to
// about one ulp (tests/wasm checks both).
#include <cstdint>

namespace descent {

class Rng {
 public:
  explicit Rng(std::uint64_t seed);

  std::uint64_t next_u64();
  // Uniform double in [0, 1) with 53 random bits.
  double uniform();
  double uniform(double low, double high);
  // Standard normal via Box–Muller; the spare value is cached, so the stream
  // depends only on the seed and the sequence of calls.
  double normal();
  double normal(double mean, double stddev);

 private:
  std::uint64_t state_[4];
  bool has_spare_normal_ = false;
  double spare_normal_ = 0.0;
};

// Seed of sub-stream `stream` of `seed`: one splitmix64 step from seed ⊕ stream·φ (φ = 2⁶⁴/golden
// ratio). Each stream depends only on (seed, stream), so adding streams never changes the others,
// and neighbouring streams get unrelated generators (Rng(s) and Rng(s + φ) would share state
// words).
std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream);

}  // namespace descent

#pragma once
// The data set of the mini-batch SGD explorer: points (x, y) from two lines through the origin,
// fitted by one line y = w·x + b. A few "steep" points far out in x lie on y = 1.2x; many
// "flat" points near x = 0 lie on y = −0.8x. Each population makes a minimum of the robust fit:
// the steep one is sharp (its few points, with x² ≈ 36, carry all of its curvature), the flat one
// is wide and shared by many similar points. Stored sorted — steep points first, each population
// by x — as a "sorted data set" (all cats, then all dogs) for the no-shuffling experiment.
#include <cstdint>
#include <string>
#include <vector>

namespace descent {

constexpr int kSgdDataSize = 256;        // N
constexpr int kSgdSteepPointCount = 16;  // points on the steep line (1 in 16)
constexpr double kSgdSteepSlope = 1.2;   // the steep line y = 1.2·x
constexpr double kSgdFlatSlope = -0.8;   // the flat population's line y = −0.8·x
constexpr double kSgdSteepXMin = 5.5;    // steep points: |x| uniform in [5.5, 6.5], half each side
constexpr double kSgdSteepXMax = 6.5;
constexpr double kSgdFlatXMax = 1.0;          // flat points: x uniform in [−1, 1]
constexpr double kSgdSteepNoise = 0.05;       // std-dev of the Gaussian noise on steep points' y
constexpr double kSgdFlatNoise = 0.1;         // … and on flat points' y
constexpr std::uint64_t kSgdDataSeed = 2018;  // the data set every widget and lesson shows

enum class SgdPopulation { kSteep = 0, kFlat = 1 };

struct SgdLineData {
  std::vector<double> x;                  // N inputs
  std::vector<double> y;                  // N targets
  std::vector<SgdPopulation> population;  // which line each point was drawn from
  std::uint64_t seed = kSgdDataSeed;

  int size() const { return static_cast<int>(x.size()); }
};

// Draws the data set from `seed` (same seed ⇒ same points, natively and in WebAssembly).
SgdLineData make_sgd_line_data(std::uint64_t seed = kSgdDataSeed);

// "steep" or "flat".
std::string population_name(SgdPopulation population);

}  // namespace descent

#include "descent/sims/sgd/line_data.hpp"

#include <algorithm>
#include <numeric>

#include "descent/math/rng.hpp"

namespace descent {

SgdLineData make_sgd_line_data(std::uint64_t seed) {
  Rng rng(seed);
  struct Point {
    double x, y;
  };
  std::vector<Point> steep, flat;
  for (int i = 0; i < kSgdSteepPointCount; ++i) {
    const double side = i % 2 == 0 ? -1.0 : 1.0;  // balanced, so the sharp minimum's Hessian is
                                                  // nearly diagonal
    const double x = side * rng.uniform(kSgdSteepXMin, kSgdSteepXMax);
    steep.push_back({x, kSgdSteepSlope * x + kSgdSteepNoise * rng.normal()});
  }
  for (int i = kSgdSteepPointCount; i < kSgdDataSize; ++i) {
    const double x = rng.uniform(-kSgdFlatXMax, kSgdFlatXMax);
    flat.push_back({x, kSgdFlatSlope * x + kSgdFlatNoise * rng.normal()});
  }
  const auto by_x = [](const Point& a, const Point& b) { return a.x < b.x; };
  std::sort(steep.begin(), steep.end(), by_x);
  std::sort(flat.begin(), flat.end(), by_x);

  SgdLineData data;
  data.seed = seed;
  for (const auto& [points, population] : {std::make_pair(&steep, SgdPopulation::kSteep),
                                           std::make_pair(&flat, SgdPopulation::kFlat)}) {
    for (const Point& p : *points) {
      data.x.push_back(p.x);
      data.y.push_back(p.y);
      data.population.push_back(population);
    }
  }
  return data;
}

std::string population_name(SgdPopulation population) {
  return population == SgdPopulation::kSteep ? "steep" : "flat";
}

}  // namespace descent

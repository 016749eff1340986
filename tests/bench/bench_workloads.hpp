#pragma once
// The benchmark workloads, shared by the native benchmark and (mirrored in
// tests/bench/bench.mjs) the WebAssembly one: same configs, same sizes.
#include <vector>

#include "descent/optim/optimizer_catalog.hpp"
#include "descent/sims/descent_run.hpp"

namespace descent::bench {

constexpr int kRaceSteps = 10000;
constexpr int kGridSide = 256;
constexpr int kContourLevels = 24;
// Small enough that no optimizer diverges on Rosenbrock within kRaceSteps.
constexpr double kRaceLearningRateFactor = 0.01;

inline std::vector<DescentRunConfig> race_configs() {
  std::vector<DescentRunConfig> configs;
  for (const auto& optimizer : optimizer_catalog()) {
    DescentRunConfig config;
    config.surface.id = "rosenbrock";
    config.optimizer.id = optimizer.id;
    config.learning_rate = optimizer.default_learning_rate * kRaceLearningRateFactor;
    config.start = {-1.5, 2.0};
    config.steps = kRaceSteps;
    configs.push_back(config);
  }
  return configs;
}

}  // namespace descent::bench

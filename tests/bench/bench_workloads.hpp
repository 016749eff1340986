#pragma once
// The benchmark workloads, shared by the native benchmark and (mirrored in
// tests/bench/bench.mjs) the WebAssembly one: same configs, same sizes.
#include <vector>

#include "descent/optim/optimizer_catalog.hpp"
#include "descent/sims/descent_run.hpp"
#include "descent/sims/race.hpp"

namespace descent::bench {

constexpr int kRaceSteps = 10000;
constexpr int kGridSide = 256;
constexpr int kContourLevels = 24;
// Small enough that no optimizer diverges on Rosenbrock within kRaceSteps.
constexpr double kRaceLearningRateFactor = 0.01;
// The race widget's default: every optimizer at its default rate down the ravine (κ = 10).
constexpr int kRaceFrameSteps = 300;
constexpr double kRaceFrameCondition = 10.0;

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

inline RaceConfig race_frame_config() {
  RaceConfig config;
  config.surface = {"ravine", kRaceFrameCondition};
  config.start = {-9.0, 2.0};
  config.steps = kRaceFrameSteps;
  for (const auto& optimizer : optimizer_catalog()) {
    RacerConfig racer;
    racer.optimizer.id = optimizer.id;
    racer.learning_rate = optimizer.default_learning_rate;
    config.racers.push_back(racer);
  }
  return config;
}

}  // namespace descent::bench

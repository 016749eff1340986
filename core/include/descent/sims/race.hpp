#pragma once
// The simulation behind <descent-race>: several optimizers start from the same point of the same
// 2-D surface and run the same number of steps, each as its own run_descent. With gradient noise,
// every racer draws from its own seeded stream, so the race is reproducible from one seed.
#include <cstdint>
#include <string>
#include <vector>

#include "descent/sims/descent_run.hpp"

namespace descent {

constexpr int kMaxRacers = 8;
// Per racer; with kMaxRacers racers one call does at most 8 × 20,000 = 160,000 updates
// (tens of milliseconds in WebAssembly, ~20 MB of recorded trajectories).
constexpr int kMaxRaceSteps = 20000;

// What differs between racers: the optimizer and how its steps are sized.
struct RacerConfig {
  OptimizerSettings optimizer;
  double learning_rate = 0.1;
  ScheduleSettings schedule;
  ClipSettings clip;
};

// What the racers share: the course, the start, the length and the noise level.
struct RaceConfig {
  SurfaceSpec surface;
  std::vector<double> start;  // 2 coordinates: the race needs a 2-D surface
  int steps = 300;
  double gradient_noise = 0.0;  // std-dev of Gaussian noise added to each gradient component
  std::uint64_t seed = 1;       // racer i's noise is seeded by derive_seed(seed, i)
  std::vector<RacerConfig> racers;
};

// Empty when 1 ≤ racer_count ≤ kMaxRacers, otherwise a message for the user.
std::string validate_racer_count(int racer_count);

// Empty string when the config is valid, otherwise a message for the user; a racer's problem
// names the racer by position (1-based) and optimizer: "racer 2 (adam): learning rate …".
std::string validate_race_config(const RaceConfig& config);

// The single-optimizer run that racer `racer_index` (0-based) races: the shared settings, the
// racer's own optimizer settings, and its own noise seed derive_seed(config.seed, racer_index).
DescentRunConfig racer_descent_config(const RaceConfig& config, int racer_index);

// One run per racer, in racer order. Precondition: validate_race_config(config) is empty
// (throws std::invalid_argument otherwise).
std::vector<DescentRun> run_race(const RaceConfig& config);

}  // namespace descent

#include "descent/sims/race.hpp"

#include <stdexcept>

#include "descent/math/rng.hpp"

namespace descent {
namespace {

// The race's shared settings with one racer's optimizer settings and noise seed.
DescentRunConfig run_config(const RaceConfig& race, const RacerConfig& racer, std::uint64_t seed) {
  DescentRunConfig run;
  run.surface = race.surface;
  run.optimizer = racer.optimizer;
  run.learning_rate = racer.learning_rate;
  run.schedule = racer.schedule;
  run.clip = racer.clip;
  run.start = race.start;
  run.steps = race.steps;
  run.gradient_noise = race.gradient_noise;
  run.seed = seed;
  return run;
}

}  // namespace

std::string validate_racer_count(int racer_count) {
  if (racer_count >= 1 && racer_count <= kMaxRacers) return "";
  return "a race needs between 1 and " + std::to_string(kMaxRacers) + " racers, got " +
         std::to_string(racer_count);
}

std::string validate_race_config(const RaceConfig& config) {
  if (auto message = validate_surface_spec(config.surface); !message.empty()) return message;
  if (make_surface(config.surface)->dimension() != 2) {
    return "the race needs a 2-D surface; " + config.surface.id + " is 1-D";
  }
  if (config.steps < 1 || config.steps > kMaxRaceSteps) {
    return "race steps must be between 1 and " + std::to_string(kMaxRaceSteps) + ", got " +
           std::to_string(config.steps);
  }
  // The shared settings (start, noise), checked with a default racer: any problem is theirs,
  // not racer 1's.
  if (auto message = validate_descent_config(run_config(config, RacerConfig{}, config.seed));
      !message.empty()) {
    return message;
  }
  if (auto message = validate_racer_count(static_cast<int>(config.racers.size()));
      !message.empty()) {
    return message;
  }
  for (int i = 0; i < static_cast<int>(config.racers.size()); ++i) {
    if (auto message = validate_descent_config(racer_descent_config(config, i)); !message.empty()) {
      return "racer " + std::to_string(i + 1) + " (" + config.racers[i].optimizer.id +
             "): " + message;
    }
  }
  return "";
}

DescentRunConfig racer_descent_config(const RaceConfig& config, int racer_index) {
  return run_config(config, config.racers.at(racer_index),
                    derive_seed(config.seed, static_cast<std::uint64_t>(racer_index)));
}

std::vector<DescentRun> run_race(const RaceConfig& config) {
  if (auto message = validate_race_config(config); !message.empty()) {
    throw std::invalid_argument(message);
  }
  std::vector<DescentRun> runs;
  runs.reserve(config.racers.size());
  for (int i = 0; i < static_cast<int>(config.racers.size()); ++i) {
    runs.push_back(run_descent(racer_descent_config(config, i)));
  }
  return runs;
}

}  // namespace descent

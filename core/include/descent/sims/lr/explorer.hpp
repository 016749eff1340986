#pragma once
// What the learning-rate explorer (<descent-lr>) trains, each in one call: a run with a schedule
// next to the same run at the schedule's constant base rate, and three runs of the same setup at
// three rates (too large, about right, too small). Runs come from lr_training_run.hpp; the
// schedule curve from lr_schedule_samples.hpp.
#include <string>

#include "descent/sims/lr/schedule_samples.hpp"
#include "descent/sims/lr/training_run.hpp"

namespace descent {

struct ScheduleComparison {
  ScheduleSamples schedule;  // the schedule over the run's steps
  LrTrainingRun scheduled;   // trained with the schedule
  LrTrainingRun constant;    // the same setup and seed at the constant base rate
};

// "" when valid (validate_lr_training_run), otherwise what is wrong.
std::string validate_schedule_comparison(const LrTrainingSetup& setup, double base_lr,
                                         const ScheduleSettings& schedule);
// Throws std::invalid_argument when invalid.
ScheduleComparison compare_schedule_with_constant(const LrTrainingSetup& setup, double base_lr,
                                                  const ScheduleSettings& schedule);

struct ThreeRates {
  double too_large = 4.5;  // the seeds' "2.3 → 2.8 → 3.5 → 9.2 → NaN" regime for the default setup
  double about_right = 0.5;
  double too_small = 0.005;
};

struct ThreeRateRuns {
  LrTrainingRun too_large;
  LrTrainingRun about_right;
  LrTrainingRun too_small;
};

// "" when the setup and each rate are valid and too_small < about_right < too_large.
std::string validate_three_rates(const LrTrainingSetup& setup, const ThreeRates& rates);
// Three constant-rate runs of the same setup and seed. Throws std::invalid_argument when invalid.
ThreeRateRuns run_three_rates(const LrTrainingSetup& setup, const ThreeRates& rates);

}  // namespace descent

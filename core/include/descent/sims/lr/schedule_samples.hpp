#pragma once
// A learning-rate schedule (optim/lr_schedule.hpp) sampled at every step of a run: the curve the
// learning-rate explorer (<descent-lr>) plots, with its peak and final rate.
#include <string>
#include <vector>

#include "descent/optim/lr_schedule.hpp"

namespace descent {

constexpr int kMaxScheduleSampleSteps = 100000;

struct ScheduleSamples {
  std::vector<double> learning_rate;  // entry t: the rate of update t (0-based)
  double peak_learning_rate = 0.0;    // the largest rate
  int peak_step = 0;                  // the first step reaching it
  double final_learning_rate = 0.0;   // the rate of the last update
};

// "" when the schedule, base rate (finite, ≥ 0) and run length (1..kMaxScheduleSampleSteps) are
// valid, otherwise what is wrong.
std::string validate_schedule_samples(const ScheduleSettings& schedule, double base_lr,
                                      int total_steps);

// Throws std::invalid_argument with validate_schedule_samples' message when invalid.
ScheduleSamples sample_schedule(const ScheduleSettings& schedule, double base_lr, int total_steps);

}  // namespace descent

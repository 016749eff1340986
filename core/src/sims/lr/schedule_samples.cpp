#include "descent/sims/lr/schedule_samples.hpp"

#include <stdexcept>

namespace descent {

std::string validate_schedule_samples(const ScheduleSettings& schedule, double base_lr,
                                      int total_steps) {
  if (total_steps > kMaxScheduleSampleSteps) {
    return "the run must have at most " + std::to_string(kMaxScheduleSampleSteps) + " steps, got " +
           std::to_string(total_steps);
  }
  return validate_schedule_settings(schedule, base_lr, total_steps);
}

ScheduleSamples sample_schedule(const ScheduleSettings& schedule, double base_lr, int total_steps) {
  if (auto message = validate_schedule_samples(schedule, base_lr, total_steps); !message.empty()) {
    throw std::invalid_argument(message);
  }
  const LearningRateSchedule rates(schedule, base_lr, total_steps);
  ScheduleSamples samples;
  samples.learning_rate.reserve(total_steps);
  for (int step = 0; step < total_steps; ++step) {
    const double lr = rates.at(step);
    samples.learning_rate.push_back(lr);
    if (lr > samples.peak_learning_rate) {
      samples.peak_learning_rate = lr;
      samples.peak_step = step;
    }
  }
  samples.final_learning_rate = samples.learning_rate.back();
  return samples;
}

}  // namespace descent

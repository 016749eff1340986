#include "descent/sims/lr/explorer.hpp"

#include <stdexcept>
#include <utility>

namespace descent {
namespace {

ScheduleSettings constant_schedule() { return ScheduleSettings{}; }

}  // namespace

std::string validate_schedule_comparison(const LrTrainingSetup& setup, double base_lr,
                                         const ScheduleSettings& schedule) {
  return validate_lr_training_run(setup, base_lr, schedule);
}

ScheduleComparison compare_schedule_with_constant(const LrTrainingSetup& setup, double base_lr,
                                                  const ScheduleSettings& schedule) {
  if (auto message = validate_schedule_comparison(setup, base_lr, schedule); !message.empty()) {
    throw std::invalid_argument(message);
  }
  ScheduleComparison comparison;
  comparison.schedule = sample_schedule(schedule, base_lr, lr_total_steps(setup));
  comparison.scheduled = run_lr_training(setup, base_lr, schedule);
  comparison.constant = run_lr_training(setup, base_lr, constant_schedule());
  return comparison;
}

std::string validate_three_rates(const LrTrainingSetup& setup, const ThreeRates& rates) {
  const ScheduleSettings constant = constant_schedule();
  for (const auto& [name, rate] : {std::pair<const char*, double>{"too-large", rates.too_large},
                                   {"about-right", rates.about_right},
                                   {"too-small", rates.too_small}}) {
    if (auto message = validate_lr_training_run(setup, rate, constant); !message.empty()) {
      return std::string(name) + " rate: " + message;
    }
  }
  if (!(rates.too_small < rates.about_right && rates.about_right < rates.too_large)) {
    return "the rates must increase: too small < about right < too large";
  }
  return "";
}

ThreeRateRuns run_three_rates(const LrTrainingSetup& setup, const ThreeRates& rates) {
  if (auto message = validate_three_rates(setup, rates); !message.empty()) {
    throw std::invalid_argument(message);
  }
  const ScheduleSettings constant = constant_schedule();
  return {run_lr_training(setup, rates.too_large, constant),
          run_lr_training(setup, rates.about_right, constant),
          run_lr_training(setup, rates.too_small, constant)};
}

}  // namespace descent

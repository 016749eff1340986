#pragma once
// Learning-rate schedules: the learning rate to use at update `step` (0-based).
//
// ids: "constant", "step" (step decay), "exponential", "cosine",
//      "warmup_cosine", "cyclic" (triangular), "one_cycle", "inverse_sqrt" (with warm-up),
//      "transformer" (d_model^−0.5 · min(s^−0.5, s · warmup^−1.5), Vaswani et al. 2017).
#include <string>
#include <vector>

#include "descent/optim/hyper_parameters.hpp"

namespace descent {

struct ScheduleInfo {
  std::string id;
  std::string label;
  std::vector<HyperParameterInfo> parameters;
  std::string formula;  // human-readable
};

struct ScheduleSettings {
  std::string id = "constant";
  HyperParameterValues parameters;  // missing keys take their defaults
};

const std::vector<ScheduleInfo>& schedule_catalog();

std::string validate_schedule_settings(const ScheduleSettings& settings);

// Also checks what the LearningRateSchedule constructor needs: base_lr finite and ≥ 0,
// total_steps ≥ 1. Empty string when all are valid.
std::string validate_schedule_settings(const ScheduleSettings& settings, double base_lr,
                                       int total_steps);

class LearningRateSchedule {
 public:
  // base_lr: the optimizer's learning rate (the peak for warm-up/cyclic/one-cycle schedules).
  // total_steps: the run length (cosine and one-cycle anneal over it).
  // Precondition: settings valid (throws std::invalid_argument otherwise).
  LearningRateSchedule(const ScheduleSettings& settings, double base_lr, int total_steps);

  // Throws std::invalid_argument for step < 0. Past total_steps, "cosine", "warmup_cosine" and
  // "one_cycle" hold their final value instead of rising again.
  double at(int step) const;

 private:
  std::string id_;
  bool constant_;  // id_ == "constant", decided once: at() runs on every training step
  HyperParameterValues p_;
  double base_lr_;
  int total_steps_;
};

}  // namespace descent

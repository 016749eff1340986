#include "descent/optim/lr_schedule.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>

using descent::HyperParameterValues;
using descent::LearningRateSchedule;
using descent::schedule_catalog;
using descent::ScheduleSettings;
using descent::validate_schedule_settings;

namespace {

ScheduleSettings settings_for(const std::string& id, HyperParameterValues values = {}) {
  ScheduleSettings settings;
  settings.id = id;
  settings.parameters = std::move(values);
  return settings;
}

}  // namespace

TEST_CASE("The schedule catalog lists every schedule with its parameter keys",
          "[optim][schedule]") {
  std::vector<std::string> ids;
  for (const auto& info : schedule_catalog()) {
    ids.push_back(info.id);
    CHECK_FALSE(info.label.empty());
    CHECK_FALSE(info.formula.empty());
  }
  CHECK(ids == std::vector<std::string>{"constant", "step", "exponential", "cosine",
                                        "warmup_cosine", "cyclic", "one_cycle", "inverse_sqrt",
                                        "transformer"});
  const auto keys_of = [](const std::string& id) {
    std::vector<std::string> keys;
    for (const auto& info : schedule_catalog()) {
      if (info.id != id) continue;
      for (const auto& parameter : info.parameters) keys.push_back(parameter.key);
    }
    return keys;
  };
  CHECK(keys_of("constant").empty());
  CHECK(keys_of("step") == std::vector<std::string>{"step_size", "gamma"});
  CHECK(keys_of("exponential") == std::vector<std::string>{"gamma"});
  CHECK(keys_of("cosine") == std::vector<std::string>{"min_lr_factor"});
  CHECK(keys_of("warmup_cosine") == std::vector<std::string>{"warmup_steps", "min_lr_factor"});
  CHECK(keys_of("cyclic") == std::vector<std::string>{"cycle_steps", "min_lr_factor"});
  CHECK(keys_of("one_cycle") ==
        std::vector<std::string>{"pct_start", "div_factor", "final_div_factor"});
  CHECK(keys_of("inverse_sqrt") == std::vector<std::string>{"warmup_steps"});
  CHECK(keys_of("transformer") == std::vector<std::string>{"d_model", "warmup_steps"});
}

TEST_CASE("Constant schedule", "[optim][schedule]") {
  const LearningRateSchedule schedule(settings_for("constant"), 0.1, 100);
  CHECK(schedule.at(0) == 0.1);
  CHECK(schedule.at(99) == 0.1);
}

TEST_CASE("Step decay halves every 10 updates by default", "[optim][schedule]") {
  // lr·0.5^⌊t/10⌋
  const LearningRateSchedule schedule(settings_for("step"), 0.1, 100);
  CHECK(schedule.at(0) == Approx(0.1).epsilon(1e-15));
  CHECK(schedule.at(9) == Approx(0.1).epsilon(1e-15));
  CHECK(schedule.at(10) == Approx(0.05).epsilon(1e-15));
  CHECK(schedule.at(25) == Approx(0.025).epsilon(1e-15));
  const LearningRateSchedule custom(settings_for("step", {{"step_size", 3}, {"gamma", 0.1}}), 1.0,
                                    100);
  CHECK(custom.at(2) == Approx(1.0).epsilon(1e-15));
  CHECK(custom.at(3) == Approx(0.1).epsilon(1e-15));
  CHECK(custom.at(6) == Approx(0.01).epsilon(1e-15));
}

TEST_CASE("Exponential decay", "[optim][schedule]") {
  // lr·0.95^t: 0.1, 0.095, 0.09025, …, 0.1·0.95¹⁴ = 0.0487675
  const LearningRateSchedule schedule(settings_for("exponential"), 0.1, 100);
  CHECK(schedule.at(0) == Approx(0.1).epsilon(1e-15));
  CHECK(schedule.at(1) == Approx(0.095).epsilon(1e-14));
  CHECK(schedule.at(2) == Approx(0.09025).epsilon(1e-14));
  CHECK(schedule.at(14) == Approx(0.04876749791).epsilon(1e-10));
}

TEST_CASE("Cosine annealing over the run", "[optim][schedule]") {
  // T = 100: lr at t = 0, lr/2 at T/2, 0 at T; at T/4, lr·(1 + cos(π/4))/2 = 0.0853553.
  const LearningRateSchedule schedule(settings_for("cosine"), 0.1, 100);
  CHECK(schedule.at(0) == Approx(0.1).epsilon(1e-15));
  CHECK(schedule.at(25) == Approx(0.0853553391).epsilon(1e-9));
  CHECK(schedule.at(50) == Approx(0.05).epsilon(1e-14));
  CHECK(schedule.at(100) == Approx(0.0).margin(1e-16));
  // η_min = 0.1·lr: half-way is (lr + η_min)/2; past the run the rate stays at η_min.
  const LearningRateSchedule floored(settings_for("cosine", {{"min_lr_factor", 0.1}}), 0.1, 100);
  CHECK(floored.at(50) == Approx(0.055).epsilon(1e-14));
  CHECK(floored.at(100) == Approx(0.01).epsilon(1e-14));
  CHECK(floored.at(150) == Approx(0.01).epsilon(1e-14));
}

TEST_CASE("Warm-up then cosine", "[optim][schedule]") {
  // W = 5: lr·(t+1)/5 = 0.02, 0.04, …, 0.1 at t = 4; then cosine from t = 5 over 100 updates.
  const LearningRateSchedule schedule(settings_for("warmup_cosine"), 0.1, 105);
  CHECK(schedule.at(0) == Approx(0.02).epsilon(1e-15));
  CHECK(schedule.at(1) == Approx(0.04).epsilon(1e-15));
  CHECK(schedule.at(4) == Approx(0.1).epsilon(1e-15));
  CHECK(schedule.at(5) == Approx(0.1).epsilon(1e-15));
  CHECK(schedule.at(55) == Approx(0.05).epsilon(1e-14));
  CHECK(schedule.at(105) == Approx(0.0).margin(1e-16));
  for (int step = 1; step < 5; ++step) CHECK(schedule.at(step) > schedule.at(step - 1));
  for (int step = 6; step <= 105; ++step) CHECK(schedule.at(step) < schedule.at(step - 1));
}

TEST_CASE("Cyclic (triangular) schedule", "[optim][schedule]") {
  // Half-cycle 10, η_min = 0.1·lr: trough 0.01 at t = 0, 20; peak 0.1 at t = 10, 30.
  const LearningRateSchedule schedule(settings_for("cyclic"), 0.1, 100);
  CHECK(schedule.at(0) == Approx(0.01).epsilon(1e-15));
  CHECK(schedule.at(5) == Approx(0.055).epsilon(1e-14));
  CHECK(schedule.at(10) == Approx(0.1).epsilon(1e-15));
  CHECK(schedule.at(15) == Approx(0.055).epsilon(1e-14));
  CHECK(schedule.at(20) == Approx(0.01).epsilon(1e-15));
  CHECK(schedule.at(30) == Approx(0.1).epsilon(1e-15));
}

TEST_CASE("One-cycle schedule", "[optim][schedule]") {
  // T = 100, pct_start 0.3, div 25, final div 1e4 (torch OneCycleLR, cos):
  // start lr/25 = 0.004; peak lr at t = 0.3·100 − 1 = 29; end 0.004/1e4 = 4e-7 at t = 99.
  // t = 10: 0.1 + (0.004 − 0.1)/2·(cos(π·10/29) + 1) = 0.0295164.
  const LearningRateSchedule schedule(settings_for("one_cycle"), 0.1, 100);
  CHECK(schedule.at(0) == Approx(0.004).epsilon(1e-14));
  CHECK(schedule.at(10) == Approx(0.02951639484641).epsilon(1e-12));
  CHECK(schedule.at(29) == Approx(0.1).epsilon(1e-15));
  CHECK(schedule.at(28) < schedule.at(29));
  CHECK(schedule.at(30) < schedule.at(29));
  // Half-way down: (0.1 + 4e-7)/2
  CHECK(schedule.at(64) == Approx(0.0500002).epsilon(1e-12));
  CHECK(schedule.at(99) == Approx(4e-7).epsilon(1e-9));
  CHECK(schedule.at(150) == Approx(4e-7).epsilon(1e-9));
}

TEST_CASE("One-cycle with a run too short for a warm-up phase stays finite", "[optim][schedule]") {
  // pct_start·T − 1 = 0: torch would divide 0 by 0 here.
  const LearningRateSchedule schedule(settings_for("one_cycle", {{"pct_start", 0.5}}), 0.1, 2);
  CHECK(schedule.at(0) == Approx(0.1).epsilon(1e-15));
  CHECK(schedule.at(1) == Approx(4e-7).epsilon(1e-9));
}

TEST_CASE("Inverse square root with warm-up", "[optim][schedule]") {
  // W = 5: lr·min((t+1)/5, √(5/(t+1))): 0.02 at t = 0, peak lr at t = 4, lr/2 at t = 19,
  // lr/4 at t = 79.
  const LearningRateSchedule schedule(settings_for("inverse_sqrt"), 0.1, 100);
  CHECK(schedule.at(0) == Approx(0.02).epsilon(1e-15));
  CHECK(schedule.at(4) == Approx(0.1).epsilon(1e-15));
  CHECK(schedule.at(19) == Approx(0.05).epsilon(1e-15));
  CHECK(schedule.at(79) == Approx(0.025).epsilon(1e-15));
}

TEST_CASE("Transformer schedule: d_model^-0.5 · min(s^-0.5, s · W^-1.5), peak at s = W",
          "[optim][schedule]") {
  // The paper's setting (η = 1, d_model = 512, W = 4000); s = t + 1 counts steps from 1.
  const LearningRateSchedule paper(settings_for("transformer"), 1.0, 10000);
  const double peak = 1.0 / std::sqrt(512.0 * 4000.0);  // ≈ 6.99e-4
  CHECK(paper.at(3999) == Approx(peak).epsilon(1e-14));
  CHECK(paper.at(3998) < paper.at(3999));
  CHECK(paper.at(4000) < paper.at(3999));
  CHECK(paper.at(0) == Approx(std::pow(512.0, -0.5) * std::pow(4000.0, -1.5)).epsilon(1e-14));
  CHECK(paper.at(1999) == Approx(peak / 2).epsilon(1e-14));   // linear warm-up: s = W/2
  CHECK(paper.at(15999) == Approx(peak / 2).epsilon(1e-14));  // decay: s = 4W
  // Small setting, η scales it: d_model = 16, W = 4 → peak 0.5/√64 = 0.0625 at t = 3.
  const LearningRateSchedule small(
      settings_for("transformer", {{"d_model", 16.0}, {"warmup_steps", 4.0}}), 0.5, 100);
  CHECK(small.at(3) == Approx(0.0625).epsilon(1e-14));
  CHECK(small.at(0) == Approx(0.0625 / 4).epsilon(1e-14));
  CHECK(small.at(15) == Approx(0.0625 / 2).epsilon(1e-14));
  // Same shape as inverse_sqrt with η' = η / √(d_model · W).
  const LearningRateSchedule same(settings_for("inverse_sqrt", {{"warmup_steps", 4.0}}), 0.0625,
                                  100);
  for (int step = 0; step < 100; ++step)
    CHECK(small.at(step) == Approx(same.at(step)).epsilon(1e-13));
  CHECK_FALSE(validate_schedule_settings(settings_for("transformer", {{"d_model", 0.0}})).empty());
}

TEST_CASE("Invalid schedule settings give messages and the constructor throws",
          "[optim][schedule]") {
  CHECK(validate_schedule_settings(settings_for("cosine")).empty());
  CHECK(validate_schedule_settings(settings_for("linear")) ==
        "unknown schedule 'linear' (valid: constant, step, exponential, cosine, warmup_cosine, "
        "cyclic, one_cycle, inverse_sqrt, transformer)");
  CHECK(validate_schedule_settings(settings_for("constant", {{"gamma", 0.5}})) ==
        "constant schedule: unknown parameter 'gamma' (it takes no parameters)");
  CHECK(validate_schedule_settings(settings_for("step", {{"step_size", 2.5}})) ==
        "step schedule: step_size must be an integer, got 2.5");
  CHECK(validate_schedule_settings(settings_for("step", {{"step_size", 0}})) ==
        "step schedule: step_size must be in [1, 10000], got 0");
  CHECK(validate_schedule_settings(settings_for("exponential", {{"gamma", std::nan("")}})) ==
        "exponential schedule: gamma must be a finite number, got nan");
  CHECK(validate_schedule_settings(settings_for("cosine", {{"min_lr_factor", 2.0}})) ==
        "cosine schedule: min_lr_factor must be in [0, 1], got 2");
  CHECK(validate_schedule_settings(settings_for("inverse_sqrt", {{"warmup_steps", 0}})) ==
        "inverse_sqrt schedule: warmup_steps must be in [1, 10000], got 0");
  CHECK(validate_schedule_settings(settings_for("constant"), -0.1, 100) ==
        "learning rate must be a finite number ≥ 0, got -0.1");
  CHECK(validate_schedule_settings(settings_for("constant"), 0.1, 0) ==
        "the run must have at least 1 step, got 0");

  CHECK_THROWS_WITH(LearningRateSchedule(settings_for("step", {{"step_size", 2.5}}), 0.1, 100),
                    "step schedule: step_size must be an integer, got 2.5");
  CHECK_THROWS_AS(LearningRateSchedule(settings_for("constant"), std::nan(""), 100),
                  std::invalid_argument);
  CHECK_THROWS_AS(LearningRateSchedule(settings_for("constant"), 0.1, 100).at(-1),
                  std::invalid_argument);
}

TEST_CASE("Schedules are deterministic and finite over the run", "[optim][schedule]") {
  for (const auto& info : schedule_catalog()) {
    INFO(info.id);
    const LearningRateSchedule first(settings_for(info.id), 0.1, 50);
    const LearningRateSchedule second(settings_for(info.id), 0.1, 50);
    for (int step = 0; step < 60; ++step) {
      CHECK(first.at(step) == second.at(step));
      CHECK(std::isfinite(first.at(step)));
      CHECK(first.at(step) >= 0.0);
      CHECK(first.at(step) <= 0.1 + 1e-15);
    }
  }
}

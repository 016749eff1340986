#include "descent/sims/lr/explorer.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "descent/sims/lr/linear_scaling.hpp"
#include "descent/sims/lr/schedule_samples.hpp"
#include "descent/sims/lr/training_run.hpp"

using namespace descent;

namespace {

ScheduleSettings schedule(const std::string& id, HyperParameterValues parameters = {}) {
  ScheduleSettings settings;
  settings.id = id;
  settings.parameters = std::move(parameters);
  return settings;
}

}  // namespace

TEST_CASE("schedule samples: one rate per step, warm-up boundaries, peak and end",
          "[lr_explorer]") {
  // Warm-up + cosine, W = 5 over 105 steps: 0.02, 0.04, … up to η = 0.1 at t = 4 and t = 5.
  const ScheduleSamples warm = sample_schedule(schedule("warmup_cosine"), 0.1, 105);
  REQUIRE(warm.learning_rate.size() == 105);
  CHECK(warm.learning_rate[0] == Approx(0.02));
  CHECK(warm.learning_rate[3] == Approx(0.08));
  CHECK(warm.learning_rate[4] == Approx(0.1));
  CHECK(warm.learning_rate[5] == Approx(0.1));
  CHECK(warm.learning_rate[6] < 0.1);
  CHECK(warm.peak_step == 4);
  CHECK(warm.peak_learning_rate == Approx(0.1));
  CHECK(warm.final_learning_rate == warm.learning_rate.back());
  CHECK(warm.final_learning_rate < 1e-4);

  // The Transformer formula peaks at s = t + 1 = W: η/√(d_model·W) = 1/√(64·10) at t = 9.
  const ScheduleSamples transformer = sample_schedule(
      schedule("transformer", {{"d_model", 64.0}, {"warmup_steps", 10.0}}), 1.0, 100);
  CHECK(transformer.peak_step == 9);
  CHECK(transformer.peak_learning_rate == Approx(1.0 / std::sqrt(640.0)).epsilon(1e-12));
  CHECK(transformer.learning_rate[4] == Approx(transformer.peak_learning_rate / 2));   // s = W/2
  CHECK(transformer.learning_rate[39] == Approx(transformer.peak_learning_rate / 2));  // s = 4W

  // Step decay: halves after every 10 updates.
  const ScheduleSamples step = sample_schedule(schedule("step"), 0.8, 30);
  CHECK(step.learning_rate[9] == Approx(0.8));
  CHECK(step.learning_rate[10] == Approx(0.4));
  CHECK(step.learning_rate[29] == Approx(0.2));
}

TEST_CASE("schedule samples reject bad settings with a message", "[lr_explorer]") {
  CHECK_THAT(validate_schedule_samples(schedule("bogus"), 0.1, 10),
             Catch::Contains("unknown schedule"));
  CHECK_THAT(validate_schedule_samples(schedule("constant"), -1.0, 10),
             Catch::Contains("learning rate"));
  CHECK_THAT(validate_schedule_samples(schedule("constant"), 0.1, 0), Catch::Contains("step"));
  CHECK_THAT(validate_schedule_samples(schedule("constant"), 0.1, kMaxScheduleSampleSteps + 1),
             Catch::Contains("at most"));
  CHECK_THAT(validate_schedule_samples(schedule("step", {{"gamma", 2.0}}), 0.1, 10),
             Catch::Contains("gamma"));
  CHECK(validate_schedule_samples(schedule("cosine"), 0.1, 10).empty());
  CHECK_THROWS_AS(sample_schedule(schedule("bogus"), 0.1, 10), std::invalid_argument);
}

TEST_CASE("the ten-class data set: ten balanced blobs, outer ring twice as far", "[lr_explorer]") {
  const LrTrainingSetup setup;
  const Dataset data = lr_ten_class_data(setup);
  REQUIRE(data.size() == 200);
  CHECK(data.class_count == 10);
  CHECK(validate_dataset(data).empty());
  const std::vector<int> counts = class_counts(data);
  for (int count : counts) CHECK(count == 20);
  // Mean distance from the origin: about 1 for classes 0–4 and about 2 for classes 5–9.
  double inner = 0.0, outer = 0.0;
  for (int row = 0; row < data.size(); ++row) {
    (data.labels[row] < 5 ? inner : outer) += data.inputs.row(row).norm() / 100.0;
  }
  CHECK(inner == Approx(1.0).margin(0.1));
  CHECK(outer == Approx(2.0).margin(0.2));
}

TEST_CASE(
    "three rates from a fixed seed: too large diverges, about right converges, too small "
    "crawls",
    "[lr_explorer]") {
  const LrTrainingSetup setup;  // 200 points, batches of 25, 20 epochs, seed 1
  const ThreeRateRuns runs = run_three_rates(setup, ThreeRates{});

  // Too large (4.5): the loss starts near ln 10, rises every epoch, then becomes NaN — reported,
  // not thrown. Measured: 2.30 → 2.93 → 23.4, NaN at epoch 3.
  const LrTrainingRun& large = runs.too_large;
  CHECK(large.epoch_loss.front() == Approx(std::log(10.0)).margin(0.05));
  REQUIRE(large.diverged);
  CHECK(large.diverged_epoch >= 2);
  CHECK(large.diverged_epoch <= 6);
  CHECK(large.diverged_step > 8);
  CHECK_THAT(large.stop_reason, Catch::Contains("diverged at epoch"));
  REQUIRE(large.epoch_loss.size() == static_cast<std::size_t>(large.diverged_epoch));
  REQUIRE(large.epoch_loss.size() >= 3);
  for (std::size_t epoch = 1; epoch < large.epoch_loss.size(); ++epoch) {
    CHECK(large.epoch_loss[epoch] > large.epoch_loss[epoch - 1]);
  }
  CHECK(static_cast<int>(large.step_loss.size()) == large.diverged_step - 1);

  // About right (0.5): all 20 epochs, the loss far below where it started.
  const LrTrainingRun& right = runs.about_right;
  CHECK_FALSE(right.diverged);
  CHECK(right.stop_reason == "completed");
  REQUIRE(right.epoch_loss.size() == 21);
  CHECK(right.epoch_loss.back() < 0.4);
  CHECK(right.epoch_accuracy.back() > 0.85);
  CHECK(right.step_loss.size() == 160);

  // Too small (0.005): finite and falling, but it has barely moved.
  const LrTrainingRun& small = runs.too_small;
  CHECK_FALSE(small.diverged);
  CHECK(small.epoch_loss.back() < small.epoch_loss.front());
  CHECK(small.epoch_loss.back() > 2.0);
}

TEST_CASE("a schedule and the constant rate train the same setup from the same start",
          "[lr_explorer]") {
  const LrTrainingSetup setup;
  const ScheduleComparison comparison = compare_schedule_with_constant(
      setup, 1.0, schedule("warmup_cosine", {{"warmup_steps", 16.0}}));
  REQUIRE(comparison.schedule.learning_rate.size() == 160);
  CHECK(comparison.scheduled.epoch_loss.front() == comparison.constant.epoch_loss.front());
  CHECK(comparison.scheduled.step_learning_rate[0] == Approx(1.0 / 16));
  CHECK(comparison.scheduled.step_learning_rate[15] == Approx(1.0));
  CHECK(comparison.constant.step_learning_rate[0] == 1.0);
  CHECK(comparison.scheduled.epoch_loss.back() != comparison.constant.epoch_loss.back());
  // Determinism: the same call gives the same numbers, bit for bit.
  const ScheduleComparison again = compare_schedule_with_constant(
      setup, 1.0, schedule("warmup_cosine", {{"warmup_steps", 16.0}}));
  CHECK(again.scheduled.step_loss == comparison.scheduled.step_loss);
  CHECK(again.constant.epoch_loss == comparison.constant.epoch_loss);
}

TEST_CASE("invalid training input gives a message, never a crash", "[lr_explorer]") {
  LrTrainingSetup setup;
  const ScheduleSettings constant;
  CHECK_THAT(validate_lr_training_run(setup, 0.0, constant), Catch::Contains("learning rate"));
  CHECK_THAT(validate_lr_training_run(setup, std::nan(""), constant),
             Catch::Contains("learning rate"));
  CHECK_THAT(validate_lr_training_run(setup, 1000.0, constant), Catch::Contains("at most"));
  CHECK_THAT(validate_lr_training_run(setup, 0.1, schedule("nope")),
             Catch::Contains("unknown schedule"));
  setup.batch_size = 500;
  CHECK_THAT(validate_lr_training_setup(setup), Catch::Contains("batch size"));
  setup = LrTrainingSetup{};
  setup.points = 5;
  CHECK_THAT(validate_lr_training_setup(setup), Catch::Contains("points"));
  setup = LrTrainingSetup{};
  setup.batch_size = 1;
  setup.points = 2000;
  setup.epochs = 200;
  CHECK_THAT(validate_lr_training_setup(setup), Catch::Contains("epochs × batches"));
  CHECK_THROWS_AS(run_lr_training(setup, 0.1, constant), std::invalid_argument);
  CHECK_THAT(validate_three_rates(LrTrainingSetup{}, ThreeRates{0.1, 0.5, 0.01}),
             Catch::Contains("must increase"));
  CHECK_THAT(validate_three_rates(LrTrainingSetup{}, ThreeRates{4.5, 0.5, -1.0}),
             Catch::Contains("too-small rate"));
  CHECK(validate_three_rates(LrTrainingSetup{}, ThreeRates{}).empty());
}

TEST_CASE("linear scaling rule: batch × k gives lr × k", "[lr_explorer]") {
  // The seeds' exercise: lr 0.01 at batch 64, batch 256 ⇒ k = 4, lr 0.04.
  const LinearScaling scaling = linear_scaling(0.01, 64, 256);
  CHECK(scaling.factor == 4.0);
  CHECK(scaling.scaled_lr == Approx(0.04));
  CHECK(linear_scaling(0.1, 256, 1024).scaled_lr == Approx(0.4));
  CHECK(linear_scaling(0.1, 256, 64).factor == 0.25);
  CHECK_THAT(validate_linear_scaling(0.0, 64, 256), Catch::Contains("base learning rate"));
  CHECK_THAT(validate_linear_scaling(0.01, 0, 256), Catch::Contains("base batch size"));
  CHECK_THAT(validate_linear_scaling(0.01, 64, -3), Catch::Contains("new batch size"));
  CHECK_THROWS_AS(linear_scaling(0.01, 64, 0), std::invalid_argument);
}

// embind registration of the learning-rate explorer behind <descent-lr>: lrRangeTest (the range
// test, sims/lr/range_test.hpp), lrScheduleSamples (a schedule over a run), lrScheduleComparison
// (a run with a schedule next to the same run at a constant rate), lrThreeRates (too large, about
// right, too small) and lrLinearScaling. One call each; per-step and per-epoch values as typed
// arrays; bad input gives {ok: false, error}.
#include <emscripten/bind.h>

#include "descent/math/cold_code.hpp"
#include "descent/sims/lr/explorer.hpp"
#include "descent/sims/lr/linear_scaling.hpp"
#include "descent/sims/lr/range_test.hpp"
#include "descent/sims/lr/schedule_samples.hpp"
#include "js_values.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent::bindings {
namespace {

using emscripten::val;

// {minLr, maxLr, steps, batchSize, points, seed} → {ok, learningRate, loss, smoothedLoss,
// stoppedAtStep, suggestedStep, suggestedLr, minimumStep}
val lr_range_test_js(const val& js) {
  if (!is_object(js)) return error_result("lrRangeTest needs an object");
  LrRangeTestConfig config;
  for (const auto& m :
       {read_number(js, "minLr", config.min_lr), read_number(js, "maxLr", config.max_lr),
        read_int_in_range(js, "steps", kMinRangeTestSteps, kMaxRangeTestSteps, config.steps),
        read_int_in_range(js, "batchSize", 1, 4096, config.batch_size),
        read_int_in_range(js, "points", 8, 4096, config.points),
        read_seed(js, "seed", config.seed)}) {
    if (!m.empty()) return error_result(m);
  }
  if (auto m = validate_lr_range_test(config); !m.empty()) return error_result(m);
  const LrRangeTest run = run_lr_range_test(config);
  val result = val::object();
  result.set("ok", true);
  result.set("learningRate", to_float64_array(run.learning_rate));
  result.set("loss", to_float64_array(run.loss));
  result.set("smoothedLoss", to_float64_array(run.smoothed_loss));
  result.set("stoppedAtStep", run.stopped_at_step);
  result.set("suggestedStep", run.suggested_step);
  result.set("suggestedLr", run.suggested_lr);
  result.set("minimumStep", run.minimum_step);
  return result;
}

// schedule, scheduleParams and lr (read_optimizer_choice's keys; the optimizer is always SGD here).
std::string read_schedule_choice(const val& js, double& learning_rate, ScheduleSettings& schedule) {
  OptimizerSettings unused_optimizer;
  ClipSettings unused_clip;
  return read_optimizer_choice(js, unused_optimizer, learning_rate, schedule, unused_clip);
}

// points, batchSize, epochs, hiddenWidth, noise, seed → setup (absent keys keep the defaults).
std::string read_training_setup(const val& js, LrTrainingSetup& setup) {
  for (const auto& m :
       {read_int_in_range(js, "points", kMinLrPoints, kMaxLrPoints, setup.points),
        read_int_in_range(js, "batchSize", 1, kMaxLrPoints, setup.batch_size),
        read_int_in_range(js, "epochs", 1, kMaxLrEpochs, setup.epochs),
        read_int_in_range(js, "hiddenWidth", 2, kMaxLrHiddenWidth, setup.hidden_width),
        read_number(js, "noise", setup.noise), read_seed(js, "seed", setup.seed)}) {
    if (!m.empty()) return m;
  }
  return validate_lr_training_setup(setup);
}

val schedule_samples_to_js(const ScheduleSamples& samples) {
  val result = val::object();
  result.set("learningRate", to_float64_array(samples.learning_rate));
  result.set("peakLearningRate", samples.peak_learning_rate);
  result.set("peakStep", samples.peak_step);
  result.set("finalLearningRate", samples.final_learning_rate);
  return result;
}

val training_run_to_js(const LrTrainingRun& run) {
  val result = val::object();
  result.set("learningRate", run.learning_rate);
  result.set("epochLoss", to_float64_array(run.epoch_loss));
  result.set("epochAccuracy", to_float64_array(run.epoch_accuracy));
  result.set("stepLoss", to_float64_array(run.step_loss));
  result.set("stepLearningRate", to_float64_array(run.step_learning_rate));
  result.set("diverged", run.diverged);
  result.set("divergedEpoch", run.diverged_epoch);
  result.set("divergedStep", run.diverged_step);
  result.set("stopReason", run.stop_reason);
  return result;
}

// {schedule, scheduleParams, lr, steps} → {ok, learningRate, peakLearningRate, peakStep,
// finalLearningRate}
val lr_schedule_samples_js(const val& js) {
  if (!is_object(js)) return error_result("lrScheduleSamples needs an object");
  ScheduleSettings schedule;
  double learning_rate = 0.1;
  int steps = 100;
  for (const auto& m : {read_schedule_choice(js, learning_rate, schedule),
                        read_int_in_range(js, "steps", 1, kMaxScheduleSampleSteps, steps)}) {
    if (!m.empty()) return error_result(m);
  }
  if (auto m = validate_schedule_samples(schedule, learning_rate, steps); !m.empty()) {
    return error_result(m);
  }
  val result = schedule_samples_to_js(sample_schedule(schedule, learning_rate, steps));
  result.set("ok", true);
  return result;
}

// {schedule, scheduleParams, lr, points, batchSize, epochs, hiddenWidth, noise, seed} →
// {ok, totalSteps, batchesPerEpoch, schedule: samples, scheduled: run, constant: run}
val lr_schedule_comparison_js(const val& js) {
  if (!is_object(js)) return error_result("lrScheduleComparison needs an object");
  LrTrainingSetup setup;
  ScheduleSettings schedule;
  double learning_rate = 0.5;
  for (const auto& m :
       {read_schedule_choice(js, learning_rate, schedule), read_training_setup(js, setup)}) {
    if (!m.empty()) return error_result(m);
  }
  if (auto m = validate_schedule_comparison(setup, learning_rate, schedule); !m.empty()) {
    return error_result(m);
  }
  const ScheduleComparison comparison =
      compare_schedule_with_constant(setup, learning_rate, schedule);
  val result = val::object();
  result.set("ok", true);
  result.set("totalSteps", lr_total_steps(setup));
  result.set("batchesPerEpoch", lr_total_steps(setup) / setup.epochs);
  result.set("schedule", schedule_samples_to_js(comparison.schedule));
  result.set("scheduled", training_run_to_js(comparison.scheduled));
  result.set("constant", training_run_to_js(comparison.constant));
  return result;
}

// {tooLarge, aboutRight, tooSmall, points, batchSize, epochs, hiddenWidth, noise, seed} →
// {ok, tooLarge: run, aboutRight: run, tooSmall: run}
val lr_three_rates_js(const val& js) {
  if (!is_object(js)) return error_result("lrThreeRates needs an object");
  LrTrainingSetup setup;
  ThreeRates rates;
  for (const auto& m :
       {read_number(js, "tooLarge", rates.too_large),
        read_number(js, "aboutRight", rates.about_right),
        read_number(js, "tooSmall", rates.too_small), read_training_setup(js, setup)}) {
    if (!m.empty()) return error_result(m);
  }
  if (auto m = validate_three_rates(setup, rates); !m.empty()) return error_result(m);
  const ThreeRateRuns runs = run_three_rates(setup, rates);
  val result = val::object();
  result.set("ok", true);
  result.set("tooLarge", training_run_to_js(runs.too_large));
  result.set("aboutRight", training_run_to_js(runs.about_right));
  result.set("tooSmall", training_run_to_js(runs.too_small));
  return result;
}

// {lr, baseBatch, newBatch} → {ok, factor, scaledLr}
val lr_linear_scaling_js(const val& js) {
  if (!is_object(js)) return error_result("lrLinearScaling needs an object");
  double learning_rate = 0.0;
  int base_batch = 0, new_batch = 0;
  if (is_missing(js["lr"])) return error_result("lr is missing");
  for (const auto& m : {read_number(js, "lr", learning_rate),
                        read_int_in_range(js, "baseBatch", 1, kMaxScalingBatchSize, base_batch),
                        read_int_in_range(js, "newBatch", 1, kMaxScalingBatchSize, new_batch)}) {
    if (!m.empty()) return error_result(m);
  }
  if (auto m = validate_linear_scaling(learning_rate, base_batch, new_batch); !m.empty()) {
    return error_result(m);
  }
  const LinearScaling scaling = linear_scaling(learning_rate, base_batch, new_batch);
  val result = val::object();
  result.set("ok", true);
  result.set("factor", scaling.factor);
  result.set("scaledLr", scaling.scaled_lr);
  return result;
}

}  // namespace
}  // namespace descent::bindings

EMSCRIPTEN_BINDINGS(descent_lr_range_test) {
  using namespace descent::bindings;
  emscripten::function("lrRangeTest", &lr_range_test_js);
  emscripten::function("lrScheduleSamples", &lr_schedule_samples_js);
  emscripten::function("lrScheduleComparison", &lr_schedule_comparison_js);
  emscripten::function("lrThreeRates", &lr_three_rates_js);
  emscripten::function("lrLinearScaling", &lr_linear_scaling_js);
}

DESCENT_END_COLD_CODE

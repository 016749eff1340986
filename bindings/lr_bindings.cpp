// embind registration of the learning-rate explorer behind <descent-lr>: lrRangeTest (the range
// test, sims/lr/range_test.hpp), lrScheduleSamples (a schedule over a run), lrScheduleComparison
// (a run with a schedule next to the same run at a constant rate), lrThreeRates (too large, about
// right, too small) and lrLinearScaling, one call each; createLrRuns, the comparison's or the three
// rates' runs trained a few epochs per call. Per-step and per-epoch values as typed arrays; bad
// input gives {ok: false, error}.
#include <emscripten/bind.h>

#include "descent/math/cold_code.hpp"
#include "descent/sims/lr/explorer.hpp"
#include "descent/sims/lr/linear_scaling.hpp"
#include "descent/sims/lr/range_test.hpp"
#include "descent/sims/lr/schedule_samples.hpp"
#include "descent/sims/lr/training_session.hpp"
#include "js_values.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent::bindings {
namespace {

using emscripten::val;

// {minLr, maxLr, steps, batchSize, points, seed} → the config, or what is wrong.
std::string read_range_test_config(const val& js, const char* function, LrRangeTestConfig& config) {
  if (!is_object(js)) return std::string(function) + " needs an object";
  for (const auto& m :
       {read_number(js, "minLr", config.min_lr), read_number(js, "maxLr", config.max_lr),
        read_int_in_range(js, "steps", kMinRangeTestSteps, kMaxRangeTestSteps, config.steps),
        read_int_in_range(js, "batchSize", 1, 4096, config.batch_size),
        read_int_in_range(js, "points", 8, 4096, config.points),
        read_seed(js, "seed", config.seed)}) {
    if (!m.empty()) return m;
  }
  return validate_lr_range_test(config);
}

// → {ok, learningRate, loss, smoothedLoss, stoppedAtStep, suggestedStep, suggestedLr, minimumStep}
val range_test_to_js(const LrRangeTest& run) {
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

// The whole test in one call: the request above → its answer.
val lr_range_test_js(const val& js) {
  LrRangeTestConfig config;
  if (auto m = read_range_test_config(js, "lrRangeTest", config); !m.empty()) {
    return error_result(m);
  }
  return range_test_to_js(run_lr_range_test(config));
}

// The test a slice at a time (<descent-lr> spreads it over frames): advance(steps) → whether it
// is over, result() → lrRangeTest's answer for the steps so far.
class LrRangeTestJs {
 public:
  explicit LrRangeTestJs(const LrRangeTestConfig& config) : run_(config) {}
  val advance(const val& js_steps) {
    double steps = 0;
    if (auto m = to_finite_number(js_steps, "steps", steps); !m.empty()) return error_result(m);
    return val(run_.advance(static_cast<int>(std::max(0.0, std::min(steps, 1e6)))));
  }
  val result() const { return range_test_to_js(run_.result()); }

 private:
  LrRangeTestRun run_;
};

// The request above → {ok, run: LrRangeTest} (delete() it when done).
val create_lr_range_test(const val& js) {
  LrRangeTestConfig config;
  if (auto m = read_range_test_config(js, "createLrRangeTest", config); !m.empty()) {
    return error_result(m);
  }
  val result = val::object();
  result.set("ok", true);
  result.set("run", val(LrRangeTestJs(config)));
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

// The explorer's training runs of one request, trained a few epochs at a time so the page can
// spread them over animation frames (createLrRuns), or all at once (lrScheduleComparison,
// lrThreeRates): the same numbers either way.
//   kind "compare": {schedule, scheduleParams, lr, <setup>} → {ok, totalSteps, batchesPerEpoch,
//                   schedule: samples, scheduled: run, constant: run}
//   kind "rates":   {tooLarge, aboutRight, tooSmall, <setup>} → {ok, tooLarge: run,
//                   aboutRight: run, tooSmall: run}
// where <setup> is points, batchSize, epochs, hiddenWidth, noise, seed.
class LrRunsJs {
 public:
  // "" and `runs` ready, or what is wrong with the request.
  static std::string make(const std::string& kind, const val& js, LrRunsJs& runs) {
    LrTrainingSetup setup;
    LrRunsJs made;
    const ScheduleSettings constant;  // the default schedule: the base rate throughout
    if (kind == "compare") {
      ScheduleSettings schedule;
      double learning_rate = 0.5;
      for (const auto& m :
           {read_schedule_choice(js, learning_rate, schedule), read_training_setup(js, setup)}) {
        if (!m.empty()) return m;
      }
      if (auto m = validate_schedule_comparison(setup, learning_rate, schedule); !m.empty()) {
        return m;
      }
      made.schedule_ =
          schedule_samples_to_js(sample_schedule(schedule, learning_rate, lr_total_steps(setup)));
      made.add("scheduled", setup, learning_rate, schedule);
      made.add("constant", setup, learning_rate, constant);
    } else if (kind == "rates") {
      ThreeRates rates;
      for (const auto& m :
           {read_number(js, "tooLarge", rates.too_large),
            read_number(js, "aboutRight", rates.about_right),
            read_number(js, "tooSmall", rates.too_small), read_training_setup(js, setup)}) {
        if (!m.empty()) return m;
      }
      if (auto m = validate_three_rates(setup, rates); !m.empty()) return m;
      made.add("tooLarge", setup, rates.too_large, constant);
      made.add("aboutRight", setup, rates.about_right, constant);
      made.add("tooSmall", setup, rates.too_small, constant);
    } else {
      return "kind must be \"compare\" or \"rates\"";
    }
    made.setup_ = setup;
    runs = std::move(made);
    return "";
  }

  // Trains up to `epochs` more epochs, run after run; returns whether every run has finished.
  val advance(const val& js_epochs) {
    double epochs = 0;
    if (auto m = to_finite_number(js_epochs, "epochs", epochs); !m.empty()) return error_result(m);
    int left = static_cast<int>(std::max(0.0, std::min(epochs, 1e6)));
    for (auto& [name, session] : runs_) {
      while (left > 0 && !session->finished()) {
        session->advance(1);
        --left;
      }
    }
    return val(finished());
  }

  // {epochs, totalEpochs}: epochs trained so far over all runs (a run that stopped early counts
  // as complete), out of runs × epochs.
  val progress() const {
    int done = 0;
    for (const auto& [name, session] : runs_) {
      done += session->finished() ? session->total_epochs() : session->epochs_completed();
    }
    val js = val::object();
    js.set("epochs", done);
    js.set("totalEpochs", static_cast<int>(runs_.size()) * setup_.epochs);
    return js;
  }

  // The request's answer (see above), the runs as far as they have trained.
  val result() const {
    val js = val::object();
    js.set("ok", true);
    if (!schedule_.isUndefined()) {
      js.set("totalSteps", lr_total_steps(setup_));
      js.set("batchesPerEpoch", lr_total_steps(setup_) / setup_.epochs);
      js.set("schedule", schedule_);
    }
    for (const auto& [name, session] : runs_) js.set(name, training_run_to_js(session->result()));
    return js;
  }

 private:
  bool finished() const {
    for (const auto& [name, session] : runs_) {
      if (!session->finished()) return false;
    }
    return true;
  }
  void add(const char* name, const LrTrainingSetup& setup, double learning_rate,
           const ScheduleSettings& schedule) {
    runs_.emplace_back(name, std::make_unique<LrTrainingSession>(setup, learning_rate, schedule));
  }

  LrTrainingSetup setup_;
  val schedule_ = val::undefined();
  std::vector<std::pair<std::string, std::unique_ptr<LrTrainingSession>>> runs_;
};

// {kind, …the request} → {ok, runs: LrRuns} (delete() it when done)
val create_lr_runs(const val& js) {
  if (!is_object(js)) return error_result("createLrRuns needs an object");
  std::string kind;
  if (auto m = read_string(js, "kind", kind); !m.empty()) return error_result(m);
  LrRunsJs runs;
  if (auto m = LrRunsJs::make(kind, js, runs); !m.empty()) return error_result(m);
  val result = val::object();
  result.set("ok", true);
  result.set("runs", val(std::move(runs)));
  return result;
}

val all_runs(const std::string& kind, const char* function, const val& js) {
  if (!is_object(js)) return error_result(std::string(function) + " needs an object");
  LrRunsJs runs;
  if (auto m = LrRunsJs::make(kind, js, runs); !m.empty()) return error_result(m);
  runs.advance(val(kMaxLrEpochs * 3));
  return runs.result();
}

val lr_schedule_comparison_js(const val& js) {
  return all_runs("compare", "lrScheduleComparison", js);
}
val lr_three_rates_js(const val& js) { return all_runs("rates", "lrThreeRates", js); }

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
  emscripten::class_<LrRunsJs>("LrRuns")
      .function("advance", &LrRunsJs::advance)
      .function("progress", &LrRunsJs::progress)
      .function("result", &LrRunsJs::result);
  emscripten::function("createLrRuns", &create_lr_runs);
  emscripten::class_<LrRangeTestJs>("LrRangeTest")
      .function("advance", &LrRangeTestJs::advance)
      .function("result", &LrRangeTestJs::result);
  emscripten::function("createLrRangeTest", &create_lr_range_test);
  emscripten::function("lrLinearScaling", &lr_linear_scaling_js);
}

DESCENT_END_COLD_CODE

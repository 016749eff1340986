// embind registration of the learning-rate range test (sims/lr_range_test.hpp): lrRangeTest, one
// call for the whole test, its per-step rates and losses as typed arrays; bad input gives
// {ok: false, error}.
#include <emscripten/bind.h>

#include "descent/sims/lr_range_test.hpp"
#include "js_values.hpp"

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

}  // namespace
}  // namespace descent::bindings

EMSCRIPTEN_BINDINGS(descent_lr_range_test) {
  using namespace descent::bindings;
  emscripten::function("lrRangeTest", &lr_range_test_js);
}

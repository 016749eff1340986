// embind registration of the mini-batch SGD explorer (sims/sgd/*.hpp): the data set, one call for
// a whole run, one for the gradient fan at a point, one for the loss landscape's contour map.
// Bad input gives {ok: false, error}; bulk data crosses as typed arrays.
#include <emscripten/bind.h>

#include <algorithm>
#include <cmath>

#include "descent/math/cold_code.hpp"
#include "descent/sims/sgd/line_data.hpp"
#include "descent/sims/sgd/line_loss.hpp"
#include "descent/sims/sgd/loss_surface.hpp"
#include "descent/sims/sgd/run.hpp"
#include "descent/viz/contour_lines.hpp"
#include "descent/viz/filled_contours.hpp"
#include "descent/viz/surface_grid.hpp"
#include "js_values.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent::bindings {
namespace {

using emscripten::val;

// The shipped data set, drawn once (it depends on nothing but its seed).
const SgdLineData& shipped_data() {
  static const SgdLineData data = make_sgd_line_data();
  return data;
}

// The loss surface of that data set, with its minima located once.
const SgdLossSurface& shipped_surface() {
  static const SgdLossSurface surface(shipped_data());
  return surface;
}

val point_to_js(const Eigen::Vector2d& p) { return to_float64_array({p[0], p[1]}); }

val minimum_to_js(const SgdMinimum& minimum) {
  val js = val::object();
  js.set("name", minimum.name);
  js.set("point", point_to_js(minimum.point));
  js.set("loss", minimum.loss);
  js.set("sharpness", minimum.sharpness);
  js.set("nonUniformity", minimum.non_uniformity);
  return js;
}

// The data set and the simulation's defaults and limits: {ok, x, y, steep (Uint8Array: 1 = steep
// point), size, steepCount, cauchyScale, dataSeed, defaults: {lr, epochs, start}, viewBox,
// maxEpochs, maxIterations, maxLearningRate, maxFanBatches}.
val sgd_data_set() {
  const SgdLineData& data = shipped_data();
  std::vector<std::uint8_t> steep;
  for (SgdPopulation p : data.population) steep.push_back(p == SgdPopulation::kSteep ? 1 : 0);
  val defaults = val::object();
  defaults.set("lr", kSgdDefaultLearningRate);
  defaults.set("epochs", kSgdDefaultEpochs);
  defaults.set("start", to_float64_array({kSgdDefaultStartW, kSgdDefaultStartB}));
  val result = val::object();
  result.set("ok", true);
  result.set("x", to_float64_array(data.x));
  result.set("y", to_float64_array(data.y));
  result.set("steep", to_uint8_array(steep));
  result.set("size", data.size());
  result.set("steepCount", kSgdSteepPointCount);
  result.set("cauchyScale", kSgdCauchyScale);
  result.set("dataSeed", static_cast<double>(data.seed));
  result.set("defaults", defaults);
  result.set("viewBox", view_box_to_js(shipped_surface().view_box()));
  result.set("maxEpochs", kSgdMaxEpochs);
  result.set("maxIterations", kSgdMaxIterations);
  result.set("maxLearningRate", kSgdMaxLearningRate);
  result.set("maxFanBatches", kSgdMaxFanBatches);
  return result;
}

// {batchSize, lr, epochs, start: [w, b], shuffle, seed} (absent keys take the defaults) → the
// config, or what is wrong.
std::string read_sgd_run_config(const val& js, const char* function, SgdRunConfig& config) {
  if (!is_object(js)) return std::string(function) + " needs a config object";
  double learning_rate = config.learning_rate;
  for (const auto& m :
       {read_int_in_range(js, "batchSize", 1, kSgdDataSize, config.batch_size),
        read_number(js, "lr", learning_rate),
        read_int_in_range(js, "epochs", 1, kSgdMaxEpochs, config.epochs),
        read_number_list(js, "start", config.start), read_bool(js, "shuffle", config.shuffle),
        read_seed(js, "seed", config.seed)}) {
    if (!m.empty()) return m;
  }
  config.learning_rate = learning_rate;
  return validate_sgd_run_config(config);
}

// → {ok, batchSize, batchesPerEpoch, iterations, positions (2 per point), fullLosses,
// batchLosses, batchSteepShare, minima: [{name, point, loss, sharpness, nonUniformity, growth,
// smallestStableBatch}], outcome, nearestMinimum, distanceToNearest, divergedAtIteration, message}
val sgd_run_to_js(const SgdRun& run) {
  val minima = val::array();
  for (std::size_t i = 0; i < run.minima.size(); ++i) {
    val js_minimum = minimum_to_js(run.minima[i]);
    js_minimum.set("growth", run.minimum_growth[i]);
    js_minimum.set("smallestStableBatch", run.minimum_smallest_stable_batch[i]);
    minima.call<void>("push", js_minimum);
  }
  val result = val::object();
  result.set("ok", true);
  result.set("batchSize", run.batch_size);
  result.set("batchesPerEpoch", run.batches_per_epoch);
  result.set("iterations", run.iterations_completed);
  result.set("positions", to_float64_array(run.positions));
  result.set("fullLosses", to_float64_array(run.full_losses));
  result.set("batchLosses", to_float64_array(run.batch_losses));
  result.set("batchSteepShare", to_float64_array(run.batch_steep_share));
  result.set("minima", minima);
  result.set("outcome", sgd_outcome_name(run.outcome));
  result.set("nearestMinimum", run.nearest_minimum);
  result.set("distanceToNearest", run.distance_to_nearest);
  result.set("divergedAtIteration", run.diverged_at_iteration);
  result.set("message", run.message);
  return result;
}

// The whole run in one call: the config above → its answer.
val sgd_run_js(const val& js) {
  SgdRunConfig config;
  if (auto m = read_sgd_run_config(js, "sgdRun", config); !m.empty()) return error_result(m);
  return sgd_run_to_js(run_sgd(shipped_data(), config));
}

// The run a slice at a time (<descent-sgd> spreads a long one over frames): advance(iterations)
// → whether it is over, progress() → {iterations, totalIterations}, result() → sgdRun's answer
// (once over).
class SgdRunJs {
 public:
  explicit SgdRunJs(const SgdRunConfig& config) : runner_(shipped_data(), config) {}
  val advance(const val& js_iterations) {
    double iterations = 0;
    if (auto m = to_finite_number(js_iterations, "iterations", iterations); !m.empty()) {
      return error_result(m);
    }
    const double most = static_cast<double>(kSgdMaxIterations);
    return val(runner_.advance(static_cast<int>(std::max(0.0, std::min(iterations, most)))));
  }
  val progress() const {
    val js = val::object();
    js.set("iterations", runner_.run().iterations_completed);
    js.set("totalIterations", runner_.total_iterations());
    return js;
  }
  val result() const { return sgd_run_to_js(runner_.run()); }

 private:
  SgdRunner runner_;
};

// The config above → {ok, run: SgdRun} (delete() it when done).
val create_sgd_run(const val& js) {
  SgdRunConfig config;
  if (auto m = read_sgd_run_config(js, "createSgdRun", config); !m.empty()) {
    return error_result(m);
  }
  val result = val::object();
  result.set("ok", true);
  result.set("run", val(SgdRunJs(config)));
  return result;
}

// {point: [w, b], batchSize, count, seed} → {ok, loss, fullGradient, batchGradients (2 per batch),
// batchLosses}
val sgd_gradient_fan_js(const val& js) {
  if (!is_object(js)) return error_result("sgdGradientFan needs an object");
  std::vector<double> point;
  int batch_size = kSgdDataSize;
  int count = 8;
  std::uint64_t seed = 1;
  for (const auto& m :
       {read_number_list(js, "point", point),
        read_int_in_range(js, "batchSize", 1, kSgdDataSize, batch_size),
        read_int_in_range(js, "count", 1, kSgdMaxFanBatches, count), read_seed(js, "seed", seed)}) {
    if (!m.empty()) return error_result(m);
  }
  if (auto m = validate_gradient_fan(point, batch_size, count, kSgdDataSize); !m.empty()) {
    return error_result(m);
  }
  const GradientFan fan = gradient_fan(shipped_data(), point, batch_size, count, seed);
  val result = val::object();
  result.set("ok", true);
  result.set("loss", fan.loss);
  result.set("fullGradient", point_to_js(fan.full_gradient));
  result.set("batchGradients", to_float64_array(fan.batch_gradients));
  result.set("batchLosses", to_float64_array(fan.batch_losses));
  return result;
}

// {columns, rows, levels, box?} → the filled contour map and contour lines of L(w, b), like
// surfaceMap: {ok, columns, rows, box, rgba, levels, contourSegments, logarithmic, min, max,
// formula, viewBox, minima: [{name, point, loss, sharpness, nonUniformity}]}
val sgd_landscape_js(const val& js) {
  if (!is_object(js)) return error_result("sgdLandscape needs an object");
  const SgdLossSurface& surface = shipped_surface();
  int columns = 0, rows = 0, level_count = 0;
  ViewBox box = surface.view_box();
  if (auto m = read_grid_request(js, columns, rows, level_count, box); !m.empty()) {
    return error_result(m);
  }
  const SurfaceGrid grid = sample_surface_grid(surface, box, columns, rows);
  const LevelSpacing spacing = choose_level_spacing(grid);
  const std::vector<double> levels = contour_levels(grid, level_count, spacing);
  const ContourLines lines = trace_contour_lines(grid, levels);
  val minima = val::array();
  for (const SgdMinimum& minimum : surface.located_minima()) {
    minima.call<void>("push", minimum_to_js(minimum));
  }
  val result = val::object();
  result.set("ok", true);
  result.set("columns", columns);
  result.set("rows", rows);
  result.set("box", view_box_to_js(grid.box));
  result.set("viewBox", view_box_to_js(surface.view_box()));
  result.set("rgba", to_uint8_array(render_filled_contours(grid, levels)));
  result.set("levels", to_float64_array(levels));
  result.set("contourSegments", to_float64_array(lines.segments));
  result.set("logarithmic", spacing == LevelSpacing::kLogarithmic);
  result.set("min", grid.min_value);
  result.set("max", grid.max_value);
  result.set("formula", surface.formula());
  result.set("minima", minima);
  return result;
}

}  // namespace
}  // namespace descent::bindings

EMSCRIPTEN_BINDINGS(descent_sgd) {
  using namespace descent::bindings;
  emscripten::function("sgdDataSet", &sgd_data_set);
  emscripten::function("sgdRun", &sgd_run_js);
  emscripten::function("sgdGradientFan", &sgd_gradient_fan_js);
  emscripten::function("sgdLandscape", &sgd_landscape_js);
  emscripten::class_<SgdRunJs>("SgdRun")
      .function("advance", &SgdRunJs::advance)
      .function("progress", &SgdRunJs::progress)
      .function("result", &SgdRunJs::result);
  emscripten::function("createSgdRun", &create_sgd_run);
}

DESCENT_END_COLD_CODE

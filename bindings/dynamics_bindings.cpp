// embind registration of the training-dynamics probe behind <descent-dynamics>: createDynamicsProbe
// (a DynamicsProbe that trains a few steps per call, for the widget's animation frames; delete()
// it), runDynamics (a whole run in one call) and dynamicsCatalog. Every per-step, per-layer number
// crosses as typed arrays, entry-major as in dynamics_probe.hpp; bad input gives {ok: false,
// error}.
#include <emscripten/bind.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "descent/math/cold_code.hpp"
#include "descent/optim/optimizer_catalog.hpp"
#include "descent/sims/dynamics/probe.hpp"
#include "js_values.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent::bindings {
namespace {

using emscripten::val;

// {depth, width, activation, initializer, batchNorm, residual, clip, clipThreshold, optimizer, lr,
// steps, seed} (every key optional) → a validated config.
std::string read_dynamics_config(const val& js, DynamicsConfig& config) {
  if (!is_object(js)) return "dynamics config must be an object";
  if (auto m = read_int_in_range(js, "depth", kMinDynamicsDepth, kMaxDynamicsDepth, config.depth);
      !m.empty()) {
    return m;
  }
  if (auto m = read_int_in_range(js, "width", kMinDynamicsWidth, kMaxDynamicsWidth, config.width);
      !m.empty()) {
    return m;
  }
  if (auto m = read_string(js, "activation", config.activation); !m.empty()) return m;
  if (auto m = read_string(js, "initializer", config.initializer); !m.empty()) return m;
  if (auto m = read_bool(js, "batchNorm", config.batch_norm); !m.empty()) return m;
  if (auto m = read_bool(js, "residual", config.residual); !m.empty()) return m;
  if (auto m = read_bool(js, "clip", config.clip); !m.empty()) return m;
  if (auto m = read_number(js, "clipThreshold", config.clip_threshold); !m.empty()) return m;
  if (auto m = read_string(js, "optimizer", config.optimizer); !m.empty()) return m;
  if (auto m = read_number(js, "lr", config.learning_rate); !m.empty()) return m;
  if (auto m = read_int_in_range(js, "steps", 0, kMaxDynamicsSteps, config.steps); !m.empty()) {
    return m;
  }
  if (auto m = read_seed(js, "seed", config.seed); !m.empty()) return m;
  return validate_dynamics_config(config);
}

// Entries first..last (inclusive) of `run` in its layouts, per entry, per layer or per bin.
template <typename Value>
std::vector<Value> slice(const std::vector<Value>& values, int first, int last, int per_entry) {
  return std::vector<Value>(values.begin() + static_cast<std::ptrdiff_t>(first) * per_entry,
                            values.begin() + static_cast<std::ptrdiff_t>(last + 1) * per_entry);
}

val entries_to_js(const DynamicsRun& run, int first) {
  const int last = run.steps_completed;
  first = std::max(0, std::min(first, last + 1));
  const int depth = run.depth, hidden = run.hidden_layers;
  std::vector<std::string> verdicts;
  for (int k = first; k <= last; ++k) {
    verdicts.push_back(flow_verdict_name(run.verdicts[static_cast<std::size_t>(k)]));
  }
  val js = val::object();
  js.set("ok", true);
  js.set("first", first);
  js.set("count", last + 1 - first);
  js.set("loss", to_float64_array(slice(run.loss, first, last, 1)));
  js.set("verdicts", string_array(verdicts));
  js.set("messages", string_array(slice(run.messages, first, last, 1)));
  js.set("flowRatio", to_float64_array(slice(run.flow_ratio, first, last, 1)));
  js.set("gradientNorms", to_float64_array(slice(run.gradient_norms, first, last, depth)));
  js.set("weightNorms", to_float64_array(slice(run.weight_norms, first, last, depth)));
  js.set("activationMean", to_float64_array(slice(run.activation_mean, first, last, hidden)));
  js.set("activationStd", to_float64_array(slice(run.activation_std, first, last, hidden)));
  js.set("zeroFraction", to_float64_array(slice(run.zero_fraction, first, last, hidden)));
  js.set("deadUnitFraction", to_float64_array(slice(run.dead_unit_fraction, first, last, hidden)));
  js.set("meanLocalDerivative",
         to_float64_array(slice(run.mean_local_derivative, first, last, hidden)));
  js.set("saturatedFraction", to_float64_array(slice(run.saturated_fraction, first, last, hidden)));
  js.set("nonFiniteFraction",
         to_float64_array(slice(run.non_finite_fraction, first, last, hidden)));
  js.set("histogramLow", to_float64_array(slice(run.histogram_low, first, last, 1)));
  js.set("histogramHigh", to_float64_array(slice(run.histogram_high, first, last, 1)));
  js.set("histograms", to_float32_array(slice(run.histograms, first, last, hidden * run.bins)));
  return js;
}

void set_run_summary(const DynamicsRun& run, bool finished, val& js) {
  js.set("depth", run.depth);
  js.set("hiddenLayers", run.hidden_layers);
  js.set("bins", run.bins);
  js.set("stepsCompleted", run.steps_completed);
  js.set("finished", finished);
  js.set("diverged", run.diverged);
  js.set("divergedAtStep", run.diverged_at_step);
}

// The whole run in one call: the summary and every entry.
val run_dynamics_js(const val& js) {
  DynamicsConfig config;
  if (auto m = read_dynamics_config(js, config); !m.empty()) return error_result(m);
  const DynamicsRun run = run_dynamics(config);
  val result = entries_to_js(run, 0);
  set_run_summary(run, true, result);
  return result;
}

}  // namespace

// A run recorded a few steps at a time (see DynamicsProbe), owned by JavaScript: delete() it.
class DynamicsProbeJs {
 public:
  // Held by pointer: the probe cannot move (its trainer refers to its network), its handle can.
  explicit DynamicsProbeJs(const DynamicsConfig& config)
      : probe_(std::make_unique<DynamicsProbe>(config)) {}

  // Records up to `entries` more entries (1..kMaxDynamicsSteps + 1); returns how many.
  // (or {ok: false, error} when `entries` is not a number)
  val advance(const val& js_entries) {
    double entries = 0;
    if (auto m = to_finite_number(js_entries, "entries", entries); !m.empty()) {
      return error_result(m);
    }
    const double clamped =
        std::max(0.0, std::min(entries, static_cast<double>(kMaxDynamicsSteps + 1)));
    return val(probe_->advance(static_cast<int>(clamped)));
  }
  // {depth, hiddenLayers, bins, stepsCompleted, finished, diverged, divergedAtStep}
  val summary() const {
    val js = val::object();
    set_run_summary(probe_->run(), probe_->finished(), js);
    return js;
  }
  // Entries from `first` (clamped) to the last recorded, as runDynamics lays them out.
  val entries(const val& js_first) const {
    double first = 0;
    if (auto m = to_finite_number(js_first, "first", first); !m.empty()) return error_result(m);
    const double clamped =
        std::max(0.0, std::min(first, static_cast<double>(kMaxDynamicsSteps + 1)));
    return entries_to_js(probe_->run(), static_cast<int>(clamped));
  }

 private:
  std::unique_ptr<DynamicsProbe> probe_;
};

namespace {

// {ok, probe} — the caller owns probe and must delete() it — or {ok: false, error}.
val create_dynamics_probe(const val& js) {
  DynamicsConfig config;
  if (auto m = read_dynamics_config(js, config); !m.empty()) return error_result(m);
  val result = val::object();
  result.set("ok", true);
  result.set("probe", val(DynamicsProbeJs(config)));
  return result;
}

// What the widget's menus and healthy band need: the choices and the verdict's thresholds.
val dynamics_catalog() {
  val catalog = val::object();
  catalog.set("activations", string_array(dynamics_activation_names()));
  catalog.set("initializers", string_array(dynamics_initializer_names()));
  std::vector<std::string> optimizers;
  for (const auto& info : optimizer_catalog()) optimizers.push_back(info.id);
  catalog.set("optimizers", string_array(optimizers));
  val limits = val::object();
  limits.set("minDepth", kMinDynamicsDepth);
  limits.set("maxDepth", kMaxDynamicsDepth);
  limits.set("minWidth", kMinDynamicsWidth);
  limits.set("maxWidth", kMaxDynamicsWidth);
  limits.set("maxSteps", kMaxDynamicsSteps);
  limits.set("maxLearningRate", kMaxDynamicsLearningRate);
  limits.set("samples", kDynamicsSamples);
  limits.set("smallInitStddev", kSmallInitStddev);
  catalog.set("limits", limits);
  val thresholds = val::object();
  thresholds.set("fadingRatio", kFadingRatio);
  thresholds.set("vanishingRatio", kVanishingRatio);
  thresholds.set("explodingNorm", kExplodingNorm);
  thresholds.set("vanishingGradientPerLoss", kVanishingGradientPerLoss);
  thresholds.set("fittedLoss", kFittedLoss);
  catalog.set("thresholds", thresholds);
  return catalog;
}

}  // namespace
}  // namespace descent::bindings

EMSCRIPTEN_BINDINGS(descent_dynamics) {
  using namespace descent::bindings;
  emscripten::class_<DynamicsProbeJs>("DynamicsProbe")
      .function("advance", &DynamicsProbeJs::advance)
      .function("summary", &DynamicsProbeJs::summary)
      .function("entries", &DynamicsProbeJs::entries);
  emscripten::function("createDynamicsProbe", &create_dynamics_probe);
  emscripten::function("runDynamics", &run_dynamics_js);
  emscripten::function("dynamicsCatalog", &dynamics_catalog);
}

DESCENT_END_COLD_CODE

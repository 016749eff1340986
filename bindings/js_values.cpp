#include "js_values.hpp"

#include <cmath>

#include "descent/math/cold_code.hpp"
#include "descent/math/messages.hpp"
#include "descent/viz/surface_grid.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent::bindings {
namespace {

using emscripten::val;

// {key: number} → map; non-number values are rejected by name.
std::string read_number_map(const val& object, const char* key, HyperParameterValues& out) {
  const val map = object[key];
  if (is_missing(map)) return "";
  if (map.typeOf().as<std::string>() != "object") return std::string(key) + " must be an object";
  const val keys = val::global("Object").call<val>("keys", map);
  const int count = keys["length"].as<int>();
  for (int i = 0; i < count; ++i) {
    const std::string name = keys[i].as<std::string>();
    const val v = map[name];
    if (!v.isNumber()) return std::string(key) + "." + shorten_text(name) + " must be a number";
    out[name] = v.as<double>();
  }
  return "";
}

// The keys a single run and a race share: start [numbers], steps (1–max_steps), noise, seed.
std::string read_run_setup(const val& js, int max_steps, std::vector<double>& start, int& steps,
                           double& noise, std::uint64_t& seed) {
  if (auto m = read_number(js, "noise", noise); !m.empty()) return m;

  double whole_steps = steps;
  if (auto m = read_integer(js, "steps", kMaxSafeInteger, whole_steps); !m.empty()) return m;
  if (whole_steps < 1 || whole_steps > max_steps) {
    return "steps must be between 1 and " + std::to_string(max_steps);
  }
  steps = static_cast<int>(whole_steps);

  if (auto m = read_seed(js, "seed", seed); !m.empty()) return m;

  return read_number_list(js, "start", start);
}

}  // namespace

bool is_missing(const val& v) { return v.isUndefined() || v.isNull(); }

bool is_array(const val& v) { return val::global("Array").call<bool>("isArray", v); }

bool is_object(const val& v) { return !is_missing(v) && v.typeOf().as<std::string>() == "object"; }

std::string read_number(const val& object, const char* key, double& out) {
  const val v = object[key];
  if (is_missing(v)) return "";
  if (!v.isNumber()) return std::string(key) + " must be a number";
  out = v.as<double>();
  return "";
}

std::string read_string(const val& object, const char* key, std::string& out) {
  const val v = object[key];
  if (is_missing(v)) return "";
  if (!v.isString()) return std::string(key) + " must be a string";
  out = v.as<std::string>();
  return "";
}

std::string read_bool(const val& object, const char* key, bool& out) {
  const val v = object[key];
  if (is_missing(v)) return "";
  if (!v.isTrue() && !v.isFalse()) return std::string(key) + " must be true or false";
  out = v.isTrue();
  return "";
}

std::string read_integer(const val& object, const char* key, double max_value, double& out) {
  if (auto message = read_number(object, key, out); !message.empty()) return message;
  if (!std::isfinite(out) || out != std::floor(out) || std::abs(out) > max_value) {
    return std::string(key) + " must be a whole number";
  }
  return "";
}

std::string to_finite_number(const val& v, const std::string& name, double& out) {
  if (!v.isNumber()) return name + " must be a finite number";
  const double value = v.as<double>();
  if (!std::isfinite(value)) return name + " must be a finite number";
  out = value;
  return "";
}

std::string to_int_in_range(const val& v, const std::string& name, int min_value, int max_value,
                            int& out) {
  const std::string range = " must be a whole number between " + std::to_string(min_value) +
                            " and " + std::to_string(max_value);
  if (!v.isNumber()) return name + range;
  const double value = v.as<double>();
  if (!(value >= min_value && value <= max_value) || value != std::floor(value)) {
    return name + range;
  }
  out = static_cast<int>(value);
  return "";
}

std::string read_int_in_range(const val& object, const char* key, int min_value, int max_value,
                              int& out) {
  const val v = object[key];
  if (is_missing(v)) return "";
  return to_int_in_range(v, key, min_value, max_value, out);
}

std::string read_ints(const val& object, std::initializer_list<IntKey> keys) {
  for (const IntKey& key : keys) {
    if (auto m = read_int_in_range(object, key.key, key.min_value, key.max_value, *key.out);
        !m.empty()) {
      return m;
    }
  }
  return "";
}

std::string read_seed(const val& object, const char* key, std::uint64_t& out) {
  double value = static_cast<double>(out);
  if (auto message = read_integer(object, key, kMaxSafeInteger, value); !message.empty()) {
    return message;
  }
  if (value < 0) return std::string(key) + " must be a whole number ≥ 0";
  out = static_cast<std::uint64_t>(value);
  return "";
}

std::string to_number_vector(const val& values, const std::string& name, std::vector<double>& out) {
  const bool is_array = val::global("Array").call<bool>("isArray", values);
  const bool is_typed_array =
      val::global("ArrayBuffer").call<bool>("isView", values) && values["length"].isNumber();
  if (!is_array && !is_typed_array) return name + " must be a typed array or an array of numbers";
  // A plain array is checked in one call before the bulk copy: converting a Symbol (or an object
  // whose valueOf throws) would throw from inside the copy, and null or "1" would pass as numbers.
  if (is_array && !values.call<bool>("every", val::global("Number")["isFinite"])) {
    return name + " must hold finite numbers only";
  }
  // One bulk copy through a typed-array view; non-numbers become NaN and are caught below.
  out = emscripten::convertJSArrayToNumberVector<double>(values);
  for (double value : out) {
    if (!std::isfinite(value)) return name + " must hold finite numbers only";
  }
  return "";
}

std::string read_surface_spec(const val& js, SurfaceSpec& spec) {
  if (is_missing(js) || js.typeOf().as<std::string>() != "object")
    return "config must be an object";
  if (auto m = read_string(js, "surface", spec.id); !m.empty()) return m;
  // The formula of a typed surface ("custom", "custom1d"); other surfaces ignore it.
  if (auto m = read_string(js, "expression", spec.expression); !m.empty()) return m;
  return read_number(js, "condition", spec.condition_number);
}

std::string read_number_list(const val& js, const char* key, std::vector<double>& out) {
  const val list = js[key];
  if (is_missing(list)) return "";
  const std::string problem = std::string(key) + " must be an array of numbers";
  if (!val::global("Array").call<bool>("isArray", list)) return problem;
  out.clear();
  const int length = list["length"].as<int>();
  for (int i = 0; i < length; ++i) {
    if (!list[i].isNumber()) return problem;
    out.push_back(list[i].as<double>());
  }
  return "";
}

std::string read_optimizer_choice(const val& js, OptimizerSettings& optimizer,
                                  double& learning_rate, ScheduleSettings& schedule,
                                  ClipSettings& clip) {
  if (auto m = read_string(js, "optimizer", optimizer.id); !m.empty()) return m;
  if (auto m = read_number(js, "lr", learning_rate); !m.empty()) return m;
  if (auto m = read_number_map(js, "hyper", optimizer.hyper_parameters); !m.empty()) return m;
  if (auto m = read_string(js, "schedule", schedule.id); !m.empty()) return m;
  if (auto m = read_number_map(js, "scheduleParams", schedule.parameters); !m.empty()) return m;
  if (auto m = read_string(js, "clip", clip.mode); !m.empty()) return m;
  return read_number(js, "clipThreshold", clip.threshold);
}

std::string read_descent_config(const val& js, DescentRunConfig& config) {
  if (auto m = read_surface_spec(js, config.surface); !m.empty()) return m;
  if (auto m = read_run_setup(js, kMaxDescentSteps, config.start, config.steps,
                              config.gradient_noise, config.seed);
      !m.empty()) {
    return m;
  }
  if (auto m = read_optimizer_choice(js, config.optimizer, config.learning_rate, config.schedule,
                                     config.clip);
      !m.empty()) {
    return m;
  }
  return validate_descent_config(config);
}

std::string read_race_config(const val& js, RaceConfig& config) {
  if (auto m = read_surface_spec(js, config.surface); !m.empty()) return m;
  if (auto m = read_run_setup(js, kMaxRaceSteps, config.start, config.steps, config.gradient_noise,
                              config.seed);
      !m.empty()) {
    return m;
  }
  const val racers = js["racers"];
  if (!val::global("Array").call<bool>("isArray", racers)) return "racers must be an array";
  const int count = racers["length"].as<int>();
  if (auto m = validate_racer_count(count); !m.empty()) return m;
  config.racers.assign(count, RacerConfig{});
  for (int i = 0; i < count; ++i) {
    const val js_racer = racers[i];
    const std::string name = "racer " + std::to_string(i + 1);
    if (is_missing(js_racer) || js_racer.typeOf().as<std::string>() != "object") {
      return name + " must be an object";
    }
    RacerConfig& racer = config.racers[i];
    if (auto m = read_optimizer_choice(js_racer, racer.optimizer, racer.learning_rate,
                                       racer.schedule, racer.clip);
        !m.empty()) {
      return name + ": " + m;
    }
  }
  return validate_race_config(config);
}

std::string read_grid_request(const val& js, int& columns, int& rows, int& level_count,
                              ViewBox& box) {
  double value = 0;
  if (auto m = read_integer(js, "columns", kMaxSafeInteger, value); !m.empty()) return m;
  if (value < 1 || value > kMaxGridSide) return "columns must be 1–" + std::to_string(kMaxGridSide);
  columns = static_cast<int>(value);
  value = 0;
  if (auto m = read_integer(js, "rows", kMaxSafeInteger, value); !m.empty()) return m;
  if (value < 1 || value > kMaxGridSide) return "rows must be 1–" + std::to_string(kMaxGridSide);
  rows = static_cast<int>(value);
  value = 16;
  if (auto m = read_integer(js, "levels", kMaxSafeInteger, value); !m.empty()) return m;
  if (value < 1 || value > 256) return "levels must be 1–256";
  level_count = static_cast<int>(value);

  const val js_box = js["box"];
  if (is_missing(js_box)) return "";
  return read_view_box(js_box, box);
}

std::string read_view_box(const val& js_box, ViewBox& box) {
  if (!is_object(js_box)) return "box must be an object {xMin, xMax, yMin, yMax}";
  for (const char* key : {"xMin", "xMax", "yMin", "yMax"}) {
    if (!js_box[key].isNumber() || !std::isfinite(js_box[key].as<double>())) {
      return std::string("box.") + key + " must be a finite number";
    }
  }
  box = {js_box["xMin"].as<double>(), js_box["xMax"].as<double>(), js_box["yMin"].as<double>(),
         js_box["yMax"].as<double>()};
  if (!(box.x_min < box.x_max && box.y_min < box.y_max))
    return "box must have xMin < xMax and yMin < yMax";
  return "";
}

val to_float64_array(const std::vector<double>& values) {
  // The view aliases WebAssembly memory; slice() copies it into a JS-owned array.
  return val(emscripten::typed_memory_view(values.size(), values.data())).call<val>("slice");
}

val to_uint8_array(const std::vector<std::uint8_t>& values) {
  return val(emscripten::typed_memory_view(values.size(), values.data())).call<val>("slice");
}

val to_int32_array(const std::vector<int>& values) {
  return val(emscripten::typed_memory_view(values.size(), values.data())).call<val>("slice");
}

val to_float32_array(const std::vector<float>& values) {
  return val(emscripten::typed_memory_view(values.size(), values.data())).call<val>("slice");
}

val string_array(const std::vector<std::string>& strings) {
  val array = val::array();
  for (const auto& text : strings) array.call<void>("push", text);
  return array;
}

val error_result(const std::string& message) {
  val result = val::object();
  result.set("ok", false);
  result.set("error", message);
  return result;
}

void set_numbers(val& object, std::initializer_list<std::pair<const char*, double>> numbers) {
  for (const auto& [key, number] : numbers) object.set(key, number);
}

val view_box_to_js(const ViewBox& box) {
  val js = val::object();
  js.set("xMin", box.x_min);
  js.set("xMax", box.x_max);
  js.set("yMin", box.y_min);
  js.set("yMax", box.y_max);
  return js;
}

val descent_run_to_js(const DescentRun& run) {
  val result = val::object();
  result.set("dimension", run.dimension);
  result.set("stepsCompleted", run.steps_completed);
  result.set("positions", to_float64_array(run.positions));
  result.set("losses", to_float64_array(run.losses));
  result.set("gradients", to_float64_array(run.gradients));
  result.set("gradientNorms", to_float64_array(run.gradient_norms));
  result.set("learningRates", to_float64_array(run.learning_rates));
  val state = val::array();
  for (const auto& track : run.state) {
    val js_track = val::object();
    js_track.set("key", track.key);
    js_track.set("label", track.label);
    js_track.set("meaning", track.meaning);
    js_track.set("values", to_float64_array(track.values));
    state.call<void>("push", js_track);
  }
  result.set("state", state);
  static const char* const kOutcomeNames[] = {"reached_minimum", "diverged", "escaped",
                                              "diverging",       "stuck",    "descending"};
  result.set("outcome", std::string(kOutcomeNames[static_cast<int>(run.outcome)]));
  result.set("divergedAtStep", run.diverged_at_step);
  result.set("reachedMinimumAtStep", run.reached_minimum_at_step);
  result.set("nearestMinimum", run.nearest_minimum);
  result.set("message", run.message);
  return result;
}

}  // namespace descent::bindings

DESCENT_END_COLD_CODE

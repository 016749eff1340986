#include "js_values.hpp"

#include <cmath>

#include "descent/viz/surface_grid.hpp"

namespace descent::bindings {
namespace {

using emscripten::val;

// Largest integer a JS number holds exactly; seeds above it would be silently rounded.
constexpr double kMaxSafeInteger = 9007199254740991.0;

bool is_missing(const val& v) { return v.isUndefined() || v.isNull(); }

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

std::string read_integer(const val& object, const char* key, double max_value, double& out) {
  if (auto message = read_number(object, key, out); !message.empty()) return message;
  if (!std::isfinite(out) || out != std::floor(out) || std::abs(out) > max_value) {
    return std::string(key) + " must be a whole number";
  }
  return "";
}

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
    if (!v.isNumber()) return std::string(key) + "." + name + " must be a number";
    out[name] = v.as<double>();
  }
  return "";
}

}  // namespace

std::string read_surface_spec(const val& js, SurfaceSpec& spec) {
  if (is_missing(js) || js.typeOf().as<std::string>() != "object")
    return "config must be an object";
  if (auto m = read_string(js, "surface", spec.id); !m.empty()) return m;
  return read_number(js, "condition", spec.condition_number);
}

std::string read_descent_config(const val& js, DescentRunConfig& config) {
  if (auto m = read_surface_spec(js, config.surface); !m.empty()) return m;
  if (auto m = read_string(js, "optimizer", config.optimizer.id); !m.empty()) return m;
  if (auto m = read_number(js, "lr", config.learning_rate); !m.empty()) return m;
  if (auto m = read_number_map(js, "hyper", config.optimizer.hyper_parameters); !m.empty())
    return m;
  if (auto m = read_string(js, "schedule", config.schedule.id); !m.empty()) return m;
  if (auto m = read_number_map(js, "scheduleParams", config.schedule.parameters); !m.empty())
    return m;
  if (auto m = read_string(js, "clip", config.clip.mode); !m.empty()) return m;
  if (auto m = read_number(js, "clipThreshold", config.clip.threshold); !m.empty()) return m;
  if (auto m = read_number(js, "noise", config.gradient_noise); !m.empty()) return m;

  double steps = config.steps;
  if (auto m = read_integer(js, "steps", kMaxSafeInteger, steps); !m.empty()) return m;
  if (steps < 1 || steps > kMaxDescentSteps) {
    return "steps must be between 1 and " + std::to_string(kMaxDescentSteps);
  }
  config.steps = static_cast<int>(steps);

  double seed = static_cast<double>(config.seed);
  if (auto m = read_integer(js, "seed", kMaxSafeInteger, seed); !m.empty()) return m;
  if (seed < 0) return "seed must be a whole number ≥ 0";
  config.seed = static_cast<std::uint64_t>(seed);

  const val start = js["start"];
  if (!is_missing(start)) {
    if (!val::global("Array").call<bool>("isArray", start))
      return "start must be an array of numbers";
    config.start.clear();
    const int length = start["length"].as<int>();
    for (int i = 0; i < length; ++i) {
      if (!start[i].isNumber()) return "start must be an array of numbers";
      config.start.push_back(start[i].as<double>());
    }
  }
  return validate_descent_config(config);
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

val error_result(const std::string& message) {
  val result = val::object();
  result.set("ok", false);
  result.set("error", message);
  return result;
}

val view_box_to_js(const ViewBox& box) {
  val js = val::object();
  js.set("xMin", box.x_min);
  js.set("xMax", box.x_max);
  js.set("yMin", box.y_min);
  js.set("yMax", box.y_max);
  return js;
}

}  // namespace descent::bindings

// embind registration of the Descent core. Every function validates its input
// and returns {ok: false, error} instead of throwing; bulk data crosses as typed arrays.
#include <emscripten/bind.h>

#include <cmath>

#include "descent/math/cold_code.hpp"
#include "descent/math/messages.hpp"
#include "descent/math/rng.hpp"
#include "descent/sims/descent_run.hpp"
#include "descent/sims/race.hpp"
#include "descent/surfaces/curvature.hpp"
#include "descent/surfaces/surface_catalog.hpp"
#include "descent/viz/contour_lines.hpp"
#include "descent/viz/filled_contours.hpp"
#include "descent/viz/surface_grid.hpp"
#include "js_values.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent::bindings {
namespace {

using emscripten::val;

val minima_to_js(const Surface& surface) {
  val list = val::array();
  for (const auto& minimum : surface.minima()) {
    val js = val::object();
    js.set("point", to_float64_array(std::vector<double>(
                        minimum.point.data(), minimum.point.data() + minimum.point.size())));
    js.set("value", minimum.value);
    js.set("global", minimum.global);
    list.call<void>("push", js);
  }
  return list;
}

// {surface, condition} → formula, dimension, view box and known minima.
val surface_info(const val& js) {
  SurfaceSpec spec;
  if (auto message = read_surface_spec(js, spec); !message.empty()) return error_result(message);
  if (auto message = validate_surface_spec(spec); !message.empty()) return error_result(message);
  const auto surface = make_surface(spec);
  val result = val::object();
  result.set("ok", true);
  result.set("id", surface->id());
  result.set("formula", surface->formula());
  result.set("dimension", surface->dimension());
  result.set("box", view_box_to_js(surface->view_box()));
  result.set("minima", minima_to_js(*surface));
  return result;
}

val run_descent_js(const val& js) {
  DescentRunConfig config;
  if (auto message = read_descent_config(js, config); !message.empty())
    return error_result(message);
  val result = descent_run_to_js(run_descent(config));
  result.set("ok", true);
  return result;
}

// Several optimizers from one start on one 2-D surface: {ok, runs: [one runDescent result per
// racer, without "ok"]}.
val run_race_js(const val& js) {
  RaceConfig config;
  if (auto message = read_race_config(js, config); !message.empty()) return error_result(message);
  val runs = val::array();
  for (const DescentRun& run : run_race(config)) runs.call<void>("push", descent_run_to_js(run));
  val result = val::object();
  result.set("ok", true);
  result.set("runs", runs);
  return result;
}

// Value, gradient, Hessian and its eigen-decomposition at a point of a 2-D surface.
// js: {surface, condition, point: [x, y]}.
val surface_curvature(const val& js) {
  SurfaceSpec spec;
  if (auto message = read_surface_spec(js, spec); !message.empty()) return error_result(message);
  if (auto message = validate_surface_spec(spec); !message.empty()) return error_result(message);
  std::vector<double> coordinates;
  if (auto message = read_number_list(js, "point", coordinates); !message.empty()) {
    return error_result(message);
  }
  const auto surface = make_surface(spec);
  const Eigen::VectorXd point =
      Eigen::Map<const Eigen::VectorXd>(coordinates.data(), coordinates.size());
  if (auto message = validate_curvature_point(*surface, point); !message.empty()) {
    return error_result(message);
  }
  const LocalCurvature curvature = local_curvature(*surface, point);
  const Eigen::Matrix2d& h = curvature.hessian;
  const Eigen::Matrix2d& v = curvature.eigenvectors;
  val result = val::object();
  result.set("ok", true);
  result.set("value", curvature.value);
  result.set("gradient", to_float64_array({curvature.gradient(0), curvature.gradient(1)}));
  result.set("hessian", to_float64_array({h(0, 0), h(0, 1), h(1, 0), h(1, 1)}));
  result.set("eigenvalues", to_float64_array({curvature.eigenvalues(0), curvature.eigenvalues(1)}));
  // Eigenvector i is elements [2i, 2i + 1].
  result.set("eigenvectors", to_float64_array({v(0, 0), v(1, 0), v(0, 1), v(1, 1)}));
  result.set("kind", std::string(curvature_kind_name(curvature.kind)));
  result.set("critical", curvature.critical);
  result.set("label", curvature.label);
  result.set("explanation", curvature.explanation);
  return result;
}

// Filled contour map and contour lines of a 2-D surface. js: {surface, condition, columns, rows,
// levels, box?: {xMin, xMax, yMin, yMax}} — box defaults to the surface's view box.
val surface_map(const val& js) {
  SurfaceSpec spec;
  if (auto message = read_surface_spec(js, spec); !message.empty()) return error_result(message);
  if (auto message = validate_surface_spec(spec); !message.empty()) return error_result(message);
  const auto surface = make_surface(spec);
  if (surface->dimension() != 2) return error_result("a contour map needs a 2-D surface");
  int columns = 0, rows = 0, level_count = 0;
  ViewBox box = surface->view_box();
  if (auto message = read_grid_request(js, columns, rows, level_count, box); !message.empty()) {
    return error_result(message);
  }
  const SurfaceGrid grid = sample_surface_grid(*surface, box, columns, rows);
  const LevelSpacing spacing = choose_level_spacing(grid);
  const std::vector<double> levels = contour_levels(grid, level_count, spacing);
  val result = val::object();
  result.set("ok", true);
  result.set("columns", columns);
  result.set("rows", rows);
  result.set("box", view_box_to_js(grid.box));
  result.set("values", to_float64_array(grid.values));
  result.set("rgba", to_uint8_array(render_filled_contours(grid, levels)));
  result.set("levels", to_float64_array(levels));
  const ContourLines lines = trace_contour_lines(grid, levels);
  result.set("contourSegments", to_float64_array(lines.segments));
  result.set("contourSegmentLevels", to_int32_array(lines.segment_levels));
  result.set("logarithmic", spacing == LevelSpacing::kLogarithmic);
  result.set("min", grid.min_value);
  result.set("max", grid.max_value);
  return result;
}

// f sampled along θ for a 1-D surface.
val surface_curve(const val& js, const val& js_x_min, const val& js_x_max, const val& js_samples) {
  double x_min = 0, x_max = 0;
  int samples = 0;
  if (auto m = first_message({to_finite_number(js_x_min, "xMin", x_min),
                              to_finite_number(js_x_max, "xMax", x_max),
                              to_int_in_range(js_samples, "samples", 2, kMaxGridSide, samples)});
      !m.empty()) {
    return error_result("surfaceCurve(config, xMin, xMax, samples): " + m);
  }
  SurfaceSpec spec;
  if (auto message = read_surface_spec(js, spec); !message.empty()) return error_result(message);
  if (auto message = validate_surface_spec(spec); !message.empty()) return error_result(message);
  const auto surface = make_surface(spec);
  if (surface->dimension() != 1) return error_result("a curve needs a 1-D surface");
  if (!(x_min < x_max) || samples < 2 || samples > kMaxGridSide) {
    return error_result("curve range must be increasing with 2–" + std::to_string(kMaxGridSide) +
                        " samples");
  }
  val result = val::object();
  result.set("ok", true);
  result.set("values", to_float64_array(sample_curve(*surface, x_min, x_max, samples)));
  return result;
}

// The first `count` uniform and normal draws of a seed, for native == WebAssembly checks.
val rng_stream(const val& js_seed, const val& js_count) {
  const double seed = js_seed.isNumber() ? js_seed.as<double>() : -1.0;
  if (!(seed >= 0) || seed != std::floor(seed) || seed > 9007199254740991.0) {
    return error_result("seed must be a whole number ≥ 0");
  }
  int count = 0;
  if (auto m = to_int_in_range(js_count, "count", 0, 1000000, count); !m.empty()) {
    return error_result(m);
  }
  Rng uniform_source(static_cast<std::uint64_t>(seed));
  Rng normal_source(static_cast<std::uint64_t>(seed));
  std::vector<double> uniforms(count), normals(count);
  for (int i = 0; i < count; ++i) {
    uniforms[i] = uniform_source.uniform();
    normals[i] = normal_source.normal();
  }
  val result = val::object();
  result.set("ok", true);
  result.set("uniform", to_float64_array(uniforms));
  result.set("normal", to_float64_array(normals));
  return result;
}

}  // namespace
}  // namespace descent::bindings

EMSCRIPTEN_BINDINGS(descent) {
  using namespace descent::bindings;
  emscripten::function("surfaceInfo", &surface_info);
  emscripten::function("runDescent", &run_descent_js);
  emscripten::function("runRace", &run_race_js);
  emscripten::function("surfaceCurvature", &surface_curvature);
  emscripten::function("surfaceMap", &surface_map);
  emscripten::function("surfaceCurve", &surface_curve);
  emscripten::function("rngStream", &rng_stream);
}

DESCENT_END_COLD_CODE

// embind registration of the main catalog: the surfaces, optimizers and schedules every widget's
// menus are built from. Its own file because every part of the site's core exports it
// (CMakeLists.txt), while the surface runs of bindings.cpp serve only some widgets.
#include <emscripten/bind.h>

#include "descent/math/cold_code.hpp"
#include "descent/optim/lr_schedule.hpp"
#include "descent/optim/optimizer_catalog.hpp"
#include "descent/sims/descent_run.hpp"
#include "descent/sims/race.hpp"
#include "descent/surfaces/surface_catalog.hpp"
#include "js_values.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent::bindings {
namespace {

using emscripten::val;

val hyper_parameters_to_js(const std::vector<HyperParameterInfo>& infos) {
  val list = val::array();
  for (const auto& info : infos) {
    val js = val::object();
    js.set("key", info.key);
    js.set("label", info.label);
    js.set("defaultValue", info.default_value);
    js.set("min", info.min_value);
    js.set("max", info.max_value);
    js.set("integer", info.integer);
    js.set("logScale", info.log_scale);
    js.set("meaning", info.meaning);
    list.call<void>("push", js);
  }
  return list;
}

// Everything the UI needs to build its menus and hyper-parameter controls.
val catalog() {
  val surfaces = val::array();
  for (const auto& info : surface_catalog()) {
    val js = val::object();
    js.set("id", info.id);
    js.set("label", info.label);
    js.set("dimension", info.dimension);
    js.set("defaultStart", to_float64_array(info.default_start));
    surfaces.call<void>("push", js);
  }
  val optimizers = val::array();
  for (const auto& info : optimizer_catalog()) {
    val js = val::object();
    js.set("id", info.id);
    js.set("label", info.label);
    js.set("defaultLearningRate", info.default_learning_rate);
    js.set("summary", info.summary);
    js.set("hyperParameters", hyper_parameters_to_js(info.hyper_parameters));
    optimizers.call<void>("push", js);
  }
  val schedules = val::array();
  for (const auto& info : schedule_catalog()) {
    val js = val::object();
    js.set("id", info.id);
    js.set("label", info.label);
    js.set("formula", info.formula);
    js.set("parameters", hyper_parameters_to_js(info.parameters));
    schedules.call<void>("push", js);
  }
  val result = val::object();
  result.set("surfaces", surfaces);
  result.set("optimizers", optimizers);
  result.set("schedules", schedules);
  result.set("maxSteps", kMaxDescentSteps);
  result.set("maxLearningRate", kMaxLearningRate);
  result.set("maxRacers", kMaxRacers);
  result.set("maxRaceSteps", kMaxRaceSteps);
  return result;
}

}  // namespace
}  // namespace descent::bindings

EMSCRIPTEN_BINDINGS(descent_catalog) {
  emscripten::function("catalog", &descent::bindings::catalog);
}

DESCENT_END_COLD_CODE

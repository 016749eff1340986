#pragma once
// Conversions between JavaScript values and core types, with user-facing error
// messages instead of exceptions (exceptions across embind are costly and abort
// when exception catching is disabled).
#include <emscripten/val.h>

#include <string>
#include <vector>

#include "descent/sims/descent_run.hpp"
#include "descent/sims/race.hpp"
#include "descent/surfaces/surface.hpp"

namespace descent::bindings {

// Reads one optimizer's settings: optimizer, lr, hyper {key: number}, schedule,
// scheduleParams {key: number}, clip, clipThreshold. Absent keys keep their values.
// Returns "" or what is wrong (type errors only; validation is the core's).
std::string read_optimizer_choice(const emscripten::val& js, OptimizerSettings& optimizer,
                                  double& learning_rate, ScheduleSettings& schedule,
                                  ClipSettings& clip);

// Reads a JS config object into `config` and validates it; returns "" or what is wrong with it.
// Keys: surface, condition, start [numbers], steps, noise, seed and read_optimizer_choice's.
std::string read_descent_config(const emscripten::val& js, DescentRunConfig& config);

// Reads and validates a race: surface, condition, start, steps, noise, seed, and racers: an array
// of objects with read_optimizer_choice's keys. Returns "" or what is wrong with it.
std::string read_race_config(const emscripten::val& js, RaceConfig& config);

// Reads an optional array of numbers at js[key] into `out` (left as is when absent).
std::string read_number_list(const emscripten::val& js, const char* key, std::vector<double>& out);

// Reads {surface, condition} into `spec`; returns "" or what is wrong with it.
std::string read_surface_spec(const emscripten::val& js, SurfaceSpec& spec);

// Reads {columns, rows, levels, box?} of a contour-map request; `box` keeps its
// value when absent. Returns "" or what is wrong.
std::string read_grid_request(const emscripten::val& js, int& columns, int& rows, int& level_count,
                              ViewBox& box);

emscripten::val to_float64_array(const std::vector<double>& values);
emscripten::val to_uint8_array(const std::vector<std::uint8_t>& values);
emscripten::val to_int32_array(const std::vector<int>& values);
emscripten::val error_result(const std::string& message);
emscripten::val view_box_to_js(const ViewBox& box);

// A run's trajectory, state and verdict as the JS object runDescent returns (without "ok").
emscripten::val descent_run_to_js(const DescentRun& run);

}  // namespace descent::bindings

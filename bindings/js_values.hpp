#pragma once
// Conversions between JavaScript values and core types, with user-facing error
// messages instead of exceptions (exceptions across embind are costly and abort
// when exception catching is disabled).
#include <emscripten/val.h>

#include <string>
#include <vector>

#include "descent/sims/descent_run.hpp"
#include "descent/surfaces/surface.hpp"

namespace descent::bindings {

// Reads a JS config object into `config`; returns "" or what is wrong with it.
// Keys: surface, condition, optimizer, lr, hyper {key: number}, schedule,
// scheduleParams {key: number}, clip, clipThreshold, start [numbers], steps, noise, seed.
std::string read_descent_config(const emscripten::val& js, DescentRunConfig& config);

// Reads {surface, condition} into `spec`; returns "" or what is wrong with it.
std::string read_surface_spec(const emscripten::val& js, SurfaceSpec& spec);

// Reads {columns, rows, levels, box?} of a contour-map request; `box` keeps its
// value when absent. Returns "" or what is wrong.
std::string read_grid_request(const emscripten::val& js, int& columns, int& rows, int& level_count,
                              ViewBox& box);

emscripten::val to_float64_array(const std::vector<double>& values);
emscripten::val to_uint8_array(const std::vector<std::uint8_t>& values);
emscripten::val error_result(const std::string& message);
emscripten::val view_box_to_js(const ViewBox& box);

}  // namespace descent::bindings

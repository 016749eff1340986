#pragma once
// Conversions between JavaScript values and core types, with user-facing error
// messages instead of exceptions (exceptions across embind are costly and abort
// when exception catching is disabled).
#include <emscripten/val.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "descent/sims/descent_run.hpp"
#include "descent/sims/race.hpp"
#include "descent/surfaces/surface.hpp"

namespace descent::bindings {

// Largest integer a JS number holds exactly; seeds above it would be silently rounded.
constexpr double kMaxSafeInteger = 9007199254740991.0;

bool is_missing(const emscripten::val& v);  // undefined or null
bool is_object(const emscripten::val& v);   // typeof "object" and not null
bool is_array(const emscripten::val& v);    // Array.isArray

// Readers of one optional key: an absent (undefined or null) key leaves `out` as it is; a value of
// the wrong type gives a message naming the key, and `out` stays untouched.
std::string read_number(const emscripten::val& object, const char* key, double& out);
std::string read_string(const emscripten::val& object, const char* key, std::string& out);
std::string read_bool(const emscripten::val& object, const char* key, bool& out);
// A finite number: `name` must be a finite number, got ... Every exported function and method
// takes its arguments as val and reads them with these: embind's own conversion of a primitive
// parameter throws on some values (a Symbol, an object whose valueOf throws) after the earlier
// arguments are converted, which leaks their handles.
std::string to_finite_number(const emscripten::val& v, const std::string& name, double& out);
// A whole number with |value| ≤ max_value.
std::string read_integer(const emscripten::val& object, const char* key, double max_value,
                         double& out);
// A whole number in [min_value, max_value]: to_int_in_range reads a value, read_int_in_range a key.
std::string to_int_in_range(const emscripten::val& v, const std::string& name, int min_value,
                            int max_value, int& out);
std::string read_int_in_range(const emscripten::val& object, const char* key, int min_value,
                              int max_value, int& out);
// Several optional whole-number keys at once (a table reads in far less code than one call each):
// the first key's message, or "".
struct IntKey {
  const char* key;
  int min_value;
  int max_value;
  int* out;
};
std::string read_ints(const emscripten::val& object, std::initializer_list<IntKey> keys);
// A whole number in [0, kMaxSafeInteger].
std::string read_seed(const emscripten::val& object, const char* key, std::uint64_t& out);

// A typed array (e.g. Float64Array, Int32Array) or array of numbers → `out`, copied in one block;
// every value must be finite. `name` starts the message.
std::string to_number_vector(const emscripten::val& values, const std::string& name,
                             std::vector<double>& out);

// {xMin, xMax, yMin, yMax}, finite, with xMin < xMax and yMin < yMax.
std::string read_view_box(const emscripten::val& js_box, ViewBox& box);

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

// Reads {surface, condition, expression} into `spec`; returns "" or what is wrong with it.
std::string read_surface_spec(const emscripten::val& js, SurfaceSpec& spec);

// Reads {columns, rows, levels, box?} of a contour-map request; `box` keeps its
// value when absent. Returns "" or what is wrong.
std::string read_grid_request(const emscripten::val& js, int& columns, int& rows, int& level_count,
                              ViewBox& box);

emscripten::val to_float64_array(const std::vector<double>& values);
emscripten::val to_uint8_array(const std::vector<std::uint8_t>& values);
emscripten::val to_int32_array(const std::vector<int>& values);
emscripten::val to_float32_array(const std::vector<float>& values);
emscripten::val string_array(const std::vector<std::string>& strings);
emscripten::val error_result(const std::string& message);
// object[key] = number for each pair.
void set_numbers(emscripten::val& object,
                 std::initializer_list<std::pair<const char*, double>> numbers);
emscripten::val view_box_to_js(const ViewBox& box);

// A run's trajectory, state and verdict as the JS object runDescent returns (without "ok").
emscripten::val descent_run_to_js(const DescentRun& run);

}  // namespace descent::bindings

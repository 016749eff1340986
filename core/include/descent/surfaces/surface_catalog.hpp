#pragma once
// Builds surfaces by name, so configs from the UI/URL can name them.
#include <memory>
#include <string>
#include <vector>

#include "descent/surfaces/surface.hpp"

namespace descent {

struct SurfaceSpec {
  std::string id = "quadratic1d";
  // Only used by "ravine": ratio of largest to smallest Hessian eigenvalue.
  double condition_number = 10.0;
  // Only used by the typed surfaces "custom" (f(x, y)) and "custom1d" (f(x)): the formula.
  std::string expression;
};

struct SurfaceInfo {
  std::string id;
  std::string label;  // shown in menus, e.g. "Elongated ravine"
  int dimension;
  std::vector<double> default_start;  // a start that shows the surface's character
};

// Every built-in surface, in menu order. The typed surfaces "custom" and "custom1d" are built by
// make_surface too but are not listed: they need a formula, and the UI offers them separately.
const std::vector<SurfaceInfo>& surface_catalog();

// Returns an empty string when the spec is valid, otherwise a message for the user.
std::string validate_surface_spec(const SurfaceSpec& spec);

// Precondition: validate_surface_spec(spec) is empty (throws std::invalid_argument otherwise).
std::unique_ptr<Surface> make_surface(const SurfaceSpec& spec);

}  // namespace descent

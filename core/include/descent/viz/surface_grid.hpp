#pragma once
// Samples a surface on a regular grid for heat maps and curve plots.
#include <vector>

#include "descent/surfaces/surface.hpp"

namespace descent {

constexpr int kMaxGridSide = 2048;

struct SurfaceGrid {
  int columns = 0;
  int rows = 0;
  ViewBox box{};
  // rows × columns, row-major; row 0 is the TOP of the picture (y = y_max), so the
  // grid maps straight onto image rows. Cell (r, c) is sampled at its centre.
  std::vector<double> values;
  double min_value = 0.0;
  double max_value = 0.0;
};

// Precondition: surface is 2-D, 1 ≤ columns, rows ≤ kMaxGridSide (throws std::invalid_argument).
SurfaceGrid sample_surface_grid(const Surface& surface, const ViewBox& box, int columns, int rows);

// f at `samples` evenly spaced θ in [x_min, x_max] (both ends included) of a 1-D surface.
std::vector<double> sample_curve(const Surface& surface, double x_min, double x_max, int samples);

}  // namespace descent

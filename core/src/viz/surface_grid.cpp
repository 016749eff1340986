#include "descent/viz/surface_grid.hpp"

#include <algorithm>
#include <stdexcept>

namespace descent {

SurfaceGrid sample_surface_grid(const Surface& surface, const ViewBox& box, int columns, int rows) {
  if (surface.dimension() != 2) throw std::invalid_argument("grid sampling needs a 2-D surface");
  if (columns < 1 || rows < 1 || columns > kMaxGridSide || rows > kMaxGridSide) {
    throw std::invalid_argument("grid size must be between 1 and " + std::to_string(kMaxGridSide));
  }
  SurfaceGrid grid;
  grid.columns = columns;
  grid.rows = rows;
  grid.box = box;
  grid.values.resize(static_cast<std::size_t>(columns) * rows);
  const double cell_width = (box.x_max - box.x_min) / columns;
  const double cell_height = (box.y_max - box.y_min) / rows;
  Eigen::VectorXd point(2);
  for (int r = 0; r < rows; ++r) {
    point[1] = box.y_max - (r + 0.5) * cell_height;
    for (int c = 0; c < columns; ++c) {
      point[0] = box.x_min + (c + 0.5) * cell_width;
      grid.values[static_cast<std::size_t>(r) * columns + c] = surface.value(point);
    }
  }
  const auto [lowest, highest] = std::minmax_element(grid.values.begin(), grid.values.end());
  grid.min_value = *lowest;
  grid.max_value = *highest;
  return grid;
}

std::vector<double> sample_curve(const Surface& surface, double x_min, double x_max, int samples) {
  if (surface.dimension() != 1) throw std::invalid_argument("curve sampling needs a 1-D surface");
  if (samples < 2 || samples > kMaxGridSide) {
    throw std::invalid_argument("curve samples must be between 2 and " +
                                std::to_string(kMaxGridSide));
  }
  std::vector<double> values(samples);
  Eigen::VectorXd theta(1);
  for (int i = 0; i < samples; ++i) {
    theta[0] = x_min + (x_max - x_min) * i / (samples - 1);
    values[i] = surface.value(theta);
  }
  return values;
}

}  // namespace descent

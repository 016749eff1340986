#pragma once
// Contour lines of a sampled surface by marching squares: for each level, the
// line segments along which the surface (interpolated between samples) equals it.
#include <vector>

#include "descent/viz/surface_grid.hpp"

namespace descent {

struct ContourLines {
  std::vector<double> segments;     // 4 per segment: x0, y0, x1, y1 in world coordinates
  std::vector<int> segment_levels;  // 1 per segment: index into the levels it was traced for
};

// Marching squares over the cells whose four corners are neighbouring grid samples (sample
// (r, c) sits at the centre of grid cell (r, c), row 0 at y_max). A corner counts as above a
// level when its value is ≥ the level; each crossing is placed by linear interpolation along the
// cell edge. Saddle cells (two diagonally opposite corners above) are resolved by the average of
// the four corners: above ⇒ the above corners are joined through the cell centre. Cells with a
// non-finite corner, and non-finite levels, produce no segments. Segments come grouped by level,
// in the order of `levels` (which need not be sorted).
ContourLines trace_contour_lines(const SurfaceGrid& grid, const std::vector<double>& levels);

}  // namespace descent

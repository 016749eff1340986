#include "descent/viz/contour_lines.hpp"

#include <algorithm>
#include <cmath>

namespace descent {
namespace {

// Cell corners in marching-squares bit order: bit 3 top-left, 2 top-right, 1 bottom-right,
// 0 bottom-left.
enum Corner { kTopLeft, kTopRight, kBottomRight, kBottomLeft };

// Cell edges, each between two corners.
enum Edge { kTop, kRight, kBottom, kLeft };
constexpr Corner kEdgeEnds[4][2] = {{kTopLeft, kTopRight},
                                    {kTopRight, kBottomRight},
                                    {kBottomLeft, kBottomRight},
                                    {kTopLeft, kBottomLeft}};

// Edge pairs joined by a segment, per case (bit set = corner ≥ level); -1 ends the list.
// Cases 5 and 10 list the pairing for a cell centre below the level; kSaddleCentreAbove the other.
constexpr int kCaseSegments[16][4] = {
    {-1, -1, -1, -1},                // 0: all below
    {kLeft, kBottom, -1, -1},        // 1: bottom-left above
    {kBottom, kRight, -1, -1},       // 2: bottom-right above
    {kLeft, kRight, -1, -1},         // 3: bottom row above
    {kTop, kRight, -1, -1},          // 4: top-right above
    {kTop, kRight, kLeft, kBottom},  // 5: saddle, cut off the above corners (centre below)
    {kTop, kBottom, -1, -1},         // 6: right column above
    {kLeft, kTop, -1, -1},           // 7: all but top-left above
    {kLeft, kTop, -1, -1},           // 8: top-left above
    {kTop, kBottom, -1, -1},         // 9: left column above
    {kLeft, kTop, kBottom, kRight},  // 10: saddle, cut off the above corners (centre below)
    {kTop, kRight, -1, -1},          // 11: all but top-right above
    {kLeft, kRight, -1, -1},         // 12: top row above
    {kBottom, kRight, -1, -1},       // 13: all but bottom-right above
    {kLeft, kBottom, -1, -1},        // 14: all but bottom-left above
    {-1, -1, -1, -1},                // 15: all above
};
// Saddle cells whose centre is above the level: cut off the two below corners instead.
constexpr int kSaddleCentreAbove[2][4] = {
    {kLeft, kTop, kBottom, kRight},  // 5: top-left and bottom-right below
    {kTop, kRight, kLeft, kBottom},  // 10: top-right and bottom-left below
};

struct Cell {
  double values[4];  // by Corner
  double x[4];       // world x of each corner
  double y[4];       // world y of each corner
};

// Where the level crosses `edge`: linear interpolation between its two corner samples.
void append_crossing(const Cell& cell, int edge, double level, std::vector<double>& out) {
  const Corner from = kEdgeEnds[edge][0], to = kEdgeEnds[edge][1];
  const double t = (level - cell.values[from]) / (cell.values[to] - cell.values[from]);
  out.push_back(cell.x[from] + t * (cell.x[to] - cell.x[from]));
  out.push_back(cell.y[from] + t * (cell.y[to] - cell.y[from]));
}

void trace_cell(const Cell& cell, double level, std::vector<double>& out) {
  int case_index = 0;
  for (int corner = kTopLeft; corner <= kBottomLeft; ++corner) {
    case_index = (case_index << 1) | (cell.values[corner] >= level ? 1 : 0);
  }
  const int* edges = kCaseSegments[case_index];
  if (case_index == 5 || case_index == 10) {
    const double centre =
        0.25 * (cell.values[0] + cell.values[1] + cell.values[2] + cell.values[3]);
    if (centre >= level) edges = kSaddleCentreAbove[case_index == 5 ? 0 : 1];
  }
  for (int i = 0; i < 4 && edges[i] >= 0; i += 2) {
    append_crossing(cell, edges[i], level, out);
    append_crossing(cell, edges[i + 1], level, out);
  }
}

}  // namespace

ContourLines trace_contour_lines(const SurfaceGrid& grid, const std::vector<double>& levels) {
  // Finite levels in increasing order.
  std::vector<int> sorted_levels;
  for (int i = 0; i < static_cast<int>(levels.size()); ++i) {
    if (std::isfinite(levels[i])) sorted_levels.push_back(i);
  }
  std::stable_sort(sorted_levels.begin(), sorted_levels.end(),
                   [&](int a, int b) { return levels[a] < levels[b]; });
  std::vector<double> sorted_values(sorted_levels.size());
  for (std::size_t i = 0; i < sorted_levels.size(); ++i) {
    sorted_values[i] = levels[sorted_levels[i]];
  }

  // Band of each sample: how many sorted levels are ≤ it (kNoBand when not finite). Sorted level
  // k crosses a cell exactly when lowest < level ≤ highest, i.e. min band ≤ k < max band.
  constexpr int kNoBand = -1;
  std::vector<int> bands(grid.values.size());
  for (std::size_t i = 0; i < grid.values.size(); ++i) {
    const double value = grid.values[i];
    bands[i] =
        std::isfinite(value)
            ? static_cast<int>(std::upper_bound(sorted_values.begin(), sorted_values.end(), value) -
                               sorted_values.begin())
            : kNoBand;
  }

  std::vector<std::vector<double>> segments_by_level(levels.size());
  const double cell_width = (grid.box.x_max - grid.box.x_min) / grid.columns;
  const double cell_height = (grid.box.y_max - grid.box.y_min) / grid.rows;
  const std::size_t columns = grid.columns;
  for (int r = 0; r + 1 < grid.rows; ++r) {
    // Same sample positions as sample_surface_grid: cell centres.
    const double top = grid.box.y_max - (r + 0.5) * cell_height;
    const double bottom = grid.box.y_max - (r + 1.5) * cell_height;
    for (int c = 0; c + 1 < grid.columns; ++c) {
      const std::size_t corners[4] = {r * columns + c, r * columns + c + 1,
                                      (r + 1) * columns + c + 1, (r + 1) * columns + c};
      const int corner_bands[4] = {bands[corners[0]], bands[corners[1]], bands[corners[2]],
                                   bands[corners[3]]};
      const auto [lowest, highest] =
          std::minmax_element(std::begin(corner_bands), std::end(corner_bands));
      if (*lowest == *highest || *lowest == kNoBand) continue;
      const double left = grid.box.x_min + (c + 0.5) * cell_width;
      const double right = grid.box.x_min + (c + 1.5) * cell_width;
      const Cell cell{{grid.values[corners[0]], grid.values[corners[1]], grid.values[corners[2]],
                       grid.values[corners[3]]},
                      {left, right, right, left},
                      {top, top, bottom, bottom}};
      for (int k = *lowest; k < *highest; ++k) {
        trace_cell(cell, sorted_values[k], segments_by_level[sorted_levels[k]]);
      }
    }
  }

  ContourLines lines;
  std::size_t total = 0;
  for (const auto& segments : segments_by_level) total += segments.size();
  lines.segments.reserve(total);
  lines.segment_levels.reserve(total / 4);
  for (int level = 0; level < static_cast<int>(segments_by_level.size()); ++level) {
    const auto& segments = segments_by_level[level];
    lines.segments.insert(lines.segments.end(), segments.begin(), segments.end());
    lines.segment_levels.insert(lines.segment_levels.end(), segments.size() / 4, level);
  }
  return lines;
}

}  // namespace descent

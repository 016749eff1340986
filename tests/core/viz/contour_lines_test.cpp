#include "descent/viz/contour_lines.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "descent/surfaces/surface_catalog.hpp"

using namespace descent;

namespace {

constexpr double kPi = 3.14159265358979323846;

// A grid of f at the cell centres of `box`, built directly so tests can use any f.
template <typename Function>
SurfaceGrid grid_of(const Function& f, const ViewBox& box, int columns, int rows) {
  SurfaceGrid grid;
  grid.columns = columns;
  grid.rows = rows;
  grid.box = box;
  const double width = (box.x_max - box.x_min) / columns;
  const double height = (box.y_max - box.y_min) / rows;
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < columns; ++c) {
      grid.values.push_back(f(box.x_min + (c + 0.5) * width, box.y_max - (r + 0.5) * height));
    }
  }
  return grid;
}

struct Segment {
  double x0, y0, x1, y1;
  double length() const { return std::hypot(x1 - x0, y1 - y0); }
};

std::vector<Segment> segments_of_level(const ContourLines& lines, int level) {
  std::vector<Segment> result;
  for (std::size_t i = 0; i < lines.segment_levels.size(); ++i) {
    if (lines.segment_levels[i] != level) continue;
    const double* s = &lines.segments[4 * i];
    result.push_back({s[0], s[1], s[2], s[3]});
  }
  return result;
}

}  // namespace

TEST_CASE("Contour lines of the bowl x² + y² are circles of radius √level", "[viz]") {
  const auto bowl = make_surface({"bowl", 10.0});
  const ViewBox box{-2.0, 2.0, -2.0, 2.0};
  const SurfaceGrid grid = sample_surface_grid(*bowl, box, 101, 101);
  const double spacing = 4.0 / 101;
  const std::vector<double> levels = {0.5, -1.0, 1.0, 2.0, 3.0, 100.0};
  const ContourLines lines = trace_contour_lines(grid, levels);
  REQUIRE(lines.segments.size() == 4 * lines.segment_levels.size());

  for (int level : {0, 2, 3, 4}) {
    const double radius = std::sqrt(levels[level]);
    const auto segments = segments_of_level(lines, level);
    REQUIRE(!segments.empty());
    double total_length = 0.0;
    for (const Segment& s : segments) {
      CHECK(std::abs(std::hypot(s.x0, s.y0) - radius) < spacing);
      CHECK(std::abs(std::hypot(s.x1, s.y1) - radius) < spacing);
      total_length += s.length();
    }
    INFO("level " << levels[level]);
    CHECK(total_length == Approx(2.0 * kPi * radius).epsilon(0.02));
  }
  SECTION("levels outside the sampled range give no segments") {
    CHECK(segments_of_level(lines, 1).empty());
    CHECK(segments_of_level(lines, 5).empty());
  }
  SECTION("segments come grouped by level, in the order the levels were given") {
    for (std::size_t i = 1; i < lines.segment_levels.size(); ++i) {
      CHECK(lines.segment_levels[i] >= lines.segment_levels[i - 1]);
    }
  }
}

TEST_CASE("Contour lines of a plane are straight, parallel and exactly on the level", "[viz]") {
  // f = 2x + y: level sets are the lines 2x + y = L, direction (1, −2).
  const ViewBox box{-1.0, 1.0, -1.0, 1.0};
  const SurfaceGrid grid = grid_of([](double x, double y) { return 2.0 * x + y; }, box, 20, 16);
  const std::vector<double> levels = {-1.5, -0.25, 0.0, 0.7, 2.0};
  const ContourLines lines = trace_contour_lines(grid, levels);
  for (int level = 0; level < static_cast<int>(levels.size()); ++level) {
    const auto segments = segments_of_level(lines, level);
    REQUIRE(!segments.empty());
    for (const Segment& s : segments) {
      CHECK(2.0 * s.x0 + s.y0 == Approx(levels[level]).margin(1e-12));
      CHECK(2.0 * s.x1 + s.y1 == Approx(levels[level]).margin(1e-12));
      // Parallel to (1, −2): the cross product with it vanishes.
      CHECK((s.x1 - s.x0) * -2.0 - (s.y1 - s.y0) * 1.0 == Approx(0.0).margin(1e-12));
      CHECK(s.length() > 0.0);
    }
  }
}

TEST_CASE("Saddle cells are resolved by the average of their corners", "[viz]") {
  // One marching cell: samples at x = ±0.5, y = ±0.5. Top-left and bottom-right are high.
  const ViewBox box{-1.0, 1.0, -1.0, 1.0};
  const auto saddle_cell = [&](double low_corner) {
    SurfaceGrid grid;
    grid.columns = grid.rows = 2;
    grid.box = box;
    grid.values = {1.0, 0.0, low_corner, 1.0};  // TL, TR / BL, BR
    return grid;
  };
  // Midpoint of each segment, to see which corner it cuts off.
  const auto corners_cut_off = [](const ContourLines& lines) {
    std::vector<std::pair<int, int>> signs;
    for (std::size_t i = 0; i < lines.segment_levels.size(); ++i) {
      const double* s = &lines.segments[4 * i];
      signs.push_back({(s[0] + s[2]) > 0 ? 1 : -1, (s[1] + s[3]) > 0 ? 1 : -1});
    }
    std::sort(signs.begin(), signs.end());
    return signs;
  };
  SECTION("centre above the level: the high corners connect, the low corners are cut off") {
    // Average 0.5 ≥ 0.4.
    const ContourLines lines = trace_contour_lines(saddle_cell(0.0), {0.4});
    REQUIRE(lines.segment_levels.size() == 2);
    CHECK(corners_cut_off(lines) == std::vector<std::pair<int, int>>{{-1, -1}, {1, 1}});
  }
  SECTION("centre below the level: the high corners are cut off") {
    // Average 0.55 < 0.6.
    const ContourLines lines = trace_contour_lines(saddle_cell(0.2), {0.6});
    REQUIRE(lines.segment_levels.size() == 2);
    CHECK(corners_cut_off(lines) == std::vector<std::pair<int, int>>{{-1, 1}, {1, -1}});
  }
}

TEST_CASE("Cells with a non-finite corner, and non-finite levels, are skipped", "[viz]") {
  const ViewBox box{-1.0, 1.0, -1.0, 1.0};
  SurfaceGrid grid = grid_of([](double x, double /*y*/) { return x; }, box, 4, 3);
  const ContourLines clean = trace_contour_lines(grid, {0.0});
  // The line x = 0 crosses the two cells of the middle marching column.
  CHECK(clean.segment_levels.size() == 2);
  grid.values[1] = std::numeric_limits<double>::quiet_NaN();  // top row, second column
  grid.values[2] = std::numeric_limits<double>::infinity();   // a corner of the top crossing cell
  const ContourLines holed =
      trace_contour_lines(grid, {0.0, std::numeric_limits<double>::quiet_NaN()});
  REQUIRE(holed.segment_levels.size() == 1);
  CHECK(holed.segment_levels[0] == 0);
  // The remaining segment is in the bottom marching row: its midpoint is below y = 0.
  CHECK(holed.segments[1] + holed.segments[3] < 0.0);
}

TEST_CASE("A grid one sample wide has no cells and so no lines", "[viz]") {
  const ViewBox box{-1.0, 1.0, -1.0, 1.0};
  const SurfaceGrid column = grid_of([](double x, double y) { return x + y; }, box, 1, 8);
  CHECK(trace_contour_lines(column, {0.0}).segments.empty());
}

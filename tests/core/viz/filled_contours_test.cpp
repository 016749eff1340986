#include "descent/viz/filled_contours.hpp"

#include <catch2/catch.hpp>

#include "descent/surfaces/surface_catalog.hpp"
#include "descent/viz/surface_grid.hpp"

using namespace descent;

TEST_CASE("Grid samples cell centres, top row first", "[viz]") {
  const auto bowl = make_surface({"bowl", 10.0});
  const ViewBox box{-1.0, 1.0, -1.0, 1.0};
  const SurfaceGrid grid = sample_surface_grid(*bowl, box, 4, 2);
  REQUIRE(grid.values.size() == 8);
  // Row 0 is y = 0.5 (top half centre); column 0 is x = −0.75.
  Eigen::VectorXd point(2);
  point << -0.75, 0.5;
  CHECK(grid.values[0] == Approx(bowl->value(point)));
  point << 0.75, -0.5;
  CHECK(grid.values[7] == Approx(bowl->value(point)));
  CHECK(grid.min_value <= grid.max_value);
  CHECK_THROWS_AS(sample_surface_grid(*bowl, box, 0, 2), std::invalid_argument);
  CHECK_THROWS_AS(sample_surface_grid(*make_surface({"quadratic1d", 10.0}), box, 2, 2),
                  std::invalid_argument);
}

TEST_CASE("Curve sampling includes both ends", "[viz]") {
  const auto quadratic = make_surface({"quadratic1d", 10.0});
  const auto values = sample_curve(*quadratic, 0.0, 6.0, 7);
  REQUIRE(values.size() == 7);
  CHECK(values[0] == Approx(12.0));
  CHECK(values[3] == Approx(3.0));
  CHECK(values[6] == Approx(12.0));
}

TEST_CASE("Level spacing: linear for a bowl, logarithmic for Rosenbrock", "[viz]") {
  const auto bowl = make_surface({"bowl", 10.0});
  const auto rosenbrock = make_surface({"rosenbrock", 10.0});
  const SurfaceGrid bowl_grid = sample_surface_grid(*bowl, bowl->view_box(), 64, 64);
  const SurfaceGrid rosen_grid = sample_surface_grid(*rosenbrock, rosenbrock->view_box(), 64, 64);
  CHECK(choose_level_spacing(bowl_grid) == LevelSpacing::kLinear);
  CHECK(choose_level_spacing(rosen_grid) == LevelSpacing::kLogarithmic);

  for (auto spacing : {LevelSpacing::kLinear, LevelSpacing::kLogarithmic}) {
    const auto levels = contour_levels(rosen_grid, 12, spacing);
    REQUIRE(levels.size() == 12);
    for (std::size_t i = 0; i < levels.size(); ++i) {
      CHECK(levels[i] > rosen_grid.min_value);
      CHECK(levels[i] < rosen_grid.max_value);
      if (i > 0) CHECK(levels[i] > levels[i - 1]);
    }
  }
}

TEST_CASE("Filled contours colour each band by its level", "[viz]") {
  const auto bowl = make_surface({"bowl", 10.0});
  const SurfaceGrid grid = sample_surface_grid(*bowl, bowl->view_box(), 33, 33);
  const auto levels = contour_levels(grid, 5, LevelSpacing::kLinear);
  const auto rgba = render_filled_contours(grid, levels);
  REQUIRE(rgba.size() == grid.values.size() * 4);
  // The centre cell (lowest) gets band 0's colour; a corner (highest) the last band's.
  std::uint8_t low[3], high[3];
  color_map_rgb(0.5 / 6, low);
  color_map_rgb(5.5 / 6, high);
  const std::size_t centre = (16 * 33 + 16) * 4;
  CHECK(rgba[centre] == low[0]);
  CHECK(rgba[centre + 1] == low[1]);
  CHECK(rgba[centre + 2] == low[2]);
  CHECK(rgba[0] == high[0]);
  CHECK(rgba[3] == 255);
}

TEST_CASE("Colour map endpoints are viridis's", "[viz]") {
  std::uint8_t rgb[3];
  color_map_rgb(0.0, rgb);
  CHECK((rgb[0] == 68 && rgb[1] == 1 && rgb[2] == 84));
  color_map_rgb(1.0, rgb);
  CHECK((rgb[0] == 253 && rgb[1] == 231 && rgb[2] == 37));
  color_map_rgb(-3.0, rgb);  // clamped
  CHECK(rgb[0] == 68);
}

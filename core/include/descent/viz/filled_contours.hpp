#pragma once
// Filled contour map: contour levels (linear or logarithmic) and an RGBA image
// where each band between two levels gets one colour of a perceptual colour map.
#include <cstdint>
#include <vector>

#include "descent/viz/surface_grid.hpp"

namespace descent {

enum class LevelSpacing { kLinear, kLogarithmic };

// Logarithmic when most of the grid sits near its minimum (Rosenbrock, Beale…),
// where linear bands would paint nearly everything one colour.
LevelSpacing choose_level_spacing(const SurfaceGrid& grid);

// `count` increasing levels strictly between the grid's min and max. Logarithmic
// levels are spaced geometrically in (f − min).
std::vector<double> contour_levels(const SurfaceGrid& grid, int count, LevelSpacing spacing);

// rows × columns × 4 bytes (RGBA); band i (values between level i−1 and i) is
// coloured by the colour map at (i + ½) / (levels + 1): dark = low loss.
std::vector<std::uint8_t> render_filled_contours(const SurfaceGrid& grid,
                                                 const std::vector<double>& levels);

// The colour map itself (viridis anchors, linear interpolation) at t ∈ [0, 1].
void color_map_rgb(double t, std::uint8_t rgb[3]);

}  // namespace descent

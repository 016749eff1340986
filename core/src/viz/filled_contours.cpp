#include "descent/viz/filled_contours.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace descent {
namespace {

// Viridis sampled at 10 evenly spaced points (matplotlib's published table).
constexpr std::uint8_t kViridis[10][3] = {
    {68, 1, 84},    {72, 40, 120},  {62, 74, 137},  {49, 104, 142}, {38, 130, 142},
    {31, 158, 137}, {53, 183, 121}, {110, 206, 88}, {181, 222, 43}, {253, 231, 37}};

// Share of the value range below which the median must sit to switch to log spacing.
constexpr double kSkewedMedianFraction = 0.15;
// Smallest logarithmic level, as a fraction of the value range above the minimum.
constexpr double kLogSmallestLevelFraction = 1e-4;

}  // namespace

void color_map_rgb(double t, std::uint8_t rgb[3]) {
  t = std::clamp(t, 0.0, 1.0) * 9.0;
  const int lower = std::min(static_cast<int>(t), 8);
  const double blend = t - lower;
  for (int channel = 0; channel < 3; ++channel) {
    const double value = kViridis[lower][channel] +
                         blend * (kViridis[lower + 1][channel] - kViridis[lower][channel]);
    rgb[channel] = static_cast<std::uint8_t>(std::lround(value));
  }
}

LevelSpacing choose_level_spacing(const SurfaceGrid& grid) {
  std::vector<double> sorted = grid.values;
  const auto middle = sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2);
  std::nth_element(sorted.begin(), middle, sorted.end());
  const double range = grid.max_value - grid.min_value;
  return (*middle - grid.min_value) < kSkewedMedianFraction * range ? LevelSpacing::kLogarithmic
                                                                    : LevelSpacing::kLinear;
}

std::vector<double> contour_levels(const SurfaceGrid& grid, int count, LevelSpacing spacing) {
  if (count < 1 || count > 256) throw std::invalid_argument("contour level count must be 1–256");
  const double range = grid.max_value - grid.min_value;
  std::vector<double> levels;
  if (!(range > 0.0) || !std::isfinite(range)) return levels;  // flat or non-finite: one band
  levels.reserve(count);
  for (int i = 1; i <= count; ++i) {
    const double t = static_cast<double>(i) / (count + 1);
    const double offset = spacing == LevelSpacing::kLinear
                              ? t * range
                              : range * std::pow(kLogSmallestLevelFraction, 1.0 - t);
    levels.push_back(grid.min_value + offset);
  }
  return levels;
}

std::vector<std::uint8_t> render_filled_contours(const SurfaceGrid& grid,
                                                 const std::vector<double>& levels) {
  const int band_count = static_cast<int>(levels.size()) + 1;
  std::vector<std::uint8_t> band_colors(band_count * 3);
  for (int band = 0; band < band_count; ++band) {
    color_map_rgb((band + 0.5) / band_count, &band_colors[band * 3]);
  }
  std::vector<std::uint8_t> rgba(grid.values.size() * 4);
  for (std::size_t i = 0; i < grid.values.size(); ++i) {
    const int band = static_cast<int>(
        std::upper_bound(levels.begin(), levels.end(), grid.values[i]) - levels.begin());
    std::copy_n(&band_colors[band * 3], 3, &rgba[i * 4]);
    rgba[i * 4 + 3] = 255;
  }
  return rgba;
}

}  // namespace descent

// Native timings of the one-call simulation and the contour map, printed as
// JSON ({"race_ms": …, "grid_ms": …, "race_steps": …}) for bench/bench.mjs.
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "bench_workloads.hpp"
#include "descent/viz/filled_contours.hpp"
#include "descent/viz/surface_grid.hpp"

namespace {

template <typename Work>
double median_milliseconds(int repeats, Work&& work) {
  std::vector<double> times;
  for (int i = 0; i < repeats; ++i) {
    const auto start = std::chrono::steady_clock::now();
    work();
    times.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main() {
  using namespace descent;
  const auto configs = bench::race_configs();
  long steps_done = 0;
  const double race_ms = median_milliseconds(5, [&] {
    steps_done = 0;
    for (const auto& config : configs) steps_done += run_descent(config).steps_completed;
  });
  const auto surface = make_surface({"rosenbrock", 10.0});
  std::size_t checksum = 0;
  const double grid_ms = median_milliseconds(9, [&] {
    const SurfaceGrid grid =
        sample_surface_grid(*surface, surface->view_box(), bench::kGridSide, bench::kGridSide);
    const auto levels = contour_levels(grid, bench::kContourLevels, choose_level_spacing(grid));
    checksum += render_filled_contours(grid, levels)[0];
  });
  std::printf("{\"race_ms\":%.3f,\"grid_ms\":%.3f,\"race_steps\":%ld,\"checksum\":%zu}\n", race_ms,
              grid_ms, steps_done, checksum);
  return 0;
}

// Native timings of the workloads in bench_workloads.hpp, printed as JSON for
// bench/bench.mjs: {"race_ms", "race_steps", "race_frame_ms", "race_frame_steps",
// "field_ms", "field_segments", "checksum"}.
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "bench_workloads.hpp"
#include "descent/viz/contour_lines.hpp"
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
  long race_steps = 0;
  const double race_ms = median_milliseconds(5, [&] {
    race_steps = 0;
    for (const auto& config : configs) race_steps += run_descent(config).steps_completed;
  });

  const RaceConfig frame = bench::race_frame_config();
  long frame_steps = 0;
  const double frame_ms = median_milliseconds(51, [&] {
    frame_steps = 0;
    for (const DescentRun& run : run_race(frame)) frame_steps += run.steps_completed;
  });

  // What surfaceMap does: sample, choose levels, fill the bands, trace the lines.
  const auto surface = make_surface({"rosenbrock", 10.0});
  std::size_t field_segments = 0, checksum = 0;
  const double field_ms = median_milliseconds(9, [&] {
    const SurfaceGrid grid =
        sample_surface_grid(*surface, surface->view_box(), bench::kGridSide, bench::kGridSide);
    const auto levels = contour_levels(grid, bench::kContourLevels, choose_level_spacing(grid));
    checksum += render_filled_contours(grid, levels)[0];
    field_segments = trace_contour_lines(grid, levels).segment_levels.size();
  });
  std::printf(
      "{\"race_ms\":%.3f,\"race_steps\":%ld,\"race_frame_ms\":%.4f,\"race_frame_steps\":%ld,"
      "\"field_ms\":%.3f,\"field_segments\":%zu,\"checksum\":%zu}\n",
      race_ms, race_steps, frame_ms, frame_steps, field_ms, field_segments, checksum);
  return 0;
}

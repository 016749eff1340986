// Native timings of the workloads in bench_workloads.hpp, printed as JSON for
// bench/bench.mjs: {"race_ms", "race_steps", "race_frame_ms", "race_frame_steps",
// "field_ms", "field_segments", "small_epoch_ms", "small_loss", "medium_epoch_ms",
// "medium_loss", "grid_ms", "checksum", "regularization_ms", "regularization_validation",
// "dynamics_ms", "dynamics_first_norm", "playground_frame_ms", "playground_test_accuracy"}.
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

// Milliseconds per epoch of training a float network on the spiral; `final_loss` gets the last
// epoch's training loss, so the caller can check that the WebAssembly run did the same work.
double epoch_milliseconds(const descent::nn::NetworkConfig& network_config,
                          const descent::nn::TrainerConfig& trainer_config,
                          const descent::Dataset& data, double& final_loss) {
  const double total_ms = median_milliseconds(3, [&] {
    descent::nn::Network<float> network(network_config);
    descent::nn::Trainer<float> trainer(network, trainer_config, data, nullptr);
    trainer.run();
    final_loss = trainer.history().train_loss.back();
  });
  return total_ms / trainer_config.epochs;
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

  const Dataset spiral = bench::spiral_dataset();
  double small_loss = 0, medium_loss = 0;
  const double small_ms =
      epoch_milliseconds(bench::tanh_network({4, 2}),
                         bench::network_training(bench::kSmallEpochs, 10), spiral, small_loss);
  const auto medium_config = bench::tanh_network({32, 32, 32});
  const double medium_ms = epoch_milliseconds(
      medium_config, bench::network_training(bench::kMediumEpochs, 32), spiral, medium_loss);

  // What predictGrid does: the medium network at the cell centres, row 0 at the top.
  const nn::Network<float> medium(medium_config);
  const int side = bench::kPredictionGridSide;
  const double grid_ms = median_milliseconds(21, [&] {
    nn::Matrix<float> points(side * side, 2);
    for (int i = 0; i < side * side; ++i) {
      points(i, 0) = static_cast<float>(-1.5 + (i % side + 0.5) * 3.0 / side);
      points(i, 1) = static_cast<float>(1.5 - (i / side + 0.5) * 3.0 / side);
    }
    checksum += medium.predict(points)(0, 0) > 0;
  });
  double regularization_validation = 0;
  const double regularization_ms =
      median_milliseconds(9, [&] { regularization_validation = bench::regularization_retrain(); });
  double dynamics_first_norm = 0;
  const double dynamics_ms =
      median_milliseconds(21, [&] { dynamics_first_norm = bench::dynamics_pass(); });
  Playground playground(bench::playground_frame_config());
  double playground_confidence = 0;
  const double playground_frame_ms = median_milliseconds(
      51, [&] { playground_confidence += bench::playground_frame(playground); });
  std::printf(
      "{\"race_ms\":%.3f,\"race_steps\":%ld,\"race_frame_ms\":%.4f,\"race_frame_steps\":%ld,"
      "\"field_ms\":%.3f,\"field_segments\":%zu,\"small_epoch_ms\":%.4f,\"small_loss\":%.17g,"
      "\"medium_epoch_ms\":%.4f,\"medium_loss\":%.17g,\"grid_ms\":%.4f,\"checksum\":%zu,"
      "\"regularization_ms\":%.4f,\"regularization_validation\":%.9g,"
      "\"dynamics_ms\":%.4f,\"dynamics_first_norm\":%.9g,"
      "\"playground_frame_ms\":%.4f,\"playground_test_accuracy\":%.17g}\n",
      race_ms, race_steps, frame_ms, frame_steps, field_ms, field_segments, small_ms, small_loss,
      medium_ms, medium_loss, grid_ms, checksum, regularization_ms, regularization_validation,
      dynamics_ms, dynamics_first_norm, playground_frame_ms, playground.accuracy(true));
  return 0;
}

// Native timings of the workloads in bench_workloads.hpp, printed as JSON for
// bench/bench.mjs: {"race_ms", "race_steps", "race_frame_ms", "race_frame_steps",
// "field_ms", "field_segments", "checksum", "regularization_ms",
// "regularization_validation", "dynamics_ms", "dynamics_first_norm"}.
// `descent_bench serve-networks` instead runs one network workload (a training run, a LeNet
// training step or one classifier-playground frame) per request on stdin (serve_network_runs),
// for bench.mjs to alternate with the WebAssembly runs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "bench_workloads.hpp"
#include "descent/viz/contour_lines.hpp"
#include "descent/viz/filled_contours.hpp"
#include "descent/viz/surface_grid.hpp"

namespace {

// Runs `work` `warmups` times untimed (to warm the caches), then `runs` times; returns each timed
// run's ms.
template <typename Work>
std::vector<double> run_milliseconds(int runs, Work&& work, int warmups) {
  for (int i = 0; i < warmups; ++i) work();
  std::vector<double> times;
  for (int run = 0; run < runs; ++run) {
    const auto start = std::chrono::steady_clock::now();
    work();
    times.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
  }
  return times;
}

template <typename Work>
double median_milliseconds(int repeats, Work&& work) {
  std::vector<double> times = run_milliseconds(repeats, work, 0);
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

// Trains a float network on the spiral; returns the last epoch's training loss, so the caller can
// check that the WebAssembly runs did the same work.
double train_network(const descent::nn::NetworkConfig& network_config,
                     const descent::nn::TrainerConfig& trainer_config,
                     const descent::Dataset& data) {
  descent::nn::Network<float> network(network_config);
  descent::nn::Trainer<float> trainer(network, trainer_config, data, nullptr);
  trainer.run();
  return trainer.history().train_loss.back();
}

// The network rows, one run per request: reads workload names ("small", "medium", "grid",
// "playground", "lenet1", "lenet16", "lenet64") from stdin, one per line, and answers each with a
// line {"ms", "check"} — ms per epoch for the two networks (check: the last epoch's training loss),
// ms per grid (check: how many of its cells are positive), ms per playground frame (one playground
// that keeps training from frame to frame; check: its test accuracy), ms per LeNet training step
// at batch 1, 16 or 64 (kLenetStepsPerRun steps per run; check: the step's loss) — so that
// bench.mjs can alternate native and WebAssembly run by run.
int serve_network_runs() {
  using namespace descent;
  const Dataset spiral = bench::spiral_dataset();
  const auto small_network = bench::tanh_network({4, 2});
  const auto small_training = bench::network_training(bench::kSmallEpochs, 10);
  const auto medium_network = bench::tanh_network({32, 32, 32});
  const auto medium_training = bench::network_training(bench::kMediumEpochs, 32);
  // What predictGrid does: the medium network at the cell centres, row 0 at the top.
  const nn::Network<float> grid_network(medium_network);
  const int side = bench::kPredictionGridSide;
  Playground playground(bench::playground_frame_config());
  // The LeNet-like stack and its three batches; loss_and_gradient leaves the weights as they are.
  nn::Network<float> lenet(bench::lenet_network());
  const nn::Loss cross_entropy{nn::LossKind::kCrossEntropy};
  Eigen::VectorXf lenet_gradient;
  std::vector<bench::ImageBatch> lenet_batches;
  for (int batch : bench::kLenetBatches) lenet_batches.push_back(bench::lenet_batch(batch));
  const auto lenet_index = [](const std::string& workload) {
    for (int index = 0; index < 3; ++index) {
      if (workload == "lenet" + std::to_string(bench::kLenetBatches[index])) return index;
    }
    return -1;
  };
  const auto predict_grid = [&] {
    nn::Matrix<float> points(side * side, 2);
    for (int i = 0; i < side * side; ++i) {
      points(i, 0) = static_cast<float>(-1.5 + (i % side + 0.5) * 3.0 / side);
      points(i, 1) = static_cast<float>(1.5 - (i / side + 0.5) * 3.0 / side);
    }
    return static_cast<double>((grid_network.predict(points).array() > 0.0f).count());
  };
  char name[32];
  while (std::scanf("%31s", name) == 1) {
    const std::string workload = name;
    const int lenet_batch = lenet_index(workload);
    if (workload != "small" && workload != "medium" && workload != "grid" &&
        workload != "playground" && lenet_batch < 0) {
      std::fprintf(stderr, "descent_bench: unknown network workload '%s'\n", name);
      return 1;
    }
    double check = 0, per = 1;
    const auto ms = run_milliseconds(
        1,
        [&] {
          if (workload == "small") {
            check = train_network(small_network, small_training, spiral);
            per = small_training.epochs;
          } else if (workload == "medium") {
            check = train_network(medium_network, medium_training, spiral);
            per = medium_training.epochs;
          } else if (workload == "grid") {
            check = predict_grid();
          } else if (lenet_batch >= 0) {
            const bench::ImageBatch& batch = lenet_batches[static_cast<std::size_t>(lenet_batch)];
            per = bench::kLenetStepsPerRun[lenet_batch];
            for (int step = 0; step < per; ++step) {
              check = lenet.loss_and_gradient(batch.images, batch.targets, cross_entropy,
                                              lenet_gradient);
            }
          } else {
            bench::playground_frame(playground);
            check = playground.accuracy(true);
          }
        },
        0);
    std::printf("{\"ms\":%.6f,\"check\":%.17g}\n", ms[0] / per, check);
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace descent;
  if (argc == 2 && std::string(argv[1]) == "serve-networks") return serve_network_runs();
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

  double regularization_validation = 0;
  const double regularization_ms =
      median_milliseconds(9, [&] { regularization_validation = bench::regularization_retrain(); });
  double dynamics_first_norm = 0;
  const double dynamics_ms =
      median_milliseconds(21, [&] { dynamics_first_norm = bench::dynamics_pass(); });
  std::printf(
      "{\"race_ms\":%.3f,\"race_steps\":%ld,\"race_frame_ms\":%.4f,\"race_frame_steps\":%ld,"
      "\"field_ms\":%.3f,\"field_segments\":%zu,\"checksum\":%zu,"
      "\"regularization_ms\":%.4f,\"regularization_validation\":%.9g,"
      "\"dynamics_ms\":%.4f,\"dynamics_first_norm\":%.9g}\n",
      race_ms, race_steps, frame_ms, frame_steps, field_ms, field_segments, checksum,
      regularization_ms, regularization_validation, dynamics_ms, dynamics_first_norm);
  return 0;
}

#include "descent/sims/dynamics/probe.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "descent/optim/gradient_clipping.hpp"

using namespace descent;

namespace {

DynamicsConfig deep(const std::string& activation, const std::string& initializer, int depth = 20) {
  DynamicsConfig config;
  config.depth = depth;
  config.activation = activation;
  config.initializer = initializer;
  config.steps = 0;  // the initial forward and backward pass
  config.seed = 1;
  return config;
}

// g_l of entry k, l = 0 the first layer.
double norm(const DynamicsRun& run, int k, int layer) {
  return run.gradient_norms[static_cast<std::size_t>(k * run.depth + layer)];
}

double first_to_last(const DynamicsRun& run, int k = 0) {
  return norm(run, k, 0) / norm(run, k, run.depth - 1);
}

}  // namespace

TEST_CASE("a 20-layer sigmoid network with naive init starves layer 1", "[dynamics]") {
  // N(0, 1) weights: layer 1's gradient is orders of magnitude below the output layer's.
  const DynamicsRun normal = run_dynamics(deep("sigmoid", "naive_normal"));
  CHECK(first_to_last(normal) < 1e-2);
  CHECK(normal.verdicts[0] == FlowVerdict::kFading);
  // U[0, 1) weights saturate every unit: nothing reaches layer 1 at all.
  const DynamicsRun uniform = run_dynamics(deep("sigmoid", "naive_uniform"));
  CHECK(norm(uniform, 0, 0) < 1e-10 * norm(uniform, 0, 19));
  CHECK(uniform.verdicts[0] == FlowVerdict::kVanishing);
  // Even Xavier cannot help a sigmoid's 0.25: about 0.25 per layer, ~10⁻¹³ after 19 layers.
  const DynamicsRun xavier = run_dynamics(deep("sigmoid", "xavier"));
  CHECK(first_to_last(xavier) < 1e-10);
  CHECK(xavier.verdicts[0] == FlowVerdict::kVanishing);
}

TEST_CASE("ReLU with He init keeps layer 1 and the last layer within a factor of 10",
          "[dynamics]") {
  const DynamicsRun run = run_dynamics(deep("relu", "he"));
  CHECK(first_to_last(run) > 0.1);
  CHECK(first_to_last(run) < 10.0);
  CHECK(run.verdicts[0] == FlowVerdict::kHealthy);
  // And it trains: the loss falls well below ln 2 (guessing the class balance).
  DynamicsConfig training = deep("relu", "he");
  training.steps = 60;
  training.optimizer = "adam";
  training.learning_rate = 0.01;
  const DynamicsRun trained = run_dynamics(training);
  CHECK(trained.loss.back() < 0.4);
}

TEST_CASE("large-σ initialisation explodes, then the loss becomes NaN", "[dynamics]") {
  DynamicsConfig config = deep("relu", "naive_normal");
  config.steps = 20;
  const DynamicsRun run = run_dynamics(config);
  CHECK(run.verdicts[0] == FlowVerdict::kExploding);
  CHECK(norm(run, 0, 0) > 1e6);
  REQUIRE(run.diverged);
  CHECK(run.diverged_at_step == run.steps_completed);
  CHECK(run.steps_completed < 20);
  CHECK(run.verdicts.back() == FlowVerdict::kNonFinite);
  CHECK(run.messages.back().rfind("NaN after ", 0) == 0);
  // Every per-entry vector stops at the NaN entry.
  const auto entries = static_cast<std::size_t>(run.steps_completed + 1);
  CHECK(run.loss.size() == entries);
  CHECK(run.gradient_norms.size() == entries * 20);
  CHECK(run.histograms.size() == entries * 19 * kDynamicsHistogramBins);
}

TEST_CASE("batch norm restores the gradient flow of a deep sigmoid network", "[dynamics]") {
  DynamicsConfig config = deep("sigmoid", "xavier");
  const DynamicsRun plain = run_dynamics(config);
  config.batch_norm = true;
  const DynamicsRun normalized = run_dynamics(config);
  CHECK(first_to_last(plain) < 1e-10);
  CHECK(first_to_last(normalized) > 0.1);
  CHECK(normalized.verdicts[0] == FlowVerdict::kHealthy);
  // It also tames the exploding ReLU network.
  DynamicsConfig exploding = deep("relu", "naive_normal");
  exploding.batch_norm = true;
  CHECK(run_dynamics(exploding).verdicts[0] == FlowVerdict::kHealthy);
}

TEST_CASE("residual connections give the gradient a path around the sigmoid layers", "[dynamics]") {
  DynamicsConfig config = deep("sigmoid", "xavier");
  const DynamicsRun plain = run_dynamics(config);
  config.residual = true;
  const DynamicsRun skip = run_dynamics(config);
  CHECK(first_to_last(skip) > 1e8 * first_to_last(plain));
  CHECK(skip.flow_ratio[0] > kVanishingRatio);
  // Layer 2 onwards sit on the skip path: no staircase between layer 2 and the layer before the
  // output.
  CHECK(norm(skip, 0, 1) > 0.01 * norm(skip, 0, 18));
}

TEST_CASE("clipping rescales a real exploded gradient without turning it", "[dynamics]") {
  // The seeds' example: [1000, 2000, −3000] clipped to norm 1.
  Eigen::VectorXd seed_gradient(3);
  seed_gradient << 1000.0, 2000.0, -3000.0;
  apply_clipping({"norm", 1.0}, seed_gradient);
  CHECK(seed_gradient[0] == Approx(0.267).margin(5e-4));
  CHECK(seed_gradient[1] == Approx(0.535).margin(5e-4));
  CHECK(seed_gradient[2] == Approx(-0.802).margin(5e-4));

  // With clipping the exploding network trains instead of overflowing, on the same data.
  DynamicsConfig config = deep("relu", "naive_normal", 8);
  config.steps = 100;
  config.optimizer = "sgd";
  config.learning_rate = 0.01;
  const DynamicsRun unclipped = run_dynamics(config);
  config.clip = true;
  config.clip_threshold = 1.0;
  const DynamicsRun clipped = run_dynamics(config);
  CHECK(unclipped.diverged);
  CHECK_FALSE(clipped.diverged);
  CHECK(clipped.loss.back() < clipped.loss.front() / 100.0);
  // The bars are the raw gradient, before clipping: step 0 is the same pass in both runs.
  CHECK(norm(clipped, 0, 0) == norm(unclipped, 0, 0));
}

TEST_CASE("a deep sigmoid network's loss flatlines at ln 2 while ReLU + He learns", "[dynamics]") {
  DynamicsConfig config = deep("sigmoid", "xavier");
  config.steps = 150;
  config.optimizer = "adam";
  config.learning_rate = 0.01;
  const DynamicsRun sigmoid = run_dynamics(config);
  CHECK(sigmoid.loss.back() == Approx(std::log(2.0)).margin(1e-3));
  CHECK(sigmoid.verdicts.back() == FlowVerdict::kVanishing);
  config.depth = 2;  // the depth paradox: the same sigmoid network, shallow, learns
  CHECK(run_dynamics(config).loss.back() < 0.5);
}

TEST_CASE("dynamics runs are deterministic and fill every per-entry vector", "[dynamics]") {
  DynamicsConfig config = deep("tanh", "xavier", 6);
  config.steps = 12;
  config.batch_norm = true;
  const DynamicsRun a = run_dynamics(config);
  const DynamicsRun b = run_dynamics(config);
  CHECK(a.loss == b.loss);
  CHECK(a.gradient_norms == b.gradient_norms);
  CHECK(a.histograms == b.histograms);
  CHECK(a.messages == b.messages);
  REQUIRE(a.steps_completed == 12);
  const std::size_t entries = 13, layers = 6, hidden = 5;
  CHECK(a.loss.size() == entries);
  CHECK(a.verdicts.size() == entries);
  CHECK(a.flow_ratio.size() == entries);
  CHECK(a.messages.size() == entries);
  CHECK(a.gradient_norms.size() == entries * layers);
  CHECK(a.weight_norms.size() == entries * layers);
  for (const auto* per_hidden :
       {&a.activation_mean, &a.activation_std, &a.zero_fraction, &a.dead_unit_fraction,
        &a.mean_local_derivative, &a.saturated_fraction, &a.non_finite_fraction}) {
    CHECK(per_hidden->size() == entries * hidden);
  }
  CHECK(a.histogram_low.size() == entries);
  CHECK(a.histograms.size() == entries * hidden * kDynamicsHistogramBins);
  // tanh: the histograms span its whole output range and hold every activation.
  CHECK(a.histogram_low[0] == -1.0);
  double total = 0.0;
  for (int bin = 0; bin < kDynamicsHistogramBins; ++bin) total += a.histograms[bin];
  CHECK(total == Approx(1.0).epsilon(1e-5));
  // A different seed is a different network on different data.
  config.seed = 2;
  CHECK(run_dynamics(config).gradient_norms != a.gradient_norms);
}

TEST_CASE("dynamics settings are validated with messages", "[dynamics]") {
  DynamicsConfig config;
  CHECK(validate_dynamics_config(config).empty());
  config.depth = 31;
  CHECK(validate_dynamics_config(config).find("depth") != std::string::npos);
  config = DynamicsConfig{};
  config.activation = "softmax";
  CHECK(validate_dynamics_config(config).find("unknown activation 'softmax'") != std::string::npos);
  config = DynamicsConfig{};
  config.initializer = "glorot";
  CHECK(validate_dynamics_config(config).find("valid: naive_uniform") != std::string::npos);
  config = DynamicsConfig{};
  config.learning_rate = 0.0;
  CHECK(validate_dynamics_config(config).find("learning rate") != std::string::npos);
  config = DynamicsConfig{};
  config.clip = true;
  config.clip_threshold = -1.0;
  CHECK(validate_dynamics_config(config).find("clip threshold") != std::string::npos);
  config = DynamicsConfig{};
  config.optimizer = "newton";
  CHECK(validate_dynamics_config(config).find("newton") != std::string::npos);
  config = DynamicsConfig{};
  config.steps = -1;
  CHECK(validate_dynamics_config(config).find("steps") != std::string::npos);
  CHECK_THROWS_AS(run_dynamics(config), std::invalid_argument);
}

TEST_CASE("a probe advanced a few steps at a time records the same run as one call", "[dynamics]") {
  DynamicsConfig config = deep("gelu", "he", 8);
  config.steps = 10;
  const DynamicsRun whole = run_dynamics(config);
  DynamicsProbe probe(config);
  CHECK(probe.run().steps_completed == -1);
  CHECK(probe.advance(1) == 1);
  CHECK(probe.run().steps_completed == 0);
  CHECK(probe.advance(4) == 4);
  CHECK_FALSE(probe.finished());
  CHECK(probe.advance(100) == 6);  // entries 5..10, then the run is over
  CHECK(probe.finished());
  CHECK(probe.advance(1) == 0);
  CHECK(probe.run().gradient_norms == whole.gradient_norms);
  CHECK(probe.run().histograms == whole.histograms);
  CHECK(probe.run().loss == whole.loss);
}

TEST_CASE("an update that overflows the weights ends the run with an all-NaN entry", "[dynamics]") {
  // Plain SGD with a huge rate on an exploding network: the first pass is finite, its update is
  // not.
  DynamicsConfig config = deep("relu", "naive_normal", 12);
  config.steps = 5;
  config.learning_rate = 100.0;
  const DynamicsRun run = run_dynamics(config);
  REQUIRE(run.diverged);
  const int last = run.steps_completed;
  CHECK(run.verdicts[static_cast<std::size_t>(last)] == FlowVerdict::kNonFinite);
  CHECK(run.loss.size() == static_cast<std::size_t>(last + 1));
  CHECK(run.histogram_low.size() == static_cast<std::size_t>(last + 1));
  CHECK(run.mean_local_derivative.size() == static_cast<std::size_t>((last + 1) * 11));
  for (int k = 0; k < last; ++k) CHECK(std::isfinite(run.loss[static_cast<std::size_t>(k)]));
}

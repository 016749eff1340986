#pragma once
// The benchmark workloads, shared by the native benchmark and (mirrored in
// tests/bench/bench.mjs) the WebAssembly one: same configs, same sizes.
#include <cstdint>
#include <vector>

#include "descent/data/classification_2d.hpp"
#include "descent/math/rng.hpp"
#include "descent/nn/network.hpp"
#include "descent/nn/trainer.hpp"
#include "descent/optim/optimizer_catalog.hpp"
#include "descent/sims/descent_run.hpp"
#include "descent/sims/race.hpp"

namespace descent::bench {

constexpr int kRaceSteps = 10000;
constexpr int kGridSide = 256;
constexpr int kContourLevels = 24;
// Small enough that no optimizer diverges on Rosenbrock within kRaceSteps.
constexpr double kRaceLearningRateFactor = 0.01;
// The race widget's default: every optimizer at its default rate down the ravine (κ = 10).
constexpr int kRaceFrameSteps = 300;
constexpr double kRaceFrameCondition = 10.0;

inline std::vector<DescentRunConfig> race_configs() {
  std::vector<DescentRunConfig> configs;
  for (const auto& optimizer : optimizer_catalog()) {
    DescentRunConfig config;
    config.surface.id = "rosenbrock";
    config.optimizer.id = optimizer.id;
    config.learning_rate = optimizer.default_learning_rate * kRaceLearningRateFactor;
    config.start = {-1.5, 2.0};
    config.steps = kRaceSteps;
    configs.push_back(config);
  }
  return configs;
}

inline RaceConfig race_frame_config() {
  RaceConfig config;
  config.surface = {"ravine", kRaceFrameCondition};
  config.start = {-9.0, 2.0};
  config.steps = kRaceFrameSteps;
  for (const auto& optimizer : optimizer_catalog()) {
    RacerConfig racer;
    racer.optimizer.id = optimizer.id;
    racer.learning_rate = optimizer.default_learning_rate;
    config.racers.push_back(racer);
  }
  return config;
}

// Networks: tanh hidden layers, one logit out (binary cross-entropy), Adam, on the spiral data.
constexpr int kSpiralPoints = 500;
constexpr double kSpiralNoise = 0.05;
constexpr std::uint64_t kSpiralSeed = 1;
constexpr double kNetworkLearningRate = 0.01;
constexpr int kSmallEpochs = 50;          // 2-4-2-1, batch 10
constexpr int kMediumEpochs = 10;         // 2-32-32-32-1, batch 32
constexpr int kPredictionGridSide = 100;  // medium network over [-1.5, 1.5]²

inline Dataset spiral_dataset() {
  Rng rng(kSpiralSeed);
  return make_spirals(kSpiralPoints, kSpiralNoise, rng);
}

inline nn::NetworkConfig tanh_network(const std::vector<int>& hidden_widths) {
  nn::NetworkConfig config;
  config.input_width = 2;
  for (int width : hidden_widths) {
    nn::LayerSpec layer;
    layer.width = width;
    layer.activation = nn::ActivationKind::kTanh;
    config.layers.push_back(layer);
  }
  config.layers.push_back(nn::LayerSpec{});  // one linear output unit: the logit
  config.seed = 1;
  return config;
}

inline nn::TrainerConfig network_training(int epochs, int batch_size) {
  nn::TrainerConfig config;
  config.epochs = epochs;
  config.batch_size = batch_size;
  config.optimizer.id = "adam";
  config.learning_rate = kNetworkLearningRate;
  config.loss.kind = nn::LossKind::kBinaryCrossEntropy;
  config.seed = 2;
  return config;
}

}  // namespace descent::bench

// The regularization explorer: one retrain of the widget's default setup (RegularizationRunConfig's
// defaults — 15 + 30 points, 2 × 16 tanh units, Adam, 300 full-batch epochs, the fit recorded on
// 61 x values after every epoch), what a slider move in <descent-regularization> costs.
#include "descent/sims/regularization/run.hpp"

namespace descent::bench {

// Retrains the default setup; returns the validation loss of the weights it keeps.
inline double regularization_retrain() {
  RegularizationRun run{RegularizationRunConfig{}};
  run.run();
  return run.validation_loss()[static_cast<std::size_t>(run.kept_epoch())];
}

}  // namespace descent::bench

// The training-dynamics explorer: one diagnostic pass of a 30-layer network of 32 ReLU units (He
// initialisation) on its 64-point batch — the forward pass with activation histograms, the forward
// and backward pass with per-layer gradient norms, and the verdict (run_dynamics with 0 steps),
// which is also what every training step of <descent-dynamics> costs.
#include "descent/sims/dynamics/probe.hpp"

namespace descent::bench {

constexpr int kDynamicsDepth = 30;
constexpr int kDynamicsWidth = 32;

inline DynamicsConfig dynamics_pass_config() {
  DynamicsConfig config;
  config.depth = kDynamicsDepth;
  config.width = kDynamicsWidth;
  config.activation = "relu";
  config.initializer = "he";
  config.steps = 0;
  return config;
}

// Returns layer 1's gradient norm, so the caller can check both builds did the same work.
inline double dynamics_pass() {
  return run_dynamics(dynamics_pass_config()).gradient_norms.front();
}

}  // namespace descent::bench

// The classifier playground: one animation frame of <descent-playground> — one epoch on 500
// training points (and the 500 test points' loss) with TensorFlow Playground's default network
// (x₁, x₂ → 4 → 2 tanh → 1; SGD, lr 0.03, batches of 10), then the frame: the 100 × 100 decision
// field and every unit's 32 × 32 picture. TensorFlow Playground's own frame is the same work: one
// epoch and a forward pass over its 100 × 100 heatmap grid.
#include "descent/sims/playground.hpp"

namespace descent::bench {

inline PlaygroundConfig playground_frame_config() {
  PlaygroundConfig config;  // the defaults above are the widget's defaults
  config.points = 1000;
  config.train_fraction = 0.5;
  config.max_epochs = 100000;
  return config;
}

// One frame on `playground`; returns the decision field's first confidence, so the work is used.
inline double playground_frame(Playground& playground) {
  playground.advance(1);
  return playground.frame().boundary_confidence.front();
}

}  // namespace descent::bench

// Convolutional networks: one training step (forward and backward, Network::loss_and_gradient) of
// the LeNet-like stack on 28×28 images — conv 6@5×5 → max pool 2 → conv 16@5×5 → max pool 2 →
// flatten → dense 120 → 84 → 10, ReLU after the convolutions and hidden dense layers, cross-entropy
// on the logits — at batches of 1, 16 and 64 seeded images. bench.mjs runs the same step through
// the JS API (NeuralNetwork.lossAndGradient) and with TensorFlow.js and ConvNetJS.
namespace descent::bench {

constexpr int kLenetBatches[] = {1, 16, 64};
// Steps per timed run, so that one run of batch 1 is not a handful of microseconds.
constexpr int kLenetStepsPerRun[] = {16, 2, 1};

inline nn::NetworkConfig lenet_network() {
  // Pooling and flatten keep their input as it is (linear): a ReLU after them would change nothing
  // (their inputs are ReLU outputs already) but cost a pass.
  const auto layer = [](nn::LayerKind kind, int width, int kernel) {
    const bool convolution = kind == nn::LayerKind::kConvolution;
    nn::LayerSpec spec{width,
                       convolution ? nn::ActivationKind::kRelu : nn::ActivationKind::kLinear};
    spec.kind = kind;
    spec.window = kind == nn::LayerKind::kMaxPool ? nn::SlidingWindow{kernel, kernel}
                                                  : nn::SlidingWindow{kernel};
    return spec;
  };
  nn::NetworkConfig config;
  config.input_image = nn::ImageSize{1, 28, 28};
  config.input_width = 28 * 28;
  config.layers = {
      layer(nn::LayerKind::kConvolution, 6, 5),     layer(nn::LayerKind::kMaxPool, 0, 2),
      layer(nn::LayerKind::kConvolution, 16, 5),    layer(nn::LayerKind::kMaxPool, 0, 2),
      layer(nn::LayerKind::kFlatten, 0, 1),         nn::LayerSpec{120, nn::ActivationKind::kRelu},
      nn::LayerSpec{84, nn::ActivationKind::kRelu}, nn::LayerSpec{10, nn::ActivationKind::kLinear}};
  config.initializer.kind = nn::InitKind::kHeUniform;
  config.seed = 1;
  return config;
}

// A batch of uniform [0, 1) images and one-hot targets of class i mod 10.
struct ImageBatch {
  nn::Matrix<float> images;
  nn::Matrix<float> targets;
};

inline ImageBatch lenet_batch(int batch) {
  Rng rng(3);
  ImageBatch result{nn::Matrix<float>(batch, 28 * 28), nn::Matrix<float>::Zero(batch, 10)};
  for (int sample = 0; sample < batch; ++sample) {
    for (int pixel = 0; pixel < 28 * 28; ++pixel) {
      result.images(sample, pixel) = static_cast<float>(rng.uniform());
    }
    result.targets(sample, sample % 10) = 1.0f;
  }
  return result;
}

}  // namespace descent::bench

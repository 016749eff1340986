#pragma once
// The simulation behind <descent-dynamics>, the training-dynamics explorer: a deep network built
// from the explorer's settings, trained by gradient descent on a real data set, with what happens
// to the gradient on its way back through the layers measured at every step — per-layer gradient
// norms, per-layer activation histograms and local derivatives, the loss, and a verdict (healthy,
// fading, vanishing, exploding, NaN; dynamics_verdict.hpp).
//
// Network: depth − 1 hidden layers of `width` units with the chosen activation (batch norm before
// each activation, and residual connections on every hidden layer after the first, when asked),
// then one linear output unit, the logit of binary cross-entropy. Weights from the chosen
// initialiser, biases 0.
// Data: kDynamicsSamples points of the "circle" data set (a disc inside a ring, classes balanced,
// centred on 0 within [−1, 1]², noise kDynamicsNoise), drawn from Rng(derive_seed(seed,
// kDynamicsDataStream)); the weights from derive_seed(seed, kDynamicsWeightStream).
// Training: the nn Trainer with the whole data set as its one mini-batch in a fixed order, so
// every step is one full-batch gradient step, the chosen optimizer and learning rate, and optional
// clipping of the global gradient norm (torch's clip_grad_norm_). Full batch makes step k's
// weights available after the trainer's epoch k, which the activation histograms need (the Trainer
// has no per-step hook), and keeps the bars free of mini-batch noise.
//
// Indexing: entry k of every per-step vector describes the network after k updates (entry 0: the
// initial weights): its forward and backward pass on the data set. The trainer records entry k in
// step k + 1 (its pass before its update), so it runs steps + 1 steps; the last update is never
// shown. The gradient norms are the backward pass's, before clipping (what clipping then cuts).
//
// Incremental: a DynamicsProbe owns the network and the trainer and records entries on demand, so
// the explorer can show the first bars at once and keep training a few steps per animation frame
// (a 20-layer step takes milliseconds; a whole run, longer than a frame). run_dynamics records a
// whole run in one call.
//
// Divergence: when a pass gives a non-finite loss or gradient, or an update makes the weights
// overflow, the run stops and its last entry is that step, with verdict kNonFinite: the pass's own
// numbers (some may be finite: which layers blew up first), or NaN throughout when the weights
// themselves overflowed.
#include <cstdint>
#include <string>
#include <vector>

#include "descent/data/dataset.hpp"
#include "descent/nn/activation.hpp"
#include "descent/nn/network.hpp"
#include "descent/nn/trainer.hpp"
#include "descent/sims/dynamics/verdict.hpp"

namespace descent {

constexpr int kMinDynamicsDepth = 2;
constexpr int kMaxDynamicsDepth = 30;
constexpr int kMinDynamicsWidth = 2;
constexpr int kMaxDynamicsWidth = 128;
constexpr int kMaxDynamicsSteps = 500;
constexpr double kMaxDynamicsLearningRate = 100.0;
constexpr int kDynamicsSamples = 64;
constexpr double kDynamicsNoise = 0.05;
constexpr int kDynamicsHistogramBins = 24;
// σ of the "small" initialiser: the seeds' "too small" N(0, 0.01²) (torch's old RNN default).
constexpr double kSmallInitStddev = 0.01;
// Sub-streams of the config's seed.
constexpr std::uint64_t kDynamicsDataStream = 0;
constexpr std::uint64_t kDynamicsWeightStream = 1;

struct DynamicsConfig {
  int depth = 10;  // weight layers: depth − 1 hidden layers, then the output layer
  int width = 32;  // units per hidden layer
  // sigmoid, tanh, relu, leaky_relu, gelu
  std::string activation = "sigmoid";
  // naive_uniform U[0, 1), naive_normal N(0, 1), small N(0, 0.01²), xavier (normal,
  // Var = 2/(fan_in + fan_out)), he (normal, Var = 2/fan_in)
  std::string initializer = "xavier";
  bool batch_norm = false;
  bool residual = false;
  bool clip = false;              // clip the global gradient norm to clip_threshold
  double clip_threshold = 1.0;    // > 0
  std::string optimizer = "sgd";  // any id of optimizer_catalog()
  double learning_rate = 0.1;
  int steps = 100;  // updates, 0..kMaxDynamicsSteps (0: just the initial pass)
  std::uint64_t seed = 1;
};

// The activations and initialisers the explorer offers, in menu order.
const std::vector<std::string>& dynamics_activation_names();
const std::vector<std::string>& dynamics_initializer_names();

// "" when valid, otherwise a message for the user naming the setting.
std::string validate_dynamics_config(const DynamicsConfig& config);

struct DynamicsRun {
  int depth = 0;             // layers with weights (bars per step)
  int hidden_layers = 0;     // depth − 1 (histograms per step)
  int steps_completed = -1;  // entries − 1: the last entry is after this many updates
  int bins = kDynamicsHistogramBins;

  // Per entry k (steps_completed + 1 of them):
  std::vector<double> loss;  // mean binary cross-entropy over the data set
  std::vector<FlowVerdict> verdicts;
  std::vector<double> flow_ratio;     // g_1 / max_l g_l
  std::vector<std::string> messages;  // one line for the learner, e.g. "vanishing: layer 1 gets …"
  // Per entry and layer (entry-major: index k·depth + l, l = 0 the first layer):
  std::vector<double> gradient_norms;  // ‖∂L/∂W_l‖, before clipping
  std::vector<double> weight_norms;    // ‖W_l‖
  // Per entry and hidden layer (index k·hidden_layers + l):
  std::vector<double> activation_mean;
  std::vector<double> activation_std;
  std::vector<double> zero_fraction;          // f(z) exactly 0 (ReLU: inactive)
  std::vector<double> dead_unit_fraction;     // units at 0 on every sample
  std::vector<double> mean_local_derivative;  // mean f'(z)
  std::vector<double> saturated_fraction;     // f'(z) < 10 % of its peak
  std::vector<double> non_finite_fraction;    // activations that are NaN or Inf
  // Per entry: the range every hidden layer's histogram of that entry shares.
  std::vector<double> histogram_low;
  std::vector<double> histogram_high;
  // Per entry, hidden layer and bin (index (k·hidden_layers + l)·bins + b): fraction of the
  // layer's activations in the bin (shared_histogram_range, activation_histogram).
  std::vector<float> histograms;

  bool diverged = false;
  int diverged_at_step = -1;  // the entry that is not finite, or −1
};

class DynamicsProbe {
 public:
  // Builds the data, the network and the trainer; records nothing yet. Throws
  // std::invalid_argument with validate_dynamics_config's message when the config is invalid.
  explicit DynamicsProbe(const DynamicsConfig& config);
  DynamicsProbe(const DynamicsProbe&) = delete;  // the trainer refers to the network
  DynamicsProbe& operator=(const DynamicsProbe&) = delete;

  // Records up to `entries` more entries (each one training step), fewer when the run finishes;
  // returns how many it recorded.
  int advance(int entries);
  // All steps + 1 entries recorded, or the run diverged.
  bool finished() const { return finished_; }
  const DynamicsRun& run() const { return run_; }

 private:
  void record_divergence(bool weights_lost);

  DynamicsConfig config_;
  Dataset data_;
  nn::Matrix<float> inputs_;
  nn::Activation activation_;
  nn::Network<float> network_;
  nn::Trainer<float> trainer_;
  DynamicsRun run_;
  bool finished_ = false;
};

// A whole run in one call. Deterministic: the same config gives the same run, bit for bit. Throws
// like DynamicsProbe.
DynamicsRun run_dynamics(const DynamicsConfig& config);

}  // namespace descent

#include "descent/sims/dynamics/probe.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

#include "descent/data/classification_2d.hpp"
#include "descent/math/cold_code.hpp"
#include "descent/math/messages.hpp"
#include "descent/math/rng.hpp"
#include "descent/nn/network.hpp"
#include "descent/nn/trainer.hpp"
#include "descent/optim/optimizer_catalog.hpp"
#include "descent/sims/dynamics/activations.hpp"

namespace descent {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool listed(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

nn::Initializer make_initializer(const std::string& name) {
  nn::Initializer initializer;
  if (name == "naive_uniform") initializer.kind = nn::InitKind::kNaiveUniform;
  if (name == "naive_normal") initializer.kind = nn::InitKind::kNaiveNormal;
  if (name == "small") {
    initializer.kind = nn::InitKind::kNormal;
    initializer.stddev = kSmallInitStddev;
  }
  if (name == "xavier") initializer.kind = nn::InitKind::kXavierNormal;
  if (name == "he") initializer.kind = nn::InitKind::kHeNormal;
  return initializer;
}

nn::NetworkConfig make_network_config(const DynamicsConfig& config) {
  nn::Activation activation;
  nn::activation_from_name(config.activation, activation);
  nn::NetworkConfig network;
  network.input_width = 2;
  for (int layer = 0; layer + 1 < config.depth; ++layer) {
    nn::LayerSpec spec;
    spec.width = config.width;
    spec.activation = activation;
    spec.batch_norm = config.batch_norm;
    // The first hidden layer maps 2 inputs to `width` units: no skip can join them.
    spec.residual = config.residual && layer > 0;
    network.layers.push_back(spec);
  }
  network.layers.push_back(nn::LayerSpec{});  // one linear unit: the logit
  network.initializer = make_initializer(config.initializer);
  network.seed = derive_seed(config.seed, kDynamicsWeightStream);
  return network;
}

nn::TrainerConfig make_trainer_config(const DynamicsConfig& config) {
  nn::TrainerConfig trainer;
  trainer.epochs = config.steps + 1;  // step k + 1's pass measures entry k (see the header)
  trainer.batch_size = kDynamicsSamples;
  trainer.shuffle = false;
  trainer.optimizer.id = config.optimizer;
  trainer.learning_rate = config.learning_rate;
  trainer.clip.mode = config.clip ? "norm" : "none";
  trainer.clip.threshold = config.clip_threshold;
  trainer.loss.kind = nn::LossKind::kBinaryCrossEntropy;
  trainer.record_layer_diagnostics = true;
  return trainer;
}

Dataset make_dynamics_data(std::uint64_t seed) {
  Rng rng(derive_seed(seed, kDynamicsDataStream));
  return make_circle(kDynamicsSamples, kDynamicsNoise, rng);
}

// Compact text for a readout: 3 significant digits, scientific outside [10⁻³, 10⁴).
std::string short_number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Inf" : "-Inf";
  char text[32];
  const double magnitude = std::abs(value);
  if (magnitude != 0.0 && (magnitude < 1e-3 || magnitude >= 1e4)) {
    const int exponent = static_cast<int>(std::floor(std::log10(magnitude)));
    double mantissa = value / std::pow(10.0, exponent);
    std::snprintf(text, sizeof text, "%.2fe%d", mantissa, exponent);
  } else {
    std::snprintf(text, sizeof text, "%.3g", value);
  }
  return text;
}

std::string describe(FlowVerdict verdict, const std::vector<double>& norms, double loss) {
  const double ratio = gradient_flow_ratio(norms);
  const double largest = *std::max_element(norms.begin(), norms.end());
  const std::string reaching =
      "layer 1 gets " + short_number(ratio) + "× the strongest layer's gradient";
  switch (verdict) {
    case FlowVerdict::kHealthy:
      return "healthy: " + reaching;
    case FlowVerdict::kFading:
      return "fading: " + reaching;
    case FlowVerdict::kVanishing:
      if (largest < kVanishingGradientPerLoss * loss) {
        return "vanishing: the largest layer gradient, " + short_number(largest) +
               ", is under 1/1000 of the loss";
      }
      return "vanishing: " + reaching;
    case FlowVerdict::kExploding:
      return "exploding: a layer's gradient norm reached " + short_number(largest);
    case FlowVerdict::kNonFinite:
      break;
  }
  return std::isfinite(loss) ? "NaN: a layer's gradient norm overflowed to Inf or NaN"
                             : "NaN: the loss became " + short_number(loss);
}

// The activation side of one entry (histograms, local derivatives), from the network's weights.
void record_activations(const nn::Network<float>& network, const nn::Matrix<float>& inputs,
                        const nn::Activation& activation, DynamicsRun& run) {
  const auto layers = hidden_layer_activations(network, inputs);
  const HistogramRange range = shared_histogram_range(activation, layers);
  run.histogram_low.push_back(range.low);
  run.histogram_high.push_back(range.high);
  for (const auto& layer : layers) {
    const LocalDerivativeSummary summary = summarize_local_derivatives(activation, layer);
    run.mean_local_derivative.push_back(summary.mean);
    run.saturated_fraction.push_back(summary.saturated_fraction);
    run.non_finite_fraction.push_back(summary.non_finite_fraction);
    for (double fraction : activation_histogram(layer.activation, range, run.bins)) {
      run.histograms.push_back(static_cast<float>(fraction));
    }
  }
}

// An entry whose weights are lost (an update overflowed them): nothing finite to show.
void record_unknown_activations(DynamicsRun& run) {
  run.histogram_low.push_back(kNaN);
  run.histogram_high.push_back(kNaN);
  for (int layer = 0; layer < run.hidden_layers; ++layer) {
    run.mean_local_derivative.push_back(kNaN);
    run.saturated_fraction.push_back(kNaN);
    run.non_finite_fraction.push_back(kNaN);
    run.histograms.insert(run.histograms.end(), static_cast<std::size_t>(run.bins), 0.0F);
  }
}

// The per-layer side of one entry from the network's layer diagnostics.
void record_diagnostics(const std::vector<nn::LayerDiagnostics>& diagnostics, double loss,
                        DynamicsRun& run) {
  std::vector<double> norms;
  for (int layer = 0; layer < run.depth; ++layer) {
    const nn::LayerDiagnostics& d = diagnostics[static_cast<std::size_t>(layer)];
    norms.push_back(d.weight_gradient_norm);
    run.gradient_norms.push_back(d.weight_gradient_norm);
    run.weight_norms.push_back(d.weight_norm);
    if (layer + 1 == run.depth) continue;  // the output layer is not a hidden layer
    run.activation_mean.push_back(d.activation_mean);
    run.activation_std.push_back(d.activation_std);
    run.zero_fraction.push_back(d.zero_fraction);
    run.dead_unit_fraction.push_back(d.dead_unit_fraction);
  }
  const FlowVerdict verdict = classify_gradient_flow(norms, loss);
  run.loss.push_back(loss);
  run.flow_ratio.push_back(gradient_flow_ratio(norms));
  run.verdicts.push_back(verdict);
  run.messages.push_back(describe(verdict, norms, loss));
}

// Entry k of the trainer's per-step history as LayerDiagnostics.
std::vector<nn::LayerDiagnostics> history_entry(const nn::TrainingHistory& history, int k) {
  std::vector<nn::LayerDiagnostics> diagnostics;
  const auto at = [k](const std::vector<double>& values) {
    return values[static_cast<std::size_t>(k)];
  };
  for (const nn::LayerHistory& layer : history.layers) {
    diagnostics.push_back({at(layer.activation_mean), at(layer.activation_std),
                           at(layer.zero_fraction), at(layer.dead_unit_fraction),
                           at(layer.weight_norm), at(layer.weight_gradient_norm),
                           at(layer.bias_gradient_norm)});
  }
  return diagnostics;
}

}  // namespace

const std::vector<std::string>& dynamics_activation_names() {
  static const std::vector<std::string> names = {"sigmoid", "tanh", "relu", "leaky_relu", "gelu"};
  return names;
}

const std::vector<std::string>& dynamics_initializer_names() {
  static const std::vector<std::string> names = {"naive_uniform", "naive_normal", "small", "xavier",
                                                 "he"};
  return names;
}

// Set-up, once per run: optimised for size (cold_code.hpp).
DESCENT_BEGIN_COLD_CODE
std::string validate_dynamics_config(const DynamicsConfig& config) {
  const std::string owner = "dynamics";
  if (!listed(dynamics_activation_names(), config.activation)) {
    return owner + ": unknown activation " + quote_value(config.activation) +
           " (valid: " + joined(dynamics_activation_names()) + ")";
  }
  if (!listed(dynamics_initializer_names(), config.initializer)) {
    return owner + ": unknown initializer " + quote_value(config.initializer) +
           " (valid: " + joined(dynamics_initializer_names()) + ")";
  }
  if (!(config.learning_rate > 0.0 && config.learning_rate <= kMaxDynamicsLearningRate)) {
    return owner + ": learning rate must be > 0 and at most " +
           format_number(kMaxDynamicsLearningRate) + ", got " + format_number(config.learning_rate);
  }
  if (config.clip && !(config.clip_threshold > 0.0 && std::isfinite(config.clip_threshold))) {
    return owner + ": clip threshold must be a finite number > 0, got " +
           format_number(config.clip_threshold);
  }
  OptimizerSettings optimizer;
  optimizer.id = config.optimizer;
  const std::string optimizer_message = validate_optimizer_settings(optimizer);
  return first_message(
      {check_range(owner, "depth", config.depth, kMinDynamicsDepth, kMaxDynamicsDepth),
       check_range(owner, "width", config.width, kMinDynamicsWidth, kMaxDynamicsWidth),
       check_range(owner, "steps", config.steps, 0, kMaxDynamicsSteps),
       optimizer_message.empty() ? "" : owner + ": " + optimizer_message});
}
DESCENT_END_COLD_CODE

namespace {

// The config checked before any member is built from it.
const DynamicsConfig& validated(const DynamicsConfig& config) {
  const std::string message = validate_dynamics_config(config);
  if (!message.empty()) throw std::invalid_argument(message);
  return config;
}

nn::Activation parsed_activation(const std::string& name) {
  nn::Activation activation;
  nn::activation_from_name(name, activation);
  return activation;
}

}  // namespace

DynamicsProbe::DynamicsProbe(const DynamicsConfig& config)
    : config_(validated(config)),
      data_(make_dynamics_data(config.seed)),
      inputs_(data_.inputs.cast<float>()),
      activation_(parsed_activation(config.activation)),
      network_(make_network_config(config)),
      trainer_(network_, make_trainer_config(config), data_, nullptr) {
  run_.depth = config.depth;
  run_.hidden_layers = config.depth - 1;
}

int DynamicsProbe::advance(int entries) {
  int recorded = 0;
  while (recorded < entries && !finished_) {
    // Entry k: the activations of the weights after k updates, then the trainer's step k + 1,
    // whose pass on those weights gives the gradients (and whose update is entry k + 1's weights).
    const int k = run_.steps_completed + 1;
    record_activations(network_, inputs_, activation_, run_);
    trainer_.run_epoch();
    ++recorded;
    const nn::TrainingHistory& history = trainer_.history();
    const int recorded_steps = static_cast<int>(history.step_loss.size());
    if (recorded_steps == k + 1) {
      record_diagnostics(history_entry(history, k), history.step_loss[static_cast<std::size_t>(k)],
                         run_);
      run_.steps_completed = k;
    }
    // Step k + 1's pass was fine but its update overflowed the weights: entry k + 1 is lost —
    // unless entry k is the last one shown, when that update does not count.
    const bool weights_lost = recorded_steps == k + 1;
    const bool diverged =
        trainer_.stop_kind() == nn::StopKind::kDiverged && !(weights_lost && k == config_.steps);
    if (diverged) {
      record_divergence(weights_lost);
    } else if (k == config_.steps) {
      finished_ = true;
    }
  }
  return recorded;
}

void DynamicsProbe::record_divergence(bool weights_lost) {
  const int k = run_.steps_completed + 1;  // the entry that is not finite
  if (weights_lost) {
    // The update into entry k overflowed the weights, and the trainer restored the last finite
    // ones: entry k's weights are gone.
    record_unknown_activations(run_);
    std::vector<nn::LayerDiagnostics> unknown(static_cast<std::size_t>(run_.depth),
                                              {kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN});
    record_diagnostics(unknown, kNaN, run_);
  } else {
    // The pass on entry k's weights failed (its activations are recorded), and the trainer left the
    // network at those weights: repeat the pass on a copy to see which layers blew up.
    nn::Network<float> failed = network_;
    nn::Matrix<float> targets(kDynamicsSamples, 1);
    for (int row = 0; row < kDynamicsSamples; ++row) {
      targets(row, 0) = static_cast<float>(data_.labels[static_cast<std::size_t>(row)]);
    }
    const auto pass = failed.loss_and_gradient(inputs_, targets, make_trainer_config(config_).loss);
    record_diagnostics(failed.layer_diagnostics(), static_cast<double>(pass.loss), run_);
  }
  run_.steps_completed = k;
  run_.diverged = true;
  run_.diverged_at_step = k;
  run_.verdicts.back() = FlowVerdict::kNonFinite;  // whatever the repeated pass showed
  // The trainer's reason ends in what went wrong, e.g. "…: gradient became Inf".
  const std::string& reason = trainer_.stop_reason();
  const std::size_t colon = reason.rfind(": ");
  run_.messages.back() = "NaN after " + std::to_string(k) + (k == 1 ? " step" : " steps") +
                         ": the " +
                         (colon == std::string::npos ? reason : reason.substr(colon + 2));
  finished_ = true;
}

DynamicsRun run_dynamics(const DynamicsConfig& config) {
  DynamicsProbe probe(config);
  probe.advance(config.steps + 1);
  return probe.run();
}

}  // namespace descent

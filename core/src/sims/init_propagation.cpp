#include "descent/sims/init_propagation.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "descent/math/rng.hpp"
#include "descent/sims/dynamics/activations.hpp"

namespace descent {
namespace {

using nn::Matrix;

std::string range_message(const char* name, int low, int high) {
  return std::string(name) + " must be between " + std::to_string(low) + " and " +
         std::to_string(high);
}

double variance_of(const Matrix<double>& values) {
  const double mean = values.mean();
  return (values.array() - mean).square().mean();
}

bool listed(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

}  // namespace

const std::vector<std::string>& init_propagation_initializer_names() {
  static const std::vector<std::string> names{"naive_normal",  "naive_uniform",  "normal",
                                              "xavier_normal", "xavier_uniform", "he_normal",
                                              "he_uniform"};
  return names;
}

const std::vector<std::string>& init_propagation_activation_names() {
  static const std::vector<std::string> names{"tanh", "relu", "sigmoid", "linear", "gelu"};
  return names;
}

std::string validate_init_propagation(const InitPropagationConfig& config) {
  if (auto message = nn::validate_initializer(config.initializer); !message.empty()) return message;
  if (auto message = nn::validate_activation(config.activation); !message.empty()) return message;
  if (!nn::is_elementwise(config.activation.kind))
    return "softmax is not a hidden-layer activation here";
  const std::string initializer = nn::initializer_name(config.initializer.kind);
  if (!listed(init_propagation_initializer_names(), initializer)) {
    return "initializer: \"" + initializer +
           "\" is not offered here (valid: " + joined(init_propagation_initializer_names()) + ")";
  }
  const std::string activation = nn::activation_name(config.activation.kind);
  if (!listed(init_propagation_activation_names(), activation)) {
    return "activation: \"" + activation +
           "\" is not offered here (valid: " + joined(init_propagation_activation_names()) + ")";
  }
  if (config.width < kMinInitWidth || config.width > kMaxInitWidth) {
    return range_message("width", kMinInitWidth, kMaxInitWidth);
  }
  if (config.depth < kMinInitDepth || config.depth > kMaxInitDepth) {
    return range_message("depth", kMinInitDepth, kMaxInitDepth);
  }
  if (config.samples < kMinInitSamples || config.samples > kMaxInitSamples) {
    return range_message("samples", kMinInitSamples, kMaxInitSamples);
  }
  if (config.bins < kMinInitBins || config.bins > kMaxInitBins) {
    return range_message("bins", kMinInitBins, kMaxInitBins);
  }
  if (config.shown_layers.empty()) return "at least one layer must be shown";
  for (std::size_t i = 0; i < config.shown_layers.size(); ++i) {
    const int layer = config.shown_layers[i];
    if (layer < 1 || layer > config.depth) return range_message("shown layers", 1, config.depth);
    if (i > 0 && layer <= config.shown_layers[i - 1]) return "shown layers must be increasing";
  }
  return "";
}

InitPropagation propagate_initialisation(const InitPropagationConfig& config) {
  if (auto message = validate_init_propagation(config); !message.empty()) {
    throw std::invalid_argument(message);
  }
  Rng rng(config.seed);
  Matrix<double> signal(config.samples, config.width);
  for (Eigen::Index i = 0; i < signal.size(); ++i) signal(i) = rng.normal();

  InitPropagation result;
  result.input_variance = variance_of(signal);
  result.weight_variance_theory =
      nn::initializer_moments(config.initializer, config.width, config.width).variance;
  result.shown_layers = config.shown_layers;
  const double threshold = kSaturatedDerivativeFraction * peak_local_derivative(config.activation);
  std::vector<LayerActivations<double>> shown;
  for (int layer = 1; layer <= config.depth; ++layer) {
    const Matrix<double> weights =
        nn::initialize_weights<double>(config.initializer, config.width, config.width, rng);
    if (layer == 1) {
      result.weight_variance = variance_of(weights);
      result.weight_limit = std::max(weights.cwiseAbs().maxCoeff(), 1e-12);
      result.weight_counts.assign(static_cast<std::size_t>(config.bins), 0.0);
      for (Eigen::Index i = 0; i < weights.size(); ++i) {
        const double t = (weights(i) + result.weight_limit) / (2 * result.weight_limit);
        const int bin = std::min(config.bins - 1, static_cast<int>(t * config.bins));
        result.weight_counts[static_cast<std::size_t>(bin)] += 1.0;
      }
    }
    const Matrix<double> z = signal * weights;
    signal = nn::activate(config.activation, z);
    result.preactivation_variance.push_back(variance_of(z));
    result.activation_variance.push_back(variance_of(signal));
    result.activation_mean.push_back(signal.mean());
    // f'(z) read off a = f(z), as activation_derivative computes it, without evaluating f again
    // (tanh was half of this function's time in WebAssembly).
    const Matrix<double> derivative = nn::activation_backward<double>(
        config.activation, z, signal, Matrix<double>::Ones(z.rows(), z.cols()));
    result.saturated_fraction.push_back(
        static_cast<double>((derivative.array().abs() < threshold).count()) /
        static_cast<double>(derivative.size()));
    if (std::find(config.shown_layers.begin(), config.shown_layers.end(), layer) !=
        config.shown_layers.end()) {
      shown.push_back({z, signal});
    }
  }
  const HistogramRange range = shared_histogram_range(config.activation, shown);
  result.histogram_low = range.low;
  result.histogram_high = range.high;
  for (const auto& layer : shown) {
    const std::vector<double> fractions =
        activation_histogram(layer.activation, range, config.bins);
    result.histograms.insert(result.histograms.end(), fractions.begin(), fractions.end());
  }
  return result;
}

}  // namespace descent

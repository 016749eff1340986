#include "descent/sims/dynamics/activations.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>

namespace descent {
namespace {

using nn::ActivationKind;

// f's smallest output, when it has one (−∞ otherwise): where a histogram range may stop.
double lowest_output(const nn::Activation& activation) {
  switch (activation.kind) {
    case ActivationKind::kSigmoid:
    case ActivationKind::kRelu:
    case ActivationKind::kSoftmax:
      return 0.0;
    case ActivationKind::kTanh:
      return -1.0;
    case ActivationKind::kElu:
      return -activation.alpha;
    case ActivationKind::kGelu:
      return -0.16997;  // GELU's minimum, at z ≈ −0.7518
    case ActivationKind::kSwish:
      return -0.27846;  // swish's minimum, at z ≈ −1.2785
    case ActivationKind::kLinear:
    case ActivationKind::kLeakyRelu:
      break;
  }
  return -std::numeric_limits<double>::infinity();
}

// f''(z) of the two smooth activations whose derivative overshoots 1, in closed form:
// GELU f = z·Φ(z): f'' = φ(z)·(2 − z²); swish f = z·σ(z): f'' = σ(1 − σ)·(2 + z·(1 − 2σ)).
double second_derivative(ActivationKind kind, double z) {
  if (kind == ActivationKind::kGelu) {
    return 0.39894228040143267794 * std::exp(-0.5 * z * z) * (2.0 - z * z);
  }
  const double sigmoid = 1.0 / (1.0 + std::exp(-z));
  return sigmoid * (1.0 - sigmoid) * (2.0 + z * (1.0 - 2.0 * sigmoid));
}

// f'(z) in double, the formulas of nn::activation_derivative.
double first_derivative(ActivationKind kind, double z) {
  if (kind == ActivationKind::kGelu) {
    return 0.5 * (1.0 + std::erf(z * 0.70710678118654752440)) +
           z * 0.39894228040143267794 * std::exp(-0.5 * z * z);
  }
  const double sigmoid = 1.0 / (1.0 + std::exp(-z));
  return sigmoid * (1.0 + z * (1.0 - sigmoid));
}

// The root of f'' in [low, high] (f'' > 0 at low, < 0 at high) by bisection to the last bit:
// where f' stops rising and starts falling, i.e. its maximum.
double derivative_peak_location(ActivationKind kind, double low, double high) {
  while (true) {
    const double middle = 0.5 * (low + high);
    if (middle <= low || middle >= high) return middle;
    (second_derivative(kind, middle) > 0.0 ? low : high) = middle;
  }
}

}  // namespace

double smooth_derivative_peak_location(nn::ActivationKind kind) {
  // f'' changes sign once on each bracket: GELU's at √2, swish's near 2.4.
  static const double gelu = derivative_peak_location(ActivationKind::kGelu, 1.0, 2.0);
  static const double swish = derivative_peak_location(ActivationKind::kSwish, 2.0, 3.0);
  if (kind == ActivationKind::kGelu) return gelu;
  if (kind == ActivationKind::kSwish) return swish;
  throw std::invalid_argument(
      "derivative peak location: only gelu and swish peak at an interior z");
}

template <typename Scalar>
std::vector<LayerActivations<Scalar>> hidden_layer_activations(const nn::Network<Scalar>& network,
                                                               const nn::Matrix<Scalar>& inputs) {
  if (inputs.rows() < 1 || inputs.cols() != network.input_width()) {
    throw std::invalid_argument("hidden layer activations: the batch needs at least one row and " +
                                std::to_string(network.input_width()) + " columns");
  }
  const auto& specs = network.config().layers;
  std::vector<LayerActivations<Scalar>> layers;
  nn::Matrix<Scalar> current = inputs;
  for (int index = 0; index + 1 < network.depth(); ++index) {
    const nn::DenseLayer<Scalar>& dense = network.layer(index);
    // The layer's own kernel: SIMD in WebAssembly too (Eigen's product is scalar there).
    nn::Matrix<Scalar> z = dense.pre_activation_of(current);
    LayerActivations<Scalar> layer;
    if (const auto& norm = network.batch_norm(index)) {
      // A copy, so the network's running statistics stay as the trainer left them.
      nn::BatchNorm<Scalar> batch_statistics = *norm;
      layer.pre_activation = batch_statistics.forward(z, true);
    } else {
      layer.pre_activation = std::move(z);
    }
    const nn::Activation& activation = specs[static_cast<std::size_t>(index)].activation;
    layer.activation = nn::activate(activation, layer.pre_activation);
    nn::Matrix<Scalar> next = layer.activation;
    if (specs[static_cast<std::size_t>(index)].residual) next += current;
    current = std::move(next);
    layers.push_back(std::move(layer));
  }
  return layers;
}

double peak_local_derivative(const nn::Activation& activation) {
  switch (activation.kind) {
    case ActivationKind::kSigmoid:
      return 0.25;                // σ'(0) = σ(0)(1 − σ(0))
    case ActivationKind::kGelu:   // ≈ 1.128904, at z = √2
    case ActivationKind::kSwish:  // ≈ 1.099839, at z ≈ 2.399357
      return first_derivative(activation.kind, smooth_derivative_peak_location(activation.kind));
    case ActivationKind::kElu:
      return std::max(1.0, activation.alpha);  // 1 for z > 0, α·e^z → α as z → 0⁻
    case ActivationKind::kLinear:
    case ActivationKind::kTanh:
    case ActivationKind::kRelu:
    case ActivationKind::kLeakyRelu:
      return 1.0;
    case ActivationKind::kSoftmax:
      break;
  }
  throw std::invalid_argument("peak local derivative: softmax has a Jacobian, not a derivative");
}

template <typename Scalar>
LocalDerivativeSummary summarize_local_derivatives(const nn::Activation& activation,
                                                   const LayerActivations<Scalar>& layer) {
  // f'(z) read off the layer's a = f(z), as activation_derivative computes it, without f again.
  const Eigen::ArrayXXd derivative =
      nn::activation_backward<Scalar>(
          activation, layer.pre_activation, layer.activation,
          nn::Matrix<Scalar>::Ones(layer.pre_activation.rows(), layer.pre_activation.cols()))
          .template cast<double>()
          .array();
  const Eigen::ArrayXXd values = layer.activation.template cast<double>().array();
  const double count = static_cast<double>(values.size());
  const double threshold = kSaturatedDerivativeFraction * peak_local_derivative(activation);
  double derivative_sum = 0.0;
  Eigen::Index finite = 0, saturated = 0;
  for (Eigen::Index i = 0; i < derivative.size(); ++i) {
    if (!std::isfinite(values(i)) || !std::isfinite(derivative(i))) continue;
    ++finite;
    derivative_sum += derivative(i);
    if (std::abs(derivative(i)) < threshold) ++saturated;
  }
  return {finite > 0 ? derivative_sum / static_cast<double>(finite)
                     : std::numeric_limits<double>::quiet_NaN(),
          static_cast<double>(saturated) / count,
          static_cast<double>(values.size() - finite) / count};
}

template <typename Scalar>
HistogramRange shared_histogram_range(const nn::Activation& activation,
                                      const std::vector<LayerActivations<Scalar>>& layers) {
  if (activation.kind == ActivationKind::kSigmoid) return {0.0, 1.0};
  if (activation.kind == ActivationKind::kTanh) return {-1.0, 1.0};
  double low = std::numeric_limits<double>::infinity();
  double high = -std::numeric_limits<double>::infinity();
  for (const auto& layer : layers) {
    const Eigen::ArrayXXd values = layer.activation.template cast<double>().array();
    const auto finite = values.isFinite();
    const double count = static_cast<double>(finite.count());
    if (count == 0.0) continue;
    const double mean = finite.select(values, 0.0).sum() / count;
    const double variance = finite.select((values - mean).square(), 0.0).sum() / count;
    const double spread = 3.0 * std::sqrt(variance);
    low = std::min(low, mean - spread);
    high = std::max(high, mean + spread);
  }
  if (!std::isfinite(low) || !std::isfinite(high)) return {0.0, 1.0};  // nothing finite to show
  low = std::max(low, lowest_output(activation));
  // All values equal (e.g. every unit dead at 0): a unit-wide range starting there.
  if (!(high > low)) high = low + 1.0;
  return {low, high};
}

template <typename Scalar>
std::vector<double> activation_histogram(const nn::Matrix<Scalar>& activation,
                                         const HistogramRange& range, int bins) {
  if (bins < 1 || !(range.high > range.low)) {
    throw std::invalid_argument("activation histogram: needs at least one bin and high > low");
  }
  std::vector<double> fractions(static_cast<std::size_t>(bins), 0.0);
  const double scale = bins / (range.high - range.low);
  const double share = 1.0 / static_cast<double>(activation.size());
  for (Eigen::Index i = 0; i < activation.size(); ++i) {
    const double value = static_cast<double>(activation.data()[i]);
    if (!std::isfinite(value)) continue;
    const double position = std::floor((value - range.low) * scale);
    const int bin = static_cast<int>(std::clamp(position, 0.0, static_cast<double>(bins - 1)));
    fractions[static_cast<std::size_t>(bin)] += share;
  }
  return fractions;
}

#define DESCENT_INSTANTIATE_DYNAMICS_ACTIVATIONS(Scalar)                                        \
  template std::vector<LayerActivations<Scalar>> hidden_layer_activations(                      \
      const nn::Network<Scalar>&, const nn::Matrix<Scalar>&);                                   \
  template LocalDerivativeSummary summarize_local_derivatives(const nn::Activation&,            \
                                                              const LayerActivations<Scalar>&); \
  template HistogramRange shared_histogram_range(const nn::Activation&,                         \
                                                 const std::vector<LayerActivations<Scalar>>&); \
  template std::vector<double> activation_histogram(const nn::Matrix<Scalar>&,                  \
                                                    const HistogramRange&, int);

DESCENT_INSTANTIATE_DYNAMICS_ACTIVATIONS(float)
DESCENT_INSTANTIATE_DYNAMICS_ACTIVATIONS(double)

}  // namespace descent

#include "descent/sims/dynamics/activations.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "descent/math/rng.hpp"

using namespace descent;

namespace {

nn::NetworkConfig deep_network(nn::ActivationKind activation, nn::InitKind init, bool batch_norm,
                               bool residual) {
  nn::NetworkConfig config;
  config.input_width = 2;
  for (int layer = 0; layer < 6; ++layer) {
    nn::LayerSpec spec;
    spec.width = 16;
    spec.activation = activation;
    spec.batch_norm = batch_norm;
    spec.residual = residual && layer > 0;
    config.layers.push_back(spec);
  }
  config.layers.push_back(nn::LayerSpec{});
  config.initializer.kind = init;
  config.seed = 5;
  return config;
}

nn::Matrix<double> random_batch(int rows, std::uint64_t seed) {
  Rng rng(seed);
  nn::Matrix<double> batch(rows, 2);
  for (int i = 0; i < batch.size(); ++i) batch.data()[i] = rng.uniform(-1.0, 1.0);
  return batch;
}

}  // namespace

TEST_CASE("hidden-layer activations repeat the network's own training-mode forward pass",
          "[dynamics]") {
  for (const bool batch_norm : {false, true}) {
    for (const bool residual : {false, true}) {
      nn::Network<double> network(
          deep_network(nn::ActivationKind::kTanh, nn::InitKind::kHeNormal, batch_norm, residual));
      const nn::Matrix<double> inputs = random_batch(20, 3);
      const nn::Matrix<double> targets = nn::Matrix<double>::Zero(20, 1);
      // The copy's pass sets the diagnostics; the network we probe keeps its running statistics.
      nn::Network<double> reference = network;
      reference.loss_and_gradient(inputs, targets, nn::Loss{});
      const auto diagnostics = reference.layer_diagnostics();
      const auto layers = hidden_layer_activations(network, inputs);
      REQUIRE(layers.size() == 6);
      for (std::size_t l = 0; l < layers.size(); ++l) {
        const Eigen::ArrayXXd values = layers[l].activation.array();
        const double mean = values.mean();
        CHECK(mean == Approx(diagnostics[l].activation_mean).margin(1e-12));
        CHECK(std::sqrt((values - mean).square().mean()) ==
              Approx(diagnostics[l].activation_std).epsilon(1e-10));
      }
      if (batch_norm) {  // the probe used copies of the batch norms
        CHECK(network.batch_norm(0)->batches_tracked() == 0);
      }
    }
  }
}

TEST_CASE("GELU's derivative peaks at z = √2 with 1.128904, swish's at z ≈ 2.3994", "[dynamics]") {
  // GELU: f'' = φ(z)(2 − z²) vanishes at √2, where f' = Φ(√2) + √2·φ(√2).
  const double root2 = std::sqrt(2.0);
  CHECK(smooth_derivative_peak_location(nn::ActivationKind::kGelu) == Approx(root2).epsilon(1e-14));
  const double gelu_peak = 0.5 * (1.0 + std::erf(1.0)) +
                           root2 * std::exp(-1.0) / std::sqrt(2.0 * 3.14159265358979323846);
  CHECK(peak_local_derivative(nn::ActivationKind::kGelu) == Approx(gelu_peak).epsilon(1e-14));
  CHECK(peak_local_derivative(nn::ActivationKind::kGelu) == Approx(1.1289041).epsilon(1e-7));
  // The old constant 1.12886 was f'(1.4): the peak is above it, and above f' next to √2.
  nn::Matrix<double> nearby(1, 3);
  nearby << 1.4, root2 - 1e-3, root2 + 1e-3;
  const nn::Matrix<double> nearby_derivative =
      nn::activation_derivative(nn::Activation(nn::ActivationKind::kGelu), nearby);
  CHECK(nearby_derivative(0, 0) == Approx(1.1288618).epsilon(1e-7));
  for (int i = 0; i < 3; ++i) CHECK(nearby_derivative(0, i) < gelu_peak);

  // Swish: the largest derivative on a fine grid around its peak, within the grid's resolution.
  CHECK(smooth_derivative_peak_location(nn::ActivationKind::kSwish) ==
        Approx(2.399357).epsilon(1e-6));
  nn::Matrix<double> grid(1, 20001);
  for (int i = 0; i < grid.cols(); ++i) grid(0, i) = 1.4 + i * 1e-4;
  const double swish_grid_peak =
      nn::activation_derivative(nn::Activation(nn::ActivationKind::kSwish), grid).maxCoeff();
  CHECK(peak_local_derivative(nn::ActivationKind::kSwish) >= swish_grid_peak);
  CHECK(peak_local_derivative(nn::ActivationKind::kSwish) == Approx(swish_grid_peak).epsilon(1e-9));
  CHECK_THROWS_AS(smooth_derivative_peak_location(nn::ActivationKind::kRelu),
                  std::invalid_argument);
}

TEST_CASE("local derivatives: sigmoid peaks at 0.25, saturation is counted", "[dynamics]") {
  CHECK(peak_local_derivative(nn::ActivationKind::kSigmoid) == 0.25);
  CHECK(peak_local_derivative(nn::ActivationKind::kRelu) == 1.0);
  // The GELU peak is the largest derivative on a fine grid.
  nn::Matrix<double> grid(1, 4001);
  for (int i = 0; i < grid.cols(); ++i) grid(0, i) = -10.0 + i * 0.005;
  const double gelu_peak =
      nn::activation_derivative(nn::Activation(nn::ActivationKind::kGelu), grid).maxCoeff();
  CHECK(peak_local_derivative(nn::ActivationKind::kGelu) == Approx(gelu_peak).epsilon(1e-4));

  LayerActivations<double> layer;
  layer.pre_activation.resize(1, 4);
  layer.pre_activation << 0.0, 10.0, -10.0, 1.0;
  const nn::Activation sigmoid(nn::ActivationKind::kSigmoid);
  layer.activation = nn::activate(sigmoid, layer.pre_activation);
  const LocalDerivativeSummary summary = summarize_local_derivatives(sigmoid, layer);
  CHECK(summary.saturated_fraction == 0.5);  // ±10: σ' ≈ 4.5·10⁻⁵ < 0.025
  const auto sigmoid_derivative = [](double z) {
    const double a = 1.0 / (1.0 + std::exp(-z));
    return a * (1.0 - a);
  };
  const double expected = (0.25 + 2 * sigmoid_derivative(10.0) + sigmoid_derivative(1.0)) / 4;
  CHECK(summary.mean == Approx(expected).epsilon(1e-9));
  CHECK(summary.non_finite_fraction == 0.0);
}

TEST_CASE("naive [0, 1) weights saturate a deep sigmoid network; He leaves half of ReLU's at 0",
          "[dynamics]") {
  const nn::Matrix<double> inputs = random_batch(64, 9);
  const nn::Activation sigmoid(nn::ActivationKind::kSigmoid);
  nn::Network<double> saturated(
      deep_network(nn::ActivationKind::kSigmoid, nn::InitKind::kNaiveUniform, false, false));
  const auto sigmoid_layers = hidden_layer_activations(saturated, inputs);
  // z sums 16 positive weights times outputs near 1: deep in the flat tail.
  CHECK(summarize_local_derivatives(sigmoid, sigmoid_layers.back()).saturated_fraction == 1.0);
  const HistogramRange unit{0.0, 1.0};
  const auto histogram = activation_histogram(sigmoid_layers.back().activation, unit, 10);
  CHECK(histogram.back() == 1.0);  // every value in the top bin

  const nn::Activation relu(nn::ActivationKind::kRelu);
  nn::Network<double> he(
      deep_network(nn::ActivationKind::kRelu, nn::InitKind::kHeNormal, false, false));
  for (const auto& layer : hidden_layer_activations(he, inputs)) {
    const auto summary = summarize_local_derivatives(relu, layer);
    CHECK(summary.saturated_fraction == Approx(0.5).margin(0.2));  // ReLU' = 0: inactive
  }
}

TEST_CASE("histograms share one range and keep every finite value", "[dynamics]") {
  const nn::Activation relu(nn::ActivationKind::kRelu);
  std::vector<LayerActivations<double>> layers(2);
  layers[0].activation.resize(1, 4);
  layers[0].activation << 0.0, 0.0, 1.0, 3.0;
  layers[1].activation.resize(1, 4);
  layers[1].activation << 0.0, 100.0, std::nan(""), 2.0;
  const HistogramRange range = shared_histogram_range(relu, layers);
  CHECK(range.low == 0.0);  // ReLU's outputs stop at 0
  CHECK(range.high > 100.0);
  const auto first = activation_histogram(layers[1].activation, {0.0, 10.0}, 5);
  CHECK(first[0] == 0.25);  // 0
  CHECK(first[1] == 0.25);  // 2
  CHECK(first[4] == 0.25);  // 100, beyond the range: counted at the edge
  CHECK(std::accumulate(first.begin(), first.end(), 0.0) == 0.75);  // NaN left out
  CHECK(shared_histogram_range(nn::Activation(nn::ActivationKind::kTanh), layers).low == -1.0);
  // All values equal: a unit-wide range.
  std::vector<LayerActivations<double>> dead(1);
  dead[0].activation = nn::Matrix<double>::Zero(3, 3);
  const HistogramRange flat = shared_histogram_range(relu, dead);
  CHECK(flat.low == 0.0);
  CHECK(flat.high == 1.0);
  CHECK_THROWS_AS(activation_histogram(dead[0].activation, {1.0, 1.0}, 4), std::invalid_argument);
}

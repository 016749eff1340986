#include "descent/sims/init_propagation.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

using namespace descent;

namespace {

InitPropagationConfig config_for(nn::InitKind init, nn::ActivationKind activation) {
  InitPropagationConfig config;
  config.initializer.kind = init;
  config.activation = nn::Activation(activation);
  config.width = 64;
  config.depth = 10;
  config.samples = 512;
  config.seed = 3;
  return config;
}

}  // namespace

TEST_CASE("linear layers multiply the variance by n·Var(w) per layer, as theory says",
          "[init_propagation]") {
  for (auto init : {nn::InitKind::kXavierNormal, nn::InitKind::kHeNormal,
                    nn::InitKind::kNaiveNormal, nn::InitKind::kXavierUniform}) {
    const InitPropagation run =
        propagate_initialisation(config_for(init, nn::ActivationKind::kLinear));
    const double factor = 64 * run.weight_variance_theory;
    CHECK(run.weight_variance == Approx(run.weight_variance_theory).epsilon(0.08));
    CHECK(run.input_variance == Approx(1.0).epsilon(0.05));
    for (int layer : {1, 5, 10}) {
      const double theory = std::pow(factor, layer);
      INFO(nn::initializer_name(init) << " layer " << layer);
      // Sampling error grows with depth (each layer's weights are one random draw).
      CHECK(run.preactivation_variance[layer - 1] == Approx(theory).epsilon(0.1 + 0.05 * layer));
    }
  }
}

TEST_CASE("ReLU with He keeps Var(z) ≈ 2 layer after layer; Xavier halves it per layer",
          "[init_propagation]") {
  // E[ReLU(z)²] = Var(z)/2, so Var(z_next) = n·Var(w)·Var(z)/2: ×1 for He, ×1/2 for Xavier.
  // Finite width makes the per-layer factor itself random (spread ~ a few / width), so the
  // check is tight at layer 1 and looser with depth.
  for (int seed : {1, 3}) {
    InitPropagationConfig config = config_for(nn::InitKind::kHeNormal, nn::ActivationKind::kRelu);
    config.seed = static_cast<std::uint64_t>(seed);
    const InitPropagation he = propagate_initialisation(config);
    CHECK(he.preactivation_variance[0] == Approx(2.0).epsilon(0.1));
    for (int layer = 2; layer <= 5; ++layer) {
      CHECK(he.preactivation_variance[layer - 1] == Approx(2.0).epsilon(0.35));
    }
    config.initializer.kind = nn::InitKind::kXavierNormal;
    const InitPropagation xavier = propagate_initialisation(config);
    CHECK(xavier.preactivation_variance[0] == Approx(1.0).epsilon(0.1));
    for (int layer = 2; layer <= 5; ++layer) {
      const double ratio =
          xavier.preactivation_variance[layer - 1] / xavier.preactivation_variance[layer - 2];
      CHECK(ratio == Approx(0.5).epsilon(0.3));
    }
  }
}

TEST_CASE("the seeds' comparison: naive weights blow the variance up to about a million",
          "[init_propagation]") {
  InitPropagationConfig naive = config_for(nn::InitKind::kNaiveNormal, nn::ActivationKind::kRelu);
  naive.width = 32;
  const InitPropagation blown = propagate_initialisation(naive);
  // 32 inputs × Var 1 ÷ 2 (ReLU) = 16 per layer: 32·16⁴ ≈ 2.1e6 at layer 5.
  CHECK(blown.preactivation_variance[4] > 5e5);
  CHECK(blown.preactivation_variance[4] < 1e7);
  // tanh squashes: with Xavier, Var(z₂) = n·(1/n)·E[tanh(z₁)²] ≈ 0.394 for z₁ ~ N(0, 1).
  const InitPropagation tanh =
      propagate_initialisation(config_for(nn::InitKind::kXavierNormal, nn::ActivationKind::kTanh));
  CHECK(tanh.preactivation_variance[1] == Approx(0.394).epsilon(0.1));
  CHECK(tanh.activation_variance[0] == Approx(0.394).epsilon(0.05));
}

TEST_CASE("histograms: one row per shown layer, fractions summing to 1", "[init_propagation]") {
  const InitPropagation run =
      propagate_initialisation(config_for(nn::InitKind::kXavierNormal, nn::ActivationKind::kTanh));
  REQUIRE(run.histograms.size() == 3 * 40);
  for (int row = 0; row < 3; ++row) {
    const double total = std::accumulate(run.histograms.begin() + row * 40,
                                         run.histograms.begin() + (row + 1) * 40, 0.0);
    CHECK(total == Approx(1.0));
  }
  CHECK(run.histogram_low == -1.0);
  CHECK(run.histogram_high == 1.0);
  const double weights = std::accumulate(run.weight_counts.begin(), run.weight_counts.end(), 0.0);
  CHECK(weights == 64.0 * 64.0);
  // Same seed, same numbers.
  const InitPropagation again =
      propagate_initialisation(config_for(nn::InitKind::kXavierNormal, nn::ActivationKind::kTanh));
  CHECK(again.preactivation_variance == run.preactivation_variance);
}

TEST_CASE("init propagation input is checked", "[init_propagation]") {
  InitPropagationConfig config = config_for(nn::InitKind::kHeNormal, nn::ActivationKind::kRelu);
  config.width = 1;
  CHECK(validate_init_propagation(config) != "");
  config = config_for(nn::InitKind::kHeNormal, nn::ActivationKind::kSoftmax);
  CHECK(validate_init_propagation(config) != "");
  config = config_for(nn::InitKind::kHeNormal, nn::ActivationKind::kRelu);
  config.shown_layers = {5, 1};
  CHECK(validate_init_propagation(config) != "");
  config.shown_layers = {11};
  CHECK(validate_init_propagation(config) != "");
  CHECK_THROWS_AS(propagate_initialisation(config), std::invalid_argument);
}

TEST_CASE("init propagation accepts exactly the catalog's choices and limits",
          "[init_propagation]") {
  // activationCatalog() gives the widget these lists and limits: each is what validation enforces.
  for (const auto& name : init_propagation_initializer_names()) {
    InitPropagationConfig config;
    REQUIRE(nn::initializer_from_name(name, config.initializer) == "");
    CHECK(validate_init_propagation(config) == "");
  }
  for (const auto& name : init_propagation_activation_names()) {
    InitPropagationConfig config;
    REQUIRE(nn::activation_from_name(name, config.activation) == "");
    CHECK(validate_init_propagation(config) == "");
  }
  InitPropagationConfig config = config_for(nn::InitKind::kZeros, nn::ActivationKind::kTanh);
  CHECK(validate_init_propagation(config) ==
        "initializer: \"zeros\" is not offered here (valid: naive_normal, naive_uniform, normal, "
        "xavier_normal, xavier_uniform, he_normal, he_uniform)");
  config = config_for(nn::InitKind::kXavierNormal, nn::ActivationKind::kSwish);
  CHECK(validate_init_propagation(config) ==
        "activation: \"swish\" is not offered here (valid: tanh, relu, sigmoid, linear, gelu)");
  config = InitPropagationConfig{};
  config.width = kMaxInitWidth;
  CHECK(validate_init_propagation(config) == "");
  config.width = kMaxInitWidth + 1;
  CHECK(validate_init_propagation(config) == "width must be between 2 and 128");
  config = InitPropagationConfig{};
  config.depth = kMaxInitDepth + 1;
  CHECK(validate_init_propagation(config) == "depth must be between 1 and 20");
  config = InitPropagationConfig{};
  config.samples = kMaxInitSamples + 1;
  CHECK(validate_init_propagation(config) == "samples must be between 2 and 512");
  config = InitPropagationConfig{};
  config.bins = kMaxInitBins + 1;
  CHECK(validate_init_propagation(config) == "bins must be between 4 and 200");
}

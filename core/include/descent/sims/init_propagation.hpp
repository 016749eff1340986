#pragma once
// The weight-initialisation panel of <descent-activations>: how the variance of a signal changes as
// it passes through a deep stack of equal-width dense layers (no bias) whose weights are drawn by
// one initialiser, z = a·W, a = f(z). Inputs are N(0, 1), so the variance starts at 1.0; the
// seeds' "naive 1.0 → 1.2M, Xavier 1.0 → 0.85" is this variance a few layers in. Everything is
// sampled: the weights by nn::initialize_weights, the inputs by the same seeded Rng.
#include <cstdint>
#include <string>
#include <vector>

#include "descent/nn/activation.hpp"
#include "descent/nn/initializer.hpp"

namespace descent {

constexpr int kMinInitWidth = 2;
constexpr int kMaxInitWidth = 128;
constexpr int kMinInitDepth = 1;
constexpr int kMaxInitDepth = 20;
constexpr int kMinInitSamples = 2;
constexpr int kMaxInitSamples = 512;
constexpr int kMinInitBins = 4;
constexpr int kMaxInitBins = 200;

// The initialisers the panel compares, in the order it lists them: the naive draws first, then a
// small normal (σ = nn::Initializer's default 0.01), then Xavier and He. validate_init_propagation
// accepts only these.
const std::vector<std::string>& init_propagation_initializer_names();
// The layers' activations the panel offers (elementwise kinds), in its order; only these are
// accepted.
const std::vector<std::string>& init_propagation_activation_names();

struct InitPropagationConfig {
  nn::Initializer initializer{nn::InitKind::kXavierNormal};
  nn::Activation activation{nn::ActivationKind::kTanh};  // elementwise kinds only
  int width = 64;                                        // units per layer, and the input width
  int depth = 10;                                        // layers
  int samples = 256;                                     // input rows
  int bins = 40;
  std::uint64_t seed = 1;
  std::vector<int> shown_layers = {1, 5,
                                   10};  // layers with a histogram: 1-based, increasing, ≤ depth
};

// "" when valid, otherwise what is wrong.
std::string validate_init_propagation(const InitPropagationConfig& config);

struct InitPropagation {
  // The first layer's weights: histogram over [−weight_limit, weight_limit] (the largest |w|).
  std::vector<double> weight_counts;
  double weight_limit = 0.0;
  double weight_variance = 0.0;         // sample variance of those weights
  double weight_variance_theory = 0.0;  // nn::initializer_moments
  double input_variance = 0.0;          // sample variance of the N(0, 1) inputs
  // Per layer 1..depth, over every sample and unit.
  std::vector<double> preactivation_variance;  // Var(z)
  std::vector<double> activation_variance;     // Var(f(z))
  std::vector<double> activation_mean;
  std::vector<double> saturated_fraction;  // f'(z) below kSaturatedDerivativeFraction × peak
  // Histograms of f(z) of the shown layers on one shared range, shown_layers.size() × bins,
  // fractions of all activations (dynamics_activations.hpp's shared_histogram_range).
  std::vector<int> shown_layers;
  std::vector<double> histograms;
  double histogram_low = 0.0;
  double histogram_high = 1.0;
};

// Throws std::invalid_argument for an invalid config.
InitPropagation propagate_initialisation(const InitPropagationConfig& config);

}  // namespace descent

#pragma once
// What the training-dynamics explorer shows about each hidden layer's activations: the values
// f(z) the layer computes on a batch, in training mode, binned into histograms on one shared range
// (saturated sigmoids pile up at 0 and 1, dead ReLUs at 0), and the local derivatives f'(z) that
// the backward pass multiplies the gradient by (the "product of local derivatives").
//
// Network keeps the activations of its last pass private, so layer_activations re-runs the
// training-mode forward pass from the network's public pieces (dense weights, a copy of each batch
// norm): z = X·W + b → [batch norm with the batch's statistics] → f → [+ X, residual]. Dropout is
// left out: the explorer never uses it. The result matches Network::loss_and_gradient's forward
// pass up to float rounding (tested against the trainer's recorded activation statistics).
#include <vector>

#include "descent/nn/activation.hpp"
#include "descent/nn/network.hpp"
#include "descent/nn/tensor.hpp"

namespace descent {

// f'(z) below this fraction of f's largest derivative counts as saturated (or dead): such a unit
// passes back less than a tenth of the gradient its best case would.
constexpr double kSaturatedDerivativeFraction = 0.1;

// One hidden layer on one batch (one row per sample, one column per unit).
template <typename Scalar>
struct LayerActivations {
  nn::Matrix<Scalar> pre_activation;  // f's input: z, or the batch norm's output
  nn::Matrix<Scalar> activation;      // f's output, before the residual add
};

// The hidden layers (every layer but the output layer), input side first, in training mode.
// Throws std::invalid_argument like Network::predict for a batch of the wrong width, and for a
// one-sample batch when a layer has batch norm.
template <typename Scalar>
std::vector<LayerActivations<Scalar>> hidden_layer_activations(const nn::Network<Scalar>& network,
                                                               const nn::Matrix<Scalar>& inputs);

// The largest value of f'(z) over all z: 0.25 for sigmoid, ≈ 1.128904 for GELU (at z = √2),
// ≈ 1.099839 for swish (at z ≈ 2.3994), 1 for tanh and the ReLU family (and linear). Throws
// std::invalid_argument for softmax.
double peak_local_derivative(const nn::Activation& activation);

// Where GELU's or swish's derivative peaks: the root of f''(z) = 0, found by bisection in double
// (computed once). Throws std::invalid_argument for the other activations.
double smooth_derivative_peak_location(nn::ActivationKind kind);

// Per-layer summary of the local derivatives over the batch and the units.
struct LocalDerivativeSummary {
  double mean;                 // mean f'(z): how much the layer scales the gradient passing back
  double saturated_fraction;   // fraction with f'(z) < kSaturatedDerivativeFraction · peak
  double non_finite_fraction;  // fraction of activations that are NaN or ±Inf
};

template <typename Scalar>
LocalDerivativeSummary summarize_local_derivatives(const nn::Activation& activation,
                                                   const LayerActivations<Scalar>& layer);

// A range [low, high] that every histogram of one batch shares, so the layers can be compared:
// sigmoid [0, 1] and tanh [−1, 1] (their whole output range); otherwise from the lowest
// mean − 3·std to the highest mean + 3·std over the layers' finite values, cut at f's lower bound
// (0 for ReLU, ≈ −0.17 for GELU). high > low always.
struct HistogramRange {
  double low;
  double high;
};

template <typename Scalar>
HistogramRange shared_histogram_range(const nn::Activation& activation,
                                      const std::vector<LayerActivations<Scalar>>& layers);

// Fraction of the layer's finite activations in each of `bins` equal bins over the range; values
// beyond the range count in the end bins (so a long tail shows at the edge instead of vanishing).
// The fractions are of all activations, so they sum to 1 − non-finite fraction.
template <typename Scalar>
std::vector<double> activation_histogram(const nn::Matrix<Scalar>& activation,
                                         const HistogramRange& range, int bins);

}  // namespace descent

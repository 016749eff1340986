#pragma once
// What the activation explorer (<descent-activations>) shows about one activation function, from
// the core's activations (nn/activation.hpp): f(z) and f'(z) on the same axes, the largest
// derivative and where it is reached (sigmoid: 0.25 at z = 0), the saturated region where
// f'(z) < kSaturatedDerivativeFraction × that maximum, a probe point, and softmax of a vector.
#include <cstdint>
#include <string>
#include <vector>

#include "descent/nn/activation.hpp"

namespace descent {

constexpr int kMinActivationSamples = 2;
constexpr int kMaxActivationSamples = 4001;
constexpr int kMaxSoftmaxSize = 32;

// The functions the explorer offers, in nn::activation_names() order: every activation but linear
// (a straight line has no saturation to show). Softmax is drawn as bars of a vector (softmax_of),
// the others as curves (activation_curves).
const std::vector<std::string>& explorer_activation_names();

struct ActivationCurveRequest {
  nn::Activation activation{nn::ActivationKind::kSigmoid};  // elementwise kinds only
  double from = -6.0;                                       // the z range sampled, from < to
  double to = 6.0;
  int samples = 241;
  double probe = 0.0;  // z of the probe point (any finite value, inside the range or not)
};

// "" when valid: an elementwise, valid activation, finite from < to, samples in range, finite
// probe.
std::string validate_activation_curve_request(const ActivationCurveRequest& request);

struct ActivationCurves {
  std::vector<double> input;
  std::vector<double> value;            // f(z)
  std::vector<double> derivative;       // f'(z)
  std::vector<std::uint8_t> saturated;  // 1 where f'(z) < kSaturatedDerivativeFraction × peak
  double peak_derivative = 0.0;         // max over all z of f'(z) (dynamics_activations.hpp)
  double peak_at = 0.0;           // the sampled z where f' is largest (the first, if it is flat)
  double probe_value = 0.0;       // f(probe)
  double probe_derivative = 0.0;  // f'(probe)
};

// Throws std::invalid_argument for an invalid request.
ActivationCurves activation_curves(const ActivationCurveRequest& request);

// softmax of one vector of logits (1..kMaxSoftmaxSize finite entries), divided by temperature T > 0
// first: softmax(z / T). "" or what is wrong.
std::string validate_softmax_input(const std::vector<double>& logits, double temperature);
std::vector<double> softmax_of(const std::vector<double>& logits, double temperature);

}  // namespace descent

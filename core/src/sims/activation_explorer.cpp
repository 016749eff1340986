#include "descent/sims/activation_explorer.hpp"

#include <cmath>
#include <stdexcept>

#include "descent/sims/dynamics/activations.hpp"

namespace descent {
namespace {

using nn::Matrix;

}  // namespace

const std::vector<std::string>& explorer_activation_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> shown;
    for (const auto& name : nn::activation_names()) {
      if (name != nn::activation_name(nn::ActivationKind::kLinear)) shown.push_back(name);
    }
    return shown;
  }();
  return names;
}

std::string validate_activation_curve_request(const ActivationCurveRequest& request) {
  if (auto message = nn::validate_activation(request.activation); !message.empty()) return message;
  if (!nn::is_elementwise(request.activation.kind)) {
    return "softmax acts on a whole vector: it has no curve f(z)";
  }
  if (!std::isfinite(request.from) || !std::isfinite(request.to) || !(request.from < request.to)) {
    return "the z range needs finite from < to";
  }
  if (request.samples < kMinActivationSamples || request.samples > kMaxActivationSamples) {
    return "samples must be between " + std::to_string(kMinActivationSamples) + " and " +
           std::to_string(kMaxActivationSamples);
  }
  if (!std::isfinite(request.probe)) return "the probe must be a finite number";
  return "";
}

ActivationCurves activation_curves(const ActivationCurveRequest& request) {
  if (auto message = validate_activation_curve_request(request); !message.empty()) {
    throw std::invalid_argument(message);
  }
  const int n = request.samples;
  // The probe rides along as one more row, so one activate / derivative call covers everything.
  Matrix<double> z(n + 1, 1);
  for (int i = 0; i < n; ++i) z(i, 0) = request.from + (request.to - request.from) * i / (n - 1);
  z(n, 0) = request.probe;
  const Matrix<double> value = nn::activate(request.activation, z);
  const Matrix<double> derivative = nn::activation_derivative(request.activation, z);

  ActivationCurves curves;
  curves.peak_derivative = peak_local_derivative(request.activation);
  const double threshold = kSaturatedDerivativeFraction * curves.peak_derivative;
  int best = 0;
  for (int i = 0; i < n; ++i) {
    curves.input.push_back(z(i, 0));
    curves.value.push_back(value(i, 0));
    curves.derivative.push_back(derivative(i, 0));
    curves.saturated.push_back(std::abs(derivative(i, 0)) < threshold ? 1 : 0);
    if (derivative(i, 0) > derivative(best, 0)) best = i;
  }
  curves.peak_at = z(best, 0);
  curves.probe_value = value(n, 0);
  curves.probe_derivative = derivative(n, 0);
  return curves;
}

std::string validate_softmax_input(const std::vector<double>& logits, double temperature) {
  if (logits.empty() || static_cast<int>(logits.size()) > kMaxSoftmaxSize) {
    return "softmax needs between 1 and " + std::to_string(kMaxSoftmaxSize) + " logits";
  }
  for (double z : logits) {
    if (!std::isfinite(z)) return "every logit must be a finite number";
  }
  if (!std::isfinite(temperature) || temperature <= 0.0) {
    return "the temperature must be a finite number > 0";
  }
  return "";
}

std::vector<double> softmax_of(const std::vector<double>& logits, double temperature) {
  if (auto message = validate_softmax_input(logits, temperature); !message.empty()) {
    throw std::invalid_argument(message);
  }
  const int k = static_cast<int>(logits.size());
  Matrix<double> row(1, k);
  for (int j = 0; j < k; ++j) row(0, j) = logits[j] / temperature;
  const Matrix<double> p = nn::activate(nn::Activation(nn::ActivationKind::kSoftmax), row);
  return std::vector<double>(p.data(), p.data() + k);
}

}  // namespace descent

#include "descent/sims/activation_explorer.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

using namespace descent;

namespace {

ActivationCurveRequest request_for(nn::ActivationKind kind, double probe = 0.0) {
  ActivationCurveRequest request;
  request.activation = nn::Activation(kind);
  request.from = -6.0;
  request.to = 6.0;
  request.samples = 241;  // a step of 0.05: z = 0 is sample 120
  request.probe = probe;
  return request;
}

}  // namespace

TEST_CASE("sigmoid: the derivative peaks at 0.25 at z = 0 and saturates in both tails",
          "[activation_explorer]") {
  const ActivationCurves curves = activation_curves(request_for(nn::ActivationKind::kSigmoid, 2.0));
  CHECK(curves.peak_derivative == 0.25);
  CHECK(curves.peak_at == Approx(0.0).margin(1e-12));
  CHECK(curves.derivative[120] == Approx(0.25));
  CHECK(curves.value[120] == Approx(0.5));
  // σ'(z) < 0.025 ⇔ |z| > 3.64: saturated at both ends, not in the middle.
  CHECK(curves.saturated.front() == 1);
  CHECK(curves.saturated.back() == 1);
  CHECK(curves.saturated[120] == 0);
  CHECK(curves.saturated[120 + 72] == 0);  // z = 3.6
  CHECK(curves.saturated[120 + 74] == 1);  // z = 3.7
  const double s = 1.0 / (1.0 + std::exp(-2.0));
  CHECK(curves.probe_value == Approx(s));
  CHECK(curves.probe_derivative == Approx(s * (1 - s)));
}

TEST_CASE("each activation's sampled derivative matches central differences of its values",
          "[activation_explorer]") {
  for (auto kind : {nn::ActivationKind::kSigmoid, nn::ActivationKind::kTanh,
                    nn::ActivationKind::kElu, nn::ActivationKind::kGelu, nn::ActivationKind::kSwish,
                    nn::ActivationKind::kRelu, nn::ActivationKind::kLeakyRelu}) {
    const ActivationCurves curves = activation_curves(request_for(kind));
    const double h = curves.input[1] - curves.input[0];
    for (std::size_t i = 1; i + 1 < curves.input.size(); ++i) {
      if (std::abs(curves.input[i]) < 2 * h) continue;  // ReLU, leaky ReLU and ELU kinks at 0
      const double numeric = (curves.value[i + 1] - curves.value[i - 1]) / (2 * h);
      INFO(nn::activation_name(kind) << " at " << curves.input[i]);
      CHECK(curves.derivative[i] == Approx(numeric).margin(2e-3));
    }
    // The marked peak is the largest sampled derivative, at most the true peak.
    const double sampled_max =
        *std::max_element(curves.derivative.begin(), curves.derivative.end());
    CHECK(sampled_max <= curves.peak_derivative + 1e-5);  // the peak constants have 6 digits
    CHECK(sampled_max == Approx(curves.peak_derivative).epsilon(1e-3));
  }
}

TEST_CASE("ReLU is 'saturated' (dead) exactly for z < 0", "[activation_explorer]") {
  const ActivationCurves curves = activation_curves(request_for(nn::ActivationKind::kRelu));
  for (std::size_t i = 0; i < curves.input.size(); ++i) {
    CHECK(curves.saturated[i] == (curves.input[i] <= 0.0 ? 1 : 0));
  }
}

TEST_CASE("softmax of a vector sums to 1 and follows the temperature", "[activation_explorer]") {
  const std::vector<double> p = softmax_of({2.0, 1.0, 0.1}, 1.0);
  CHECK(std::accumulate(p.begin(), p.end(), 0.0) == Approx(1.0));
  CHECK(p[0] == Approx(0.659).epsilon(1e-3));
  CHECK(p[1] == Approx(0.2424).epsilon(1e-3));
  CHECK(p[2] == Approx(0.099).epsilon(1e-2));
  const std::vector<double> hot = softmax_of({2.0, 1.0, 0.1}, 100.0);
  CHECK(hot[0] == Approx(1.0 / 3).epsilon(0.02));
  const std::vector<double> cold = softmax_of({2.0, 1.0, 0.1}, 0.01);
  CHECK(cold[0] == Approx(1.0));
  // Large logits do not overflow.
  CHECK(softmax_of({1000.0, 1000.0}, 1.0)[0] == Approx(0.5));
}

TEST_CASE("activation explorer input is checked", "[activation_explorer]") {
  ActivationCurveRequest request = request_for(nn::ActivationKind::kSoftmax);
  CHECK(validate_activation_curve_request(request) != "");
  request = request_for(nn::ActivationKind::kSigmoid);
  request.to = request.from;
  CHECK(validate_activation_curve_request(request) != "");
  request = request_for(nn::ActivationKind::kSigmoid, NAN);
  CHECK(validate_activation_curve_request(request) != "");
  CHECK_THROWS_AS(activation_curves(request), std::invalid_argument);
  CHECK(validate_softmax_input({}, 1.0) != "");
  CHECK(validate_softmax_input({1.0}, 0.0) != "");
  CHECK(validate_softmax_input({INFINITY}, 1.0) != "");
}

TEST_CASE("the explorer's catalog: every activation but linear, and the samples it accepts",
          "[activation_explorer]") {
  // activationCatalog() gives the widget this list and these limits.
  CHECK(explorer_activation_names() == std::vector<std::string>{"sigmoid", "tanh", "relu",
                                                                "leaky_relu", "elu", "gelu",
                                                                "swish", "softmax"});
  for (const auto& name : explorer_activation_names()) {
    ActivationCurveRequest request;
    REQUIRE(nn::activation_from_name(name, request.activation) == "");
    // Softmax is drawn from softmax_of; every other one is a curve.
    CHECK((validate_activation_curve_request(request) == "") == (name != "softmax"));
  }
  ActivationCurveRequest request = request_for(nn::ActivationKind::kSigmoid);
  request.samples = kMaxActivationSamples;
  CHECK(validate_activation_curve_request(request) == "");
  request.samples = kMaxActivationSamples + 1;
  CHECK(validate_activation_curve_request(request) == "samples must be between 2 and 4001");
  CHECK(validate_softmax_input(std::vector<double>(kMaxSoftmaxSize, 0.0), 1.0) == "");
  CHECK(validate_softmax_input(std::vector<double>(kMaxSoftmaxSize + 1, 0.0), 1.0) ==
        "softmax needs between 1 and 32 logits");
}

#include "descent/sims/dynamics/verdict.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

using namespace descent;

namespace {
constexpr double kLoss = 0.69;  // about ln 2: a network that has not learnt yet
}

TEST_CASE("verdict: layer 1 with a fair share of the gradient is healthy", "[dynamics]") {
  CHECK(classify_gradient_flow({0.05, 0.2, 0.1}, kLoss) == FlowVerdict::kHealthy);
  // A first layer getting more than the rest (batch norm does this) is no problem by itself.
  CHECK(classify_gradient_flow({5.0, 0.5, 0.3}, kLoss) == FlowVerdict::kHealthy);
}

TEST_CASE("verdict: the ratio of layer 1 to the strongest layer grades fading and vanishing",
          "[dynamics]") {
  CHECK(gradient_flow_ratio({0.001, 0.5, 0.1}) == Approx(0.002));
  CHECK(classify_gradient_flow({0.01, 0.5, 0.1}, kLoss) == FlowVerdict::kHealthy);    // 1/50
  CHECK(classify_gradient_flow({0.009, 0.5, 0.1}, kLoss) == FlowVerdict::kFading);    // < 1/50
  CHECK(classify_gradient_flow({6e-5, 0.5, 0.1}, kLoss) == FlowVerdict::kFading);     // > 10⁻⁴
  CHECK(classify_gradient_flow({4e-5, 0.5, 0.1}, kLoss) == FlowVerdict::kVanishing);  // < 10⁻⁴
  CHECK(classify_gradient_flow({0.0, 0.5, 0.1}, kLoss) == FlowVerdict::kVanishing);
}

TEST_CASE("verdict: gradients tiny for the loss are vanishing, tiny for a fitted net are not",
          "[dynamics]") {
  // A flat profile far below the loss: nothing flows anywhere (e.g. weights far too small).
  CHECK(classify_gradient_flow({3e-5, 5e-5, 4e-5}, kLoss) == FlowVerdict::kVanishing);
  CHECK(classify_gradient_flow({0.0, 0.0, 0.0}, kLoss) == FlowVerdict::kVanishing);
  // The same norms once the loss is 10⁻⁷, or 0.04: the network has fitted the data.
  CHECK(classify_gradient_flow({3e-5, 5e-5, 4e-5}, 1e-7) == FlowVerdict::kHealthy);
  CHECK(classify_gradient_flow({3e-6, 5e-6, 4e-6}, 0.04) == FlowVerdict::kHealthy);
  CHECK(classify_gradient_flow({3e-6, 5e-6, 4e-6}, 0.06) == FlowVerdict::kVanishing);
}

TEST_CASE("verdict: a huge gradient anywhere explodes, a non-number is NaN", "[dynamics]") {
  CHECK(classify_gradient_flow({1e-3, 150.0, 0.1}, kLoss) == FlowVerdict::kExploding);
  CHECK(classify_gradient_flow({1e10, 1e10}, 1e9) == FlowVerdict::kExploding);
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK(classify_gradient_flow({0.1, inf}, kLoss) == FlowVerdict::kNonFinite);
  CHECK(classify_gradient_flow({0.1, nan}, kLoss) == FlowVerdict::kNonFinite);
  CHECK(classify_gradient_flow({0.1, 0.2}, nan) == FlowVerdict::kNonFinite);
  CHECK(classify_gradient_flow({0.1, 0.2}, inf) == FlowVerdict::kNonFinite);
  CHECK(classify_gradient_flow({}, kLoss) == FlowVerdict::kNonFinite);
  CHECK(std::isnan(gradient_flow_ratio({0.0, 0.0})));
}

TEST_CASE("verdict names are the widget's", "[dynamics]") {
  CHECK(flow_verdict_name(FlowVerdict::kHealthy) == "healthy");
  CHECK(flow_verdict_name(FlowVerdict::kFading) == "fading");
  CHECK(flow_verdict_name(FlowVerdict::kVanishing) == "vanishing");
  CHECK(flow_verdict_name(FlowVerdict::kExploding) == "exploding");
  CHECK(flow_verdict_name(FlowVerdict::kNonFinite) == "nan");
}

#include "descent/sims/conv/convolution_costs.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

using namespace descent;

TEST_CASE("the seed's Inception bottleneck: 1.18 M weights become 311 k", "[conv][costs]") {
  const ConvolutionCosts costs = convolution_costs(ConvolutionCostRequest{});
  // 28×28×256 → 512 with 3×3: 512·3·3·256 = 1,179,648 ("≈ 1.1 million").
  CHECK(costs.standard.weights == 1179648);
  CHECK(costs.standard.multiply_adds == 1179648LL * 28 * 28);
  // 1×1 to 64: 64·256 = 16,384 ("16k"); 3×3 from 64: 512·3·3·64 = 294,912 ("294k").
  CHECK(costs.reduction.weights == 16384);
  CHECK(costs.bottlenecked.weights == 294912);
  CHECK(costs.bottleneck.weights == 311296);  // "310k", "~3.5× reduction"
  CHECK(static_cast<double>(costs.standard.weights) / costs.bottleneck.weights ==
        Approx(3.79).margin(0.01));
}

TEST_CASE("MobileNet's separable convolution costs 1/C_out + 1/K² of a standard one",
          "[conv][costs]") {
  ConvolutionCostRequest request;
  request.input_channels = 32;
  request.output_channels = 64;
  request.height = request.width = 112;
  const ConvolutionCosts costs = convolution_costs(request);
  CHECK(costs.depthwise.weights == 3 * 3 * 32);
  CHECK(costs.pointwise.weights == 32 * 64);
  CHECK(static_cast<double>(costs.separable.multiply_adds) / costs.standard.multiply_adds ==
        Approx(1.0 / 64 + 1.0 / 9));
}

TEST_CASE("invalid cost requests are rejected with a message", "[conv][costs]") {
  ConvolutionCostRequest request;
  request.bottleneck = 0;
  CHECK_THAT(validate_convolution_costs(request), Catch::Contains("channel counts"));
  request = ConvolutionCostRequest{};
  request.kernel = 12;
  CHECK_THROWS_AS(convolution_costs(request), std::invalid_argument);
}

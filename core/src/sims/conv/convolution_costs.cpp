#include "descent/sims/conv/convolution_costs.hpp"

#include <stdexcept>

#include "descent/math/cold_code.hpp"
#include "descent/nn/conv_arithmetic.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent {
namespace {

LayerCost layer_cost(std::int64_t in, std::int64_t out, int kernel, int groups,
                     const ConvolutionCostRequest& request) {
  return {nn::convolution_parameter_count(in, out, kernel, groups, false),
          nn::convolution_multiply_adds(in, out, kernel, groups, request.height, request.width)};
}

LayerCost sum(const LayerCost& a, const LayerCost& b) {
  return {a.weights + b.weights, a.multiply_adds + b.multiply_adds};
}

bool within(std::int64_t value, std::int64_t high) { return value >= 1 && value <= high; }

}  // namespace

std::string validate_convolution_costs(const ConvolutionCostRequest& request) {
  if (!within(request.input_channels, kMaxCostChannels) ||
      !within(request.output_channels, kMaxCostChannels) ||
      !within(request.bottleneck, kMaxCostChannels)) {
    return "channel counts must be 1 to " + std::to_string(kMaxCostChannels);
  }
  if (!within(request.height, kMaxCostSide) || !within(request.width, kMaxCostSide)) {
    return "the output must be 1 to " + std::to_string(kMaxCostSide) + " pixels a side";
  }
  if (request.kernel < 1 || request.kernel > 11) return "the kernel must be 1 to 11";
  return "";
}

ConvolutionCosts convolution_costs(const ConvolutionCostRequest& request) {
  if (auto message = validate_convolution_costs(request); !message.empty()) {
    throw std::invalid_argument(message);
  }
  const std::int64_t in = request.input_channels, out = request.output_channels;
  ConvolutionCosts costs;
  costs.standard = layer_cost(in, out, request.kernel, 1, request);
  // A depthwise layer has groups = channels: narrowing to int is safe below kMaxCostChannels.
  costs.depthwise = layer_cost(in, in, request.kernel, static_cast<int>(in), request);
  costs.pointwise = layer_cost(in, out, 1, 1, request);
  costs.separable = sum(costs.depthwise, costs.pointwise);
  costs.reduction = layer_cost(in, request.bottleneck, 1, 1, request);
  costs.bottlenecked = layer_cost(request.bottleneck, out, request.kernel, 1, request);
  costs.bottleneck = sum(costs.reduction, costs.bottlenecked);
  return costs;
}

}  // namespace descent

DESCENT_END_COLD_CODE

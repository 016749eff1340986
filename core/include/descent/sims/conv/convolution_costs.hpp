#pragma once
// The cost panel of the convolution explorer: one layer mapping C_in to C_out channels with K×K
// kernels on an H×W output, done three ways (weights only, as the seeds count; multiply-adds of
// one image, from conv_arithmetic.hpp):
//   standard     K·K·C_in·C_out weights, H·W·K·K·C_in·C_out multiply-adds
//   separable    MobileNet's depthwise K×K (K·K·C_in) then pointwise 1×1 (C_in·C_out); the
//                ratio to standard is 1/C_out + 1/K²
//   bottleneck   Inception's 1×1 down to B channels (C_in·B), then K×K from B (K·K·B·C_out)
#include <cstdint>
#include <string>

namespace descent {

constexpr std::int64_t kMaxCostChannels = 4096;
constexpr std::int64_t kMaxCostSide = 1024;

struct ConvolutionCostRequest {
  std::int64_t input_channels = 256;  // the seed's Inception example: 28×28×256 → 28×28×512
  std::int64_t output_channels = 512;
  int kernel = 3;
  std::int64_t height = 28;  // of the output
  std::int64_t width = 28;
  std::int64_t bottleneck = 64;  // B
};

struct LayerCost {
  std::int64_t weights = 0;
  std::int64_t multiply_adds = 0;
};

struct ConvolutionCosts {
  LayerCost standard;
  LayerCost depthwise, pointwise, separable;      // separable = depthwise + pointwise
  LayerCost reduction, bottlenecked, bottleneck;  // bottleneck = 1×1 reduction + K×K from B
};

// "" when channels and B are 1–kMaxCostChannels, sides 1–kMaxCostSide, the kernel 1–11.
std::string validate_convolution_costs(const ConvolutionCostRequest& request);

// Throws std::invalid_argument with validate_convolution_costs's message when invalid.
ConvolutionCosts convolution_costs(const ConvolutionCostRequest& request);

}  // namespace descent

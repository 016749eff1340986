#pragma once
// What the convolution explorer (<descent-conv>) shows for one image: a convolution layer of a few
// hand-set kernels, an activation, optional pooling, all run by the core's own modules (Conv2d,
// ActivationLayer, MaxPool2d / AvgPool2d) so the numbers are those a CNN computes. For one chosen
// cell of the convolution's output it lists the sum of products that made it; for one chosen cell
// of the final output it runs the modules backward, giving ∂cell/∂input and ∂cell/∂(conv output)
// (max pooling routes the gradient to its arg-max only, average pooling spreads it).
//
// Kernels: each filter has one K×K kernel, applied to every input channel of its group and summed
// (with groups = channels, a depthwise convolution, each filter sees one channel).
#include <cstdint>
#include <string>
#include <vector>

#include "descent/nn/activation.hpp"
#include "descent/nn/conv_arithmetic.hpp"

namespace descent {

constexpr int kMaxExplorerFilters = 8;
constexpr int kMaxExplorerKernel = 7;
constexpr int kMaxExplorerImageSide = 64;
constexpr int kMaxExplorerChannels = 3;
constexpr int kMaxExplorerPadding = 6;
constexpr int kMaxExplorerStride = 4;
constexpr int kMaxExplorerDilation = 4;

enum class PoolKind { kNone, kMax, kAverage };

// "none", "max", "average".
const char* pool_kind_name(PoolKind kind);
// "" and `kind` set, or a message listing the names.
std::string pool_kind_from_name(const std::string& name, PoolKind& kind);

// One cell of a stack of feature maps.
struct MapCell {
  int channel = 0;
  int row = 0;
  int column = 0;
};

struct ConvExplorerConfig {
  int channels = 1;  // of the input image
  int height = 28;
  int width = 28;
  std::vector<float> image;  // channels·height·width, row-major per channel
  int filters = 1;           // output channels
  nn::SlidingWindow convolution{3, 1, 0, 1};
  int groups = 1;              // divides channels and filters
  std::vector<float> kernels;  // filters·K·K: filter f's kernel, row-major
  std::vector<float> biases;   // filters values, or empty for none
  nn::Activation activation;   // after the convolution; linear by default
  PoolKind pool = PoolKind::kNone;
  nn::SlidingWindow pool_window{2, 2, 0, 1};
  MapCell explained_cell;  // of the convolution's output: its sum of products
  MapCell traced_cell;     // of the final output (pooled, or activated): its gradient
};

// "" when valid: 1–3 channels, sides 1–64, image values finite and channels·height·width of them,
// 1–8 filters, kernel 1–7, stride 1–4, padding 0–6, dilation 1–4, groups dividing channels and
// filters, filters·K·K finite kernel values, biases empty or one per filter, an elementwise
// activation, a pooling window that fits (when pooling), both cells inside their maps.
std::string validate_conv_explorer(const ConvExplorerConfig& config);

// The terms of one convolution output: z = bias + Σ input·weight.
struct CellSum {
  std::vector<int> channels, rows, columns;  // input position of each tap (outside = padding)
  std::vector<float> inputs;                 // 0 in the padding
  std::vector<float> weights;
  std::vector<float> products;
  float bias = 0.0f;
  float value = 0.0f;      // z as the layer computed it
  float activated = 0.0f;  // f(z)
};

struct ConvExplorerResult {
  int conv_height = 0, conv_width = 0;
  std::vector<float> feature_maps;  // filters·conv_height·conv_width: z before the activation
  std::vector<float> activated;     // f(z)
  int output_height = 0, output_width = 0;  // after pooling (= conv's without pooling)
  std::vector<float> pooled;                // filters·output_height·output_width, or empty
  std::int64_t parameter_count = 0;         // K·K·(C/groups)·filters + biases
  std::int64_t multiply_adds = 0;           // of the convolution, one image
  CellSum explained;
  // ∂(traced cell)/∂input (channels·height·width) and /∂(conv output z) (filters·conv maps).
  std::vector<float> input_gradient;
  std::vector<float> feature_map_gradient;
};

// Throws std::invalid_argument with validate_conv_explorer's message when invalid.
ConvExplorerResult explore_convolution(const ConvExplorerConfig& config);

}  // namespace descent

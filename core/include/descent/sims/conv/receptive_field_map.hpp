#pragma once
// Which input pixels one output cell of a stack of convolution / pooling layers sees, for the
// convolution explorer: the analytic field of every layer (conv_arithmetic.hpp's receptive_fields)
// and, pixel by pixel, the number of paths through the stack from that input pixel to the cell.
// A pixel with no path cannot change the cell; the counts pile up in the middle of the field — the
// start of Luo et al.'s (2016) observation that the effective receptive field is roughly Gaussian,
// much smaller than the theoretical one. Only the windows matter (a pooling window links the same
// pixels a kernel does), so a layer here is its SlidingWindow.
#include <string>
#include <vector>

#include "descent/nn/conv_arithmetic.hpp"

namespace descent {

constexpr int kMaxFieldLayers = 5;

struct ReceptiveFieldRequest {
  int height = 28;  // of the input
  int width = 28;
  std::vector<nn::SlidingWindow> layers;  // 1 to kMaxFieldLayers, from the input
  int row = 0;                            // the traced cell, in the last layer's output
  int column = 0;
};

// "" when valid: sides 1–kMaxExplorerImageSide, 1–kMaxFieldLayers valid windows (kernel ≤ 7,
// stride ≤ 4, dilation ≤ 4, padding ≤ 6) each leaving an output of at least 1×1, the cell inside
// the last output.
std::string validate_receptive_field_request(const ReceptiveFieldRequest& request);

struct ReceptiveFieldMap {
  std::vector<int> heights, widths;        // output extents after each layer
  std::vector<nn::ReceptiveField> fields;  // along one axis (the windows are square), per layer
  std::vector<double> paths;               // height·width path counts, row-major
  int first_row = 0, last_row = 0;         // the last layer's field for the cell, in input pixels
  int first_column = 0, last_column = 0;   // (may reach past the image into the padding)
};

// Throws std::invalid_argument with validate_receptive_field_request's message when invalid.
ReceptiveFieldMap receptive_field_map(const ReceptiveFieldRequest& request);

}  // namespace descent

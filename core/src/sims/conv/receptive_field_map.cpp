#include "descent/sims/conv/receptive_field_map.hpp"

#include <stdexcept>

#include "descent/math/cold_code.hpp"
#include "descent/sims/conv/conv_explorer.hpp"

// A few thousand additions per request: optimised for size (cold_code.hpp).
DESCENT_BEGIN_COLD_CODE

namespace descent {
namespace {

std::string window_limits(const nn::SlidingWindow& window) {
  if (window.kernel > kMaxExplorerKernel) return "kernel size must be at most 7";
  if (window.stride > kMaxExplorerStride) return "stride must be at most 4";
  if (window.dilation > kMaxExplorerDilation) return "dilation must be at most 4";
  if (window.padding > kMaxExplorerPadding) return "padding must be at most 6";
  return "";
}

}  // namespace

std::string validate_receptive_field_request(const ReceptiveFieldRequest& request) {
  if (request.height < 1 || request.height > kMaxExplorerImageSide || request.width < 1 ||
      request.width > kMaxExplorerImageSide) {
    return "the input must be 1 to " + std::to_string(kMaxExplorerImageSide) + " pixels a side";
  }
  const int count = static_cast<int>(request.layers.size());
  if (count < 1 || count > kMaxFieldLayers) {
    return "stack 1 to " + std::to_string(kMaxFieldLayers) + " layers, got " +
           std::to_string(count);
  }
  std::int64_t height = request.height, width = request.width;
  for (int l = 0; l < count; ++l) {
    const std::string owner = "layer " + std::to_string(l + 1);
    if (auto m = nn::validate_sliding_window(owner, request.layers[l]); !m.empty()) return m;
    if (auto m = window_limits(request.layers[l]); !m.empty()) return owner + ": " + m;
    height = nn::window_output_size(height, request.layers[l]);
    width = nn::window_output_size(width, request.layers[l]);
    if (height < 1 || width < 1) {
      return owner + ": its window does not fit its input (the stack shrinks the image to nothing)";
    }
  }
  if (request.row < 0 || request.row >= height || request.column < 0 || request.column >= width) {
    return "the traced cell is outside the last layer's " + std::to_string(height) + "×" +
           std::to_string(width) + " output";
  }
  return "";
}

ReceptiveFieldMap receptive_field_map(const ReceptiveFieldRequest& request) {
  if (auto message = validate_receptive_field_request(request); !message.empty()) {
    throw std::invalid_argument(message);
  }
  ReceptiveFieldMap map;
  map.fields = nn::receptive_fields(request.layers);
  std::vector<int> heights = {request.height}, widths = {request.width};
  for (const auto& window : request.layers) {
    heights.push_back(static_cast<int>(nn::window_output_size(heights.back(), window)));
    widths.push_back(static_cast<int>(nn::window_output_size(widths.back(), window)));
  }
  map.heights.assign(heights.begin() + 1, heights.end());
  map.widths.assign(widths.begin() + 1, widths.end());

  // Paths to the cell, carried back one layer at a time: every tap of an output position that has
  // paths adds them to the input position it reads.
  std::vector<double> paths(static_cast<std::size_t>(map.heights.back()) * map.widths.back(), 0.0);
  paths[static_cast<std::size_t>(request.row) * map.widths.back() + request.column] = 1.0;
  for (int l = static_cast<int>(request.layers.size()) - 1; l >= 0; --l) {
    const nn::SlidingWindow& window = request.layers[l];
    const int in_height = heights[l], in_width = widths[l];
    const int out_height = heights[l + 1], out_width = widths[l + 1];
    std::vector<double> input_paths(static_cast<std::size_t>(in_height) * in_width, 0.0);
    for (int y = 0; y < out_height; ++y) {
      for (int x = 0; x < out_width; ++x) {
        const double count = paths[static_cast<std::size_t>(y) * out_width + x];
        if (count == 0.0) continue;
        for (int i = 0; i < window.kernel; ++i) {
          const int row = y * window.stride - window.padding + i * window.dilation;
          if (row < 0 || row >= in_height) continue;
          for (int j = 0; j < window.kernel; ++j) {
            const int column = x * window.stride - window.padding + j * window.dilation;
            if (column >= 0 && column < in_width) {
              input_paths[static_cast<std::size_t>(row) * in_width + column] += count;
            }
          }
        }
      }
    }
    paths.swap(input_paths);
  }
  map.paths = std::move(paths);
  const nn::ReceptiveField& field = map.fields.back();
  map.first_row = static_cast<int>(field.first + request.row * field.jump);
  map.last_row = static_cast<int>(map.first_row + field.size - 1);
  map.first_column = static_cast<int>(field.first + request.column * field.jump);
  map.last_column = static_cast<int>(map.first_column + field.size - 1);
  return map;
}

}  // namespace descent

DESCENT_END_COLD_CODE

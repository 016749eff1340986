#include "descent/nn/conv_arithmetic.hpp"

#include <stdexcept>

#include "descent/math/cold_code.hpp"

// Validation and sizes, computed when a layer is built, never per step: optimised for size
// (cold_code.hpp).
DESCENT_BEGIN_COLD_CODE

namespace descent::nn {
namespace {

std::string check_at_least(const std::string& owner, const char* what, int value, int minimum) {
  if (value >= minimum) return "";
  return owner + ": " + what + " must be ≥ " + std::to_string(minimum) + ", got " +
         std::to_string(value);
}

// ⌊numerator / denominator⌋ for a positive denominator (C++ division truncates toward zero).
std::int64_t floor_divide(std::int64_t numerator, std::int64_t denominator) {
  const std::int64_t quotient = numerator / denominator;
  return numerator % denominator != 0 && numerator < 0 ? quotient - 1 : quotient;
}

}  // namespace

std::string validate_sliding_window(const std::string& owner, const SlidingWindow& window) {
  for (const std::string& message : {check_at_least(owner, "kernel size", window.kernel, 1),
                                     check_at_least(owner, "stride", window.stride, 1),
                                     check_at_least(owner, "padding", window.padding, 0),
                                     check_at_least(owner, "dilation", window.dilation, 1)}) {
    if (!message.empty()) return message;
  }
  return "";
}

std::int64_t dilated_kernel_size(const SlidingWindow& window) {
  return static_cast<std::int64_t>(window.dilation) * (window.kernel - 1) + 1;
}

std::int64_t window_output_size(std::int64_t input, const SlidingWindow& window) {
  const std::int64_t span =
      input + 2 * static_cast<std::int64_t>(window.padding) - dilated_kernel_size(window);
  return floor_divide(span, window.stride) + 1;
}

std::string validate_pool2d(const std::string& owner, const SlidingWindow& window, int channels,
                            int height, int width) {
  std::string message = validate_sliding_window(owner, window);
  if (!message.empty()) return message;
  if (2 * static_cast<std::int64_t>(window.padding) > dilated_kernel_size(window)) {
    return owner + ": padding must be at most half the window's span (" +
           std::to_string(dilated_kernel_size(window)) + "), got " + std::to_string(window.padding);
  }
  if (channels < 1 || height < 1 || width < 1) {
    return owner + ": the input must have at least 1 channel of 1×1, got " +
           std::to_string(channels) + " of " + std::to_string(height) + "×" + std::to_string(width);
  }
  const std::int64_t output_height = window_output_size(height, window);
  const std::int64_t output_width = window_output_size(width, window);
  if (output_height < 1 || output_width < 1) {
    return owner + ": a " + std::to_string(window.kernel) + "×" + std::to_string(window.kernel) +
           " window does not fit a " + std::to_string(height) + "×" + std::to_string(width) +
           " input";
  }
  return "";
}

std::int64_t convolution_parameter_count(std::int64_t input_channels, std::int64_t output_channels,
                                         int kernel, int groups, bool bias) {
  const std::int64_t weights =
      static_cast<std::int64_t>(kernel) * kernel * (input_channels / groups) * output_channels;
  return weights + (bias ? output_channels : 0);
}

std::int64_t convolution_multiply_adds(std::int64_t input_channels, std::int64_t output_channels,
                                       int kernel, int groups, std::int64_t output_height,
                                       std::int64_t output_width) {
  return output_height * output_width * output_channels * kernel * kernel *
         (input_channels / groups);
}

std::vector<ReceptiveField> receptive_fields(const std::vector<SlidingWindow>& layers,
                                             const ReceptiveField& input) {
  std::vector<ReceptiveField> fields;
  fields.reserve(layers.size());
  ReceptiveField field = input;
  for (std::size_t index = 0; index < layers.size(); ++index) {
    const SlidingWindow& window = layers[index];
    const std::string message =
        validate_sliding_window("receptive field: layer " + std::to_string(index + 1), window);
    if (!message.empty()) throw std::invalid_argument(message);
    field.size += (dilated_kernel_size(window) - 1) * field.jump;
    field.first -= window.padding * field.jump;
    field.jump *= window.stride;
    field.start = static_cast<double>(field.first) + static_cast<double>(field.size - 1) / 2.0;
    fields.push_back(field);
  }
  return fields;
}

}  // namespace descent::nn

DESCENT_END_COLD_CODE

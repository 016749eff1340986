// The validation of a NetworkConfig (network.hpp): widths, depths, activations, the image input and
// every layer given the input it takes, with the shapes between layers; and the layer kinds' names.
#include <stdexcept>
#include <string>
#include <vector>

#include "descent/math/cold_code.hpp"
#include "descent/math/messages.hpp"
#include "descent/nn/conv2d.hpp"
#include "descent/nn/network.hpp"

namespace descent::nn {

// Run once per network built: optimised for size.
DESCENT_BEGIN_COLD_CODE
namespace {

std::string check_width(const std::string& what, int width) {
  if (width >= 1 && width <= kMaxLayerWidth) return "";
  return what + " must be between 1 and " + std::to_string(kMaxLayerWidth) + ", got " +
         std::to_string(width);
}

}  // namespace

const char* layer_kind_name(LayerKind kind) {
  switch (kind) {
    case LayerKind::kDense:
      return "dense";
    case LayerKind::kConvolution:
      return "conv2d";
    case LayerKind::kMaxPool:
      return "max_pool2d";
    case LayerKind::kAvgPool:
      return "avg_pool2d";
    case LayerKind::kGlobalAvgPool:
      return "global_avg_pool";
    case LayerKind::kFlatten:
      return "flatten";
  }
  return "dense";
}

std::string layer_kind_from_name(const std::string& name, LayerKind& kind) {
  constexpr LayerKind kinds[] = {LayerKind::kDense,         LayerKind::kConvolution,
                                 LayerKind::kMaxPool,       LayerKind::kAvgPool,
                                 LayerKind::kGlobalAvgPool, LayerKind::kFlatten};
  std::string valid;
  for (const LayerKind candidate : kinds) {
    if (name == layer_kind_name(candidate)) {
      kind = candidate;
      return "";
    }
    valid += (valid.empty() ? "" : ", ") + std::string(layer_kind_name(candidate));
  }
  return "unknown layer kind " + quote_value(name) + " (valid: " + valid + ")";
}

namespace {

// "" when one sample's `values` fit kMaxSampleValues, else a message saying what holds them.
// (A double: a product of extents that overflows no integer type.)
std::string check_sample_values(const std::string& what, double values) {
  if (values <= kMaxSampleValues) return "";
  return what + " would hold " + std::to_string(static_cast<long long>(std::min(values, 1e18))) +
         " values per sample, more than " + std::to_string(kMaxSampleValues) +
         ": use a smaller image, fewer channels or a stride";
}

std::string check_input(const NetworkConfig& config, TensorShape& shape) {
  const ImageSize& image = config.input_image;
  if (image.channels == 0 && image.height == 0 && image.width == 0) {
    shape = TensorShape::features(1, std::max(config.input_width, 1));
    return check_width("network: input width", config.input_width);
  }
  if (image.channels < 1 || image.channels > kMaxLayerWidth || image.height < 1 ||
      image.height > kMaxImageSide || image.width < 1 || image.width > kMaxImageSide) {
    return "network: the input image needs 1 to " + std::to_string(kMaxLayerWidth) +
           " channels and sides of 1 to " + std::to_string(kMaxImageSide) + ", got " +
           std::to_string(image.channels) + " channels of " + std::to_string(image.height) + "×" +
           std::to_string(image.width);
  }
  const long long values = static_cast<long long>(image.channels) * image.height * image.width;
  std::string message =
      check_sample_values("network: the input image", static_cast<double>(values));
  if (!message.empty()) return message;
  if (config.input_width != values) {
    return "network: input width (" + std::to_string(config.input_width) +
           ") must be the input image's channels × height × width (" + std::to_string(values) + ")";
  }
  shape = TensorShape::image(1, image.channels, image.height, image.width);
  return "";
}

// What a layer of spec's kind makes of `input`: "" and its output shape in `output`, or a message.
std::string check_layer_kind(const std::string& name, const LayerSpec& spec,
                             const TensorShape& input, TensorShape& output) {
  const std::string kind = layer_kind_name(spec.kind);
  const bool image = input.layout() == TensorLayout::kImage;
  if (spec.kind == LayerKind::kDense) {
    if (image) {
      return name + " (dense) takes features, but its input is an image " + input.to_string() +
             ": put a flatten or global_avg_pool layer before it";
    }
    output = TensorShape::features(1, spec.width);
    return "";
  }
  if (spec.kind == LayerKind::kFlatten) {
    output = TensorShape::features(1, input.sample_size());
    return "";
  }
  if (!image) {
    return name + " (" + kind + ") takes images, but its input is " + input.to_string() +
           ": image layers come before any dense layer";
  }
  std::string message;
  switch (spec.kind) {
    case LayerKind::kConvolution: {
      const Conv2dSettings settings{input.channels(), spec.width, spec.window, spec.groups, true};
      message = validate_conv2d(settings, input.height(), input.width());
      if (!message.empty()) return name + ": " + message;
      const long long height = window_output_size(input.height(), spec.window);
      const long long width = window_output_size(input.width(), spec.window);
      const double positions = static_cast<double>(height) * static_cast<double>(width);
      const double taps = static_cast<double>(spec.window.kernel) * spec.window.kernel;
      message = first_message(
          {check_sample_values(name + " (conv2d): its im2col workspace",
                               positions * input.channels() * taps),
           check_sample_values(name + " (conv2d): its output", positions * spec.width)});
      if (!message.empty()) return message;
      output = TensorShape::image(1, spec.width, static_cast<int>(height), static_cast<int>(width));
      return "";
    }
    case LayerKind::kMaxPool:
    case LayerKind::kAvgPool:
      message = validate_pool2d(kind, spec.window, input.channels(), input.height(), input.width());
      if (message.empty() && spec.kind == LayerKind::kAvgPool && spec.window.dilation != 1) {
        message = "avg_pool2d: average pooling has no dilation, got " +
                  std::to_string(spec.window.dilation);
      }
      if (!message.empty()) return name + ": " + message;
      output = TensorShape::image(1, input.channels(),
                                  static_cast<int>(window_output_size(input.height(), spec.window)),
                                  static_cast<int>(window_output_size(input.width(), spec.window)));
      return "";
    case LayerKind::kGlobalAvgPool:
      output = TensorShape::features(1, input.channels());
      return "";
    case LayerKind::kDense:
    case LayerKind::kFlatten:
      break;
  }
  return "";
}

// validate_network_config, also collecting each layer's input shape.
std::string check_config(const NetworkConfig& config, std::vector<TensorShape>& shapes) {
  TensorShape shape;
  std::string message = check_input(config, shape);
  if (!message.empty()) return message;
  const int depth = static_cast<int>(config.layers.size());
  if (depth < 1 || depth > kMaxNetworkDepth) {
    return "network: the number of layers (hidden plus output) must be between 1 and " +
           std::to_string(kMaxNetworkDepth) + ", got " + std::to_string(depth);
  }
  message = validate_initializer(config.initializer);
  if (!message.empty()) return "network: " + message;
  for (int index = 0; index < depth; ++index) {
    const LayerSpec& spec = config.layers[static_cast<std::size_t>(index)];
    const std::string name = "network: layer " + std::to_string(index + 1);
    const bool dense = spec.kind == LayerKind::kDense;
    const bool output_layer = index == depth - 1;
    if (dense || spec.kind == LayerKind::kConvolution) {
      message = check_width(name + (dense ? " width" : " output channels"), spec.width);
      if (!message.empty()) return message;
    }
    shapes.push_back(shape);
    TensorShape next;
    message = check_layer_kind(name, spec, shape, next);
    if (!message.empty()) return message;
    message = validate_activation(spec.activation);
    if (!message.empty()) return name + ": " + message;
    if (output_layer && !dense) {
      return name + ": the output layer must be dense (its values are the predictions), got " +
             layer_kind_name(spec.kind);
    }
    if (spec.batch_norm) {
      if (output_layer) {
        return name + ": the output layer cannot have batch norm: its values are the " +
               "predictions, which must not depend on the rest of the batch";
      }
      if (!dense && spec.kind != LayerKind::kConvolution) {
        return name + ": batch norm is for dense and convolution layers only";
      }
      message = validate_batch_norm(spec.width, kDefaultBatchNormEps, kDefaultBatchNormMomentum);
      if (!message.empty()) return name + ": " + message;
    }
    message = validate_dropout_rate(spec.dropout_rate);
    if (!message.empty()) return name + ": " + message;
    if (output_layer && spec.dropout_rate != 0.0) {
      return name + ": the output layer cannot have dropout: it would zero predictions";
    }
    if (spec.residual) {
      if (index == 0 || output_layer) {
        return name + ": a residual connection joins two hidden layers, so neither the first " +
               "layer nor the output layer can have one";
      }
      const LayerSpec& previous = config.layers[static_cast<std::size_t>(index - 1)];
      if (!dense || previous.kind != LayerKind::kDense) {
        return name + ": a residual connection joins two dense layers";
      }
      if (previous.width != spec.width) {
        return name +
               ": a residual connection adds the layer's input to its output, so its width (" +
               std::to_string(spec.width) + ") must equal the previous layer's (" +
               std::to_string(previous.width) + ")";
      }
    }
    shape = next;
  }
  return "";
}

}  // namespace

std::string validate_network_config(const NetworkConfig& config) {
  std::vector<TensorShape> shapes;
  return check_config(config, shapes);
}

std::vector<TensorShape> layer_input_shapes(const NetworkConfig& config) {
  std::vector<TensorShape> shapes;
  const std::string message = check_config(config, shapes);
  if (!message.empty()) throw std::invalid_argument(message);
  return shapes;
}

DESCENT_END_COLD_CODE

}  // namespace descent::nn

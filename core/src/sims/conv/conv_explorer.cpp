#include "descent/sims/conv/conv_explorer.hpp"

#include <cmath>
#include <memory>
#include <stdexcept>

#include "descent/math/cold_code.hpp"
#include "descent/math/rng.hpp"
#include "descent/nn/activation_layer.hpp"
#include "descent/nn/avg_pool2d.hpp"
#include "descent/nn/conv2d.hpp"
#include "descent/nn/max_pool2d.hpp"

// Runs once per control change on one small image (the layers' own arithmetic is hot code in nn/):
// optimised for size (cold_code.hpp).
DESCENT_BEGIN_COLD_CODE

namespace descent {
namespace {

using FloatMatrix = nn::Matrix<float>;

std::string range_message(const std::string& name, int value, int low, int high) {
  if (value >= low && value <= high) return "";
  return name + " must be " + std::to_string(low) + " to " + std::to_string(high) + ", got " +
         std::to_string(value);
}

bool all_finite(const std::vector<float>& values) {
  for (float value : values) {
    if (!std::isfinite(value)) return false;
  }
  return true;
}

std::string cell_message(const std::string& name, const MapCell& cell, int channels, int height,
                         int width) {
  if (cell.channel < 0 || cell.channel >= channels || cell.row < 0 || cell.row >= height ||
      cell.column < 0 || cell.column >= width) {
    return name + " (" + std::to_string(cell.channel) + ", " + std::to_string(cell.row) + ", " +
           std::to_string(cell.column) + ") is outside the " + std::to_string(channels) + "×" +
           std::to_string(height) + "×" + std::to_string(width) + " maps";
  }
  return "";
}

nn::Conv2dSettings conv_settings(const ConvExplorerConfig& config) {
  nn::Conv2dSettings settings;
  settings.input_channels = config.channels;
  settings.output_channels = config.filters;
  settings.window = config.convolution;
  settings.groups = config.groups;
  settings.bias = !config.biases.empty();
  return settings;
}

std::size_t map_index(const MapCell& cell, int height, int width) {
  return (static_cast<std::size_t>(cell.channel) * height + cell.row) * width + cell.column;
}

// The explorer's layers, built for one image.
struct ExplorerLayers {
  nn::Conv2d<float> convolution;
  nn::ActivationLayer<float> activation;
  std::unique_ptr<nn::Module<float>> pool;  // null without pooling
};

ExplorerLayers build_layers(const ConvExplorerConfig& config) {
  Rng unused_rng(0);  // the weights are replaced below; the initializer's draws do not matter
  ExplorerLayers layers{nn::Conv2d<float>(conv_settings(config), config.height, config.width,
                                          nn::Initializer{}, unused_rng),
                        nn::ActivationLayer<float>(config.activation), nullptr};
  const int kernel = config.convolution.kernel;
  const int taps = kernel * kernel;
  const int channels_per_group = config.channels / config.groups;
  FloatMatrix weights(taps * channels_per_group, config.filters);
  for (int filter = 0; filter < config.filters; ++filter) {
    for (int channel = 0; channel < channels_per_group; ++channel) {
      for (int tap = 0; tap < taps; ++tap) {
        weights(channel * taps + tap, filter) = config.kernels[filter * taps + tap];
      }
    }
  }
  layers.convolution.set_weights(weights);
  if (!config.biases.empty()) {
    layers.convolution.set_bias(
        Eigen::Map<const nn::RowVector<float>>(config.biases.data(), config.filters));
  }
  const int height = layers.convolution.output_height(), width = layers.convolution.output_width();
  if (config.pool == PoolKind::kMax) {
    layers.pool =
        std::make_unique<nn::MaxPool2d<float>>(config.pool_window, config.filters, height, width);
  } else if (config.pool == PoolKind::kAverage) {
    layers.pool =
        std::make_unique<nn::AvgPool2d<float>>(config.pool_window, config.filters, height, width);
  }
  return layers;
}

std::vector<float> to_vector(const FloatMatrix& row) {
  return std::vector<float>(row.data(), row.data() + row.size());
}

// The taps of convolution output `cell`, read from the image the way Conv2d's im2col reads it.
CellSum explain_cell(const ConvExplorerConfig& config, const MapCell& cell,
                     const std::vector<float>& feature_maps, const std::vector<float>& activated,
                     int conv_height, int conv_width) {
  const nn::SlidingWindow& window = config.convolution;
  const int channels_per_group = config.channels / config.groups;
  const int group = cell.channel / (config.filters / config.groups);
  const int kernel = window.kernel;
  CellSum sum;
  for (int c = 0; c < channels_per_group; ++c) {
    const int channel = group * channels_per_group + c;
    for (int i = 0; i < kernel; ++i) {
      for (int j = 0; j < kernel; ++j) {
        const int row = cell.row * window.stride - window.padding + i * window.dilation;
        const int column = cell.column * window.stride - window.padding + j * window.dilation;
        const bool inside = row >= 0 && row < config.height && column >= 0 && column < config.width;
        const float input =
            inside ? config.image[(static_cast<std::size_t>(channel) * config.height + row) *
                                      config.width +
                                  column]
                   : 0.0f;
        const float weight = config.kernels[(cell.channel * kernel + i) * kernel + j];
        sum.channels.push_back(channel);
        sum.rows.push_back(row);
        sum.columns.push_back(column);
        sum.inputs.push_back(input);
        sum.weights.push_back(weight);
        sum.products.push_back(input * weight);
      }
    }
  }
  sum.bias = config.biases.empty() ? 0.0f : config.biases[cell.channel];
  const std::size_t at = map_index(cell, conv_height, conv_width);
  sum.value = feature_maps[at];
  sum.activated = activated[at];
  return sum;
}

}  // namespace

const char* pool_kind_name(PoolKind kind) {
  switch (kind) {
    case PoolKind::kMax:
      return "max";
    case PoolKind::kAverage:
      return "average";
    case PoolKind::kNone:
      break;
  }
  return "none";
}

std::string pool_kind_from_name(const std::string& name, PoolKind& kind) {
  for (PoolKind candidate : {PoolKind::kNone, PoolKind::kMax, PoolKind::kAverage}) {
    if (name == pool_kind_name(candidate)) {
      kind = candidate;
      return "";
    }
  }
  return "unknown pooling \"" + name + "\" (known: none, max, average)";
}

std::string validate_conv_explorer(const ConvExplorerConfig& config) {
  for (const auto& message :
       {range_message("image channels", config.channels, 1, kMaxExplorerChannels),
        range_message("image height", config.height, 1, kMaxExplorerImageSide),
        range_message("image width", config.width, 1, kMaxExplorerImageSide),
        range_message("filters", config.filters, 1, kMaxExplorerFilters),
        range_message("kernel size", config.convolution.kernel, 1, kMaxExplorerKernel),
        range_message("stride", config.convolution.stride, 1, kMaxExplorerStride),
        range_message("padding", config.convolution.padding, 0, kMaxExplorerPadding),
        range_message("dilation", config.convolution.dilation, 1, kMaxExplorerDilation)}) {
    if (!message.empty()) return message;
  }
  const std::size_t pixels =
      static_cast<std::size_t>(config.channels) * config.height * config.width;
  if (config.image.size() != pixels) {
    return "the image needs " + std::to_string(pixels) +
           " values (channels × height × width), got " + std::to_string(config.image.size());
  }
  if (!all_finite(config.image)) return "the image has a value that is not a finite number";
  const int taps = config.convolution.kernel * config.convolution.kernel;
  if (config.kernels.size() != static_cast<std::size_t>(config.filters) * taps) {
    return "the kernels need " + std::to_string(config.filters * taps) + " weights (" +
           std::to_string(config.filters) + " filters × " + std::to_string(taps) + "), got " +
           std::to_string(config.kernels.size());
  }
  if (!all_finite(config.kernels)) return "a kernel weight is not a finite number";
  if (!config.biases.empty() && config.biases.size() != static_cast<std::size_t>(config.filters)) {
    return "give one bias per filter (" + std::to_string(config.filters) + "), or none";
  }
  if (!all_finite(config.biases)) return "a bias is not a finite number";
  if (auto m = nn::validate_conv2d(conv_settings(config), config.height, config.width);
      !m.empty()) {
    return m;
  }
  if (auto m = nn::validate_activation(config.activation); !m.empty()) return m;
  if (!nn::is_elementwise(config.activation.kind)) {
    return "the activation after a convolution must be elementwise (not softmax)";
  }
  const int conv_height =
      static_cast<int>(nn::window_output_size(config.height, config.convolution));
  const int conv_width = static_cast<int>(nn::window_output_size(config.width, config.convolution));
  if (auto m = cell_message("the explained cell", config.explained_cell, config.filters,
                            conv_height, conv_width);
      !m.empty()) {
    return m;
  }
  int output_height = conv_height, output_width = conv_width;
  if (config.pool != PoolKind::kNone) {
    if (auto m = nn::validate_pool2d(std::string(pool_kind_name(config.pool)) + " pooling",
                                     config.pool_window, config.filters, conv_height, conv_width);
        !m.empty()) {
      return m;
    }
    output_height = static_cast<int>(nn::window_output_size(conv_height, config.pool_window));
    output_width = static_cast<int>(nn::window_output_size(conv_width, config.pool_window));
  }
  return cell_message("the traced cell", config.traced_cell, config.filters, output_height,
                      output_width);
}

ConvExplorerResult explore_convolution(const ConvExplorerConfig& config) {
  if (auto message = validate_conv_explorer(config); !message.empty()) {
    throw std::invalid_argument(message);
  }
  ExplorerLayers layers = build_layers(config);
  Rng rng(0);  // no layer here draws from it (evaluation mode, no dropout)
  const FloatMatrix image = Eigen::Map<const FloatMatrix>(
      config.image.data(), 1, static_cast<Eigen::Index>(config.image.size()));

  ConvExplorerResult result;
  result.conv_height = layers.convolution.output_height();
  result.conv_width = layers.convolution.output_width();
  const FloatMatrix& z = layers.convolution.forward(image, nn::Mode::kEvaluation, rng);
  const FloatMatrix& a = layers.activation.forward(z, nn::Mode::kEvaluation, rng);
  result.feature_maps = to_vector(z);
  result.activated = to_vector(a);
  result.output_height = result.conv_height;
  result.output_width = result.conv_width;
  const FloatMatrix* output = &a;
  if (layers.pool) {
    output = &layers.pool->forward(a, nn::Mode::kEvaluation, rng);
    result.pooled = to_vector(*output);
    const nn::TensorShape shape = layers.pool->output_shape(
        nn::TensorShape::image(1, config.filters, result.conv_height, result.conv_width));
    result.output_height = shape.height();
    result.output_width = shape.width();
  }
  result.parameter_count =
      nn::convolution_parameter_count(config.channels, config.filters, config.convolution.kernel,
                                      config.groups, !config.biases.empty());
  result.multiply_adds =
      nn::convolution_multiply_adds(config.channels, config.filters, config.convolution.kernel,
                                    config.groups, result.conv_height, result.conv_width);
  result.explained = explain_cell(config, config.explained_cell, result.feature_maps,
                                  result.activated, result.conv_height, result.conv_width);

  // Backward from a one-hot ∂/∂(traced cell) through every layer.
  FloatMatrix seed = FloatMatrix::Zero(1, output->cols());
  seed(0, static_cast<Eigen::Index>(
              map_index(config.traced_cell, result.output_height, result.output_width))) = 1.0f;
  const FloatMatrix& grad_activated = layers.pool ? layers.pool->backward(a, seed) : seed;
  const FloatMatrix& grad_z = layers.activation.backward(z, grad_activated);
  result.feature_map_gradient = to_vector(grad_z);
  result.input_gradient = to_vector(layers.convolution.backward(image, grad_z));
  return result;
}

}  // namespace descent

DESCENT_END_COLD_CODE

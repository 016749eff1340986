// createNetwork's config object → a validated nn::NetworkConfig (network_config_reader.hpp).
#include "network_config_reader.hpp"

#include <string>

#include "descent/math/cold_code.hpp"
#include "descent/nn/activation.hpp"
#include "descent/nn/initializer.hpp"
#include "js_values.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent::bindings {
namespace {

using emscripten::val;

bool has_window(nn::LayerKind kind) {
  return kind == nn::LayerKind::kConvolution || kind == nn::LayerKind::kMaxPool ||
         kind == nn::LayerKind::kAvgPool;
}

// "" when `key` is absent; otherwise that a layer of `kind` has no such setting.
std::string refuse_key(const val& js, const char* key, nn::LayerKind kind) {
  if (is_missing(js[key])) return "";
  return std::string(key) + " does not apply to a " + nn::layer_kind_name(kind) + " layer";
}

// A convolution's or pooling layer's kernel (required), stride (default 1, pooling: the kernel, as
// torch), padding (0) and dilation (1); refused on the other kinds.
std::string read_window(const val& js, nn::LayerSpec& layer) {
  constexpr const char* keys[] = {"kernel", "stride", "padding", "dilation"};
  if (!has_window(layer.kind)) {
    for (const char* key : keys) {
      if (auto m = refuse_key(js, key, layer.kind); !m.empty()) return m;
    }
    return "";
  }
  nn::SlidingWindow& window = layer.window;
  if (is_missing(js["kernel"])) return "kernel is required (a whole number ≥ 1)";
  if (auto m = read_int_in_range(js, "kernel", 1, nn::kMaxImageSide, window.kernel); !m.empty()) {
    return m;
  }
  window.stride = layer.kind == nn::LayerKind::kConvolution ? 1 : window.kernel;
  if (auto m = read_int_in_range(js, "stride", 1, nn::kMaxImageSide, window.stride); !m.empty()) {
    return m;
  }
  if (auto m = read_int_in_range(js, "padding", 0, nn::kMaxImageSide, window.padding); !m.empty()) {
    return m;
  }
  return read_int_in_range(js, "dilation", 1, nn::kMaxImageSide, window.dilation);
}

// {kind?, width?, activation?, alpha?, residual?, batchNorm?, dropout?, kernel?, stride?, padding?,
// dilation?, groups?}: the keys a layer of its kind has (see descent-core.d.ts).
std::string read_layer(const val& js, nn::LayerSpec& layer) {
  if (!is_object(js))
    return "must be an object {kind?, width, activation, residual?, batchNorm?, dropout?}";
  std::string kind = nn::layer_kind_name(layer.kind);
  if (auto m = read_string(js, "kind", kind); !m.empty()) return m;
  if (auto m = nn::layer_kind_from_name(kind, layer.kind); !m.empty()) return m;
  if (layer.kind == nn::LayerKind::kDense || layer.kind == nn::LayerKind::kConvolution) {
    if (auto m = read_int_in_range(js, "width", 1, nn::kMaxLayerWidth, layer.width); !m.empty()) {
      return m;
    }
  } else if (auto m = refuse_key(js, "width", layer.kind); !m.empty()) {
    return m + " (its output has its input's channels)";
  }
  if (auto m = read_window(js, layer); !m.empty()) return m;
  if (layer.kind == nn::LayerKind::kConvolution) {
    if (auto m = read_int_in_range(js, "groups", 1, nn::kMaxLayerWidth, layer.groups); !m.empty()) {
      return m;
    }
  } else if (auto m = refuse_key(js, "groups", layer.kind); !m.empty()) {
    return m;
  }
  std::string activation = nn::activation_name(layer.activation.kind);
  if (auto m = read_string(js, "activation", activation); !m.empty()) return m;
  if (auto m = nn::activation_from_name(activation, layer.activation); !m.empty()) return m;
  if (auto m = read_number(js, "alpha", layer.activation.alpha); !m.empty()) return m;
  if (auto m = read_bool(js, "residual", layer.residual); !m.empty()) return m;
  if (auto m = read_bool(js, "batchNorm", layer.batch_norm); !m.empty()) return m;
  return read_number(js, "dropout", layer.dropout_rate);
}

// The optional inputImage {channels, height, width}; when present, inputWidth defaults to C·H·W.
std::string read_input_image(const val& js, nn::NetworkConfig& config) {
  const val image = js["inputImage"];
  if (is_missing(image)) return "";
  if (!is_object(image)) return "inputImage must be an object {channels, height, width}";
  nn::ImageSize& size = config.input_image;
  const std::pair<const char*, int*> keys[] = {
      {"channels", &size.channels}, {"height", &size.height}, {"width", &size.width}};
  for (const auto& [key, out] : keys) {
    if (is_missing(image[key])) {
      return "inputImage." + std::string(key) + " is required (a whole number ≥ 1)";
    }
    const int most = out == &size.channels ? nn::kMaxLayerWidth : nn::kMaxImageSide;
    if (auto m = read_int_in_range(image, key, 1, most, *out); !m.empty()) {
      return "inputImage." + m;
    }
  }
  config.input_width = size.channels * size.height * size.width;
  return "";
}

// "layer 3 (max_pool2d)": a layer as messages name it (a dense layer without its kind, as before).
std::string layer_label(int index, const nn::LayerSpec& layer) {
  std::string label = "layer " + std::to_string(index + 1);
  if (layer.kind != nn::LayerKind::kDense)
    label += std::string(" (") + nn::layer_kind_name(layer.kind) + ")";
  return label;
}

}  // namespace

// {inputWidth?, inputImage?: {channels, height, width}, layers: [{kind?, width, activation, …}],
// initializer, initializerStddev?, initializerConstant?, seed} → a validated config.
std::string read_network_config(const val& js, nn::NetworkConfig& config) {
  if (!is_object(js)) return "network config must be an object";
  if (auto m = read_input_image(js, config); !m.empty()) return m;
  const bool image = config.input_image.channels > 0;
  if (auto m =
          read_int_in_range(js, "inputWidth", 1, image ? nn::kMaxSampleValues : nn::kMaxLayerWidth,
                            config.input_width);
      !m.empty()) {
    return m;
  }
  const val layers = js["layers"];
  if (!is_array(layers)) return "layers must be an array of {width, activation}";
  const int count = layers["length"].as<int>();
  if (count < 1 || count > nn::kMaxNetworkDepth) {
    return "layers must have 1 to " + std::to_string(nn::kMaxNetworkDepth) + " entries, got " +
           std::to_string(count);
  }
  config.layers.assign(count, nn::LayerSpec{});
  for (int i = 0; i < count; ++i) {
    if (auto m = read_layer(layers[i], config.layers[i]); !m.empty()) {
      return layer_label(i, config.layers[i]) + ": " + m;
    }
  }
  std::string initializer = nn::initializer_name(config.initializer.kind);
  if (auto m = read_string(js, "initializer", initializer); !m.empty()) return m;
  if (auto m = nn::initializer_from_name(initializer, config.initializer); !m.empty()) return m;
  if (auto m = read_number(js, "initializerStddev", config.initializer.stddev); !m.empty()) {
    return m;
  }
  if (auto m = read_number(js, "initializerConstant", config.initializer.constant_value);
      !m.empty()) {
    return m;
  }
  if (auto m = read_seed(js, "seed", config.seed); !m.empty()) return m;
  return nn::validate_network_config(config);
}

}  // namespace descent::bindings

DESCENT_END_COLD_CODE

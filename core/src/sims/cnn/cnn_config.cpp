#include "descent/sims/cnn/cnn_config.hpp"

#include <algorithm>
#include <cmath>

#include "descent/math/cold_code.hpp"
#include "descent/math/rng.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent {
namespace {

constexpr std::uint64_t kWeightStream = 1;  // cnn_session.cpp: shuffle 2, augmentation 3

std::string out_of_range(const std::string& what, int value, int low, int high) {
  return what + " must be in [" + std::to_string(low) + ", " + std::to_string(high) + "], got " +
         std::to_string(value);
}

std::string check_split(const char* name, const CnnImages& images, int pixels_per_image) {
  const std::string split(name);
  if (images.pixels.size() % static_cast<std::size_t>(pixels_per_image) != 0) {
    return split + " pixels: " + std::to_string(images.pixels.size()) +
           " values is not a whole number of " + std::to_string(pixels_per_image) + "-pixel images";
  }
  const std::size_t count = images.pixels.size() / static_cast<std::size_t>(pixels_per_image);
  if (count < 1 || count > static_cast<std::size_t>(kMaxCnnExamples)) {
    return split + " set must hold 1 to " + std::to_string(kMaxCnnExamples) + " images, got " +
           std::to_string(count);
  }
  if (images.labels.size() != count) {
    return split + " labels: " + std::to_string(images.labels.size()) + " labels for " +
           std::to_string(count) + " images";
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (images.labels[i] >= kCnnClassCount) {
      return split + " label " + std::to_string(i) + " is " + std::to_string(images.labels[i]) +
             ", not a class in [0, " + std::to_string(kCnnClassCount - 1) + "]";
    }
  }
  return "";
}

}  // namespace

const char* cnn_pooling_name(CnnPooling pooling) {
  switch (pooling) {
    case CnnPooling::kMax:
      return "max";
    case CnnPooling::kAverage:
      return "average";
    default:
      return "none";
  }
}

std::string cnn_pooling_from_name(const std::string& name, CnnPooling& pooling) {
  for (CnnPooling p : {CnnPooling::kNone, CnnPooling::kMax, CnnPooling::kAverage}) {
    if (name == cnn_pooling_name(p)) {
      pooling = p;
      return "";
    }
  }
  return "pooling must be \"none\", \"max\" or \"average\", got \"" + name + "\"";
}

std::string validate_cnn_config(const CnnConfig& config) {
  const int blocks = static_cast<int>(config.conv_blocks.size());
  if (blocks > kMaxCnnConvBlocks) {
    return out_of_range("number of conv blocks", blocks, 0, kMaxCnnConvBlocks);
  }
  for (int b = 0; b < blocks; ++b) {
    const CnnConvBlock& block = config.conv_blocks[static_cast<std::size_t>(b)];
    const std::string name = "conv block " + std::to_string(b + 1);
    if (block.filters < 1 || block.filters > kMaxCnnFilters) {
      return out_of_range(name + " filters", block.filters, 1, kMaxCnnFilters);
    }
    if (block.kernel < 1 || block.kernel > kMaxCnnKernel) {
      return out_of_range(name + " kernel", block.kernel, 1, kMaxCnnKernel);
    }
    if (block.same_padding && block.kernel % 2 == 0) {
      return name + ": same padding needs an odd kernel, got " + std::to_string(block.kernel);
    }
  }
  nn::Activation activation;
  if (auto m = nn::activation_from_name(config.activation, activation); !m.empty()) return m;
  const int dense = static_cast<int>(config.dense_layers.size());
  if (dense > kMaxCnnDenseLayers) {
    return out_of_range("number of dense layers", dense, 0, kMaxCnnDenseLayers);
  }
  for (int l = 0; l < dense; ++l) {
    const int width = config.dense_layers[static_cast<std::size_t>(l)];
    if (width < 1 || width > kMaxCnnDenseWidth) {
      return out_of_range("dense layer " + std::to_string(l + 1) + " width", width, 1,
                          kMaxCnnDenseWidth);
    }
  }
  if (auto m = nn::validate_dropout_rate(config.dropout); !m.empty()) return m;
  if (auto m = validate_optimizer_settings(config.optimizer); !m.empty()) return m;
  if (!std::isfinite(config.learning_rate) || config.learning_rate <= 0.0) {
    return "learning rate must be a finite number > 0";
  }
  if (config.batch_size < 1 || config.batch_size > kMaxCnnBatchSize) {
    return out_of_range("batch size", config.batch_size, 1, kMaxCnnBatchSize);
  }
  if (config.epochs < 1 || config.epochs > kMaxCnnEpochs) {
    return out_of_range("epochs", config.epochs, 1, kMaxCnnEpochs);
  }
  if (config.shift < 0 || config.shift > kMaxCnnShift) {
    return out_of_range("shift", config.shift, 0, kMaxCnnShift);
  }
  if (config.train_size < 0 || config.train_size > kMaxCnnExamples) {
    return out_of_range("training-set size", config.train_size, 0, kMaxCnnExamples);
  }
  if (config.classes.empty()) return "classes must list at least one class in [0, 9]";
  std::vector<bool> seen(kCnnClassCount, false);
  for (int c : config.classes) {
    if (c < 0 || c >= kCnnClassCount) return out_of_range("class", c, 0, kCnnClassCount - 1);
    if (seen[static_cast<std::size_t>(c)]) return "class " + std::to_string(c) + " is listed twice";
    seen[static_cast<std::size_t>(c)] = true;
  }
  if (config.per_class < 0 || config.per_class > kMaxCnnExamples) {
    return out_of_range("images per class", config.per_class, 0, kMaxCnnExamples);
  }
  if (config.frozen_conv_blocks < 0 || config.frozen_conv_blocks > blocks) {
    return out_of_range("frozen conv blocks", config.frozen_conv_blocks, 0, blocks);
  }
  return "";
}

std::string validate_cnn_data(const CnnConfig& config, const CnnData& data) {
  if (data.height < kMinCnnImageSide || data.height > kMaxCnnImageSide) {
    return out_of_range("image height", data.height, kMinCnnImageSide, kMaxCnnImageSide);
  }
  if (data.width < kMinCnnImageSide || data.width > kMaxCnnImageSide) {
    return out_of_range("image width", data.width, kMinCnnImageSide, kMaxCnnImageSide);
  }
  const int pixels = data.height * data.width;
  if (auto m = check_split("train", data.train, pixels); !m.empty()) return m;
  if (auto m = check_split("test", data.test, pixels); !m.empty()) return m;
  const int train_count = static_cast<int>(data.train.labels.size());
  if (config.train_size > train_count) {
    return "training-set size " + std::to_string(config.train_size) + " is more than the " +
           std::to_string(train_count) + " training images";
  }
  if (cnn_selected_images(config, data.train, config.train_size, config.per_class).empty()) {
    return "no training image is of the chosen classes";
  }
  if (cnn_selected_images(config, data.test, 0, 0).empty()) {
    return "no test image is of the chosen classes";
  }
  if (auto m = nn::validate_network_config(cnn_network_config(config, data.height, data.width));
      !m.empty()) {
    return "the architecture does not fit " + std::to_string(data.height) + "×" +
           std::to_string(data.width) + " images: " + m;
  }
  return "";
}

nn::NetworkConfig cnn_network_config(const CnnConfig& config, int height, int width) {
  nn::Activation activation;
  nn::activation_from_name(config.activation, activation);
  nn::NetworkConfig network;
  network.input_image = {1, height, width};
  network.input_width = height * width;
  for (const CnnConvBlock& block : config.conv_blocks) {
    nn::LayerSpec conv;
    conv.kind = nn::LayerKind::kConvolution;
    conv.width = block.filters;
    conv.window.kernel = block.kernel;
    conv.window.padding = block.same_padding ? (block.kernel - 1) / 2 : 0;
    conv.batch_norm = block.batch_norm;
    conv.activation = activation;
    network.layers.push_back(conv);
    if (block.pooling == CnnPooling::kNone) continue;
    nn::LayerSpec pool;
    pool.kind =
        block.pooling == CnnPooling::kMax ? nn::LayerKind::kMaxPool : nn::LayerKind::kAvgPool;
    pool.window.kernel = 2;
    pool.window.stride = 2;
    network.layers.push_back(pool);
  }
  nn::LayerSpec flatten;
  flatten.kind = nn::LayerKind::kFlatten;
  network.layers.push_back(flatten);
  for (int width_units : config.dense_layers) {
    nn::LayerSpec hidden;
    hidden.width = width_units;
    hidden.activation = activation;
    hidden.dropout_rate = config.dropout;
    network.layers.push_back(hidden);
  }
  nn::LayerSpec logits;
  logits.width = kCnnClassCount;
  network.layers.push_back(logits);
  // He initialisation suits the ReLU family the widget defaults to; it is also fine for tanh here.
  network.initializer.kind = nn::InitKind::kHeUniform;
  network.seed = derive_seed(config.seed, kWeightStream);
  return network;
}

int cnn_conv_parameter_count(const CnnConfig& config, int blocks) {
  int count = 0;
  int in_channels = 1;
  for (int b = 0; b < blocks; ++b) {
    const CnnConvBlock& block = config.conv_blocks[static_cast<std::size_t>(b)];
    count += in_channels * block.kernel * block.kernel * block.filters + block.filters;
    if (block.batch_norm) count += 2 * block.filters;
    in_channels = block.filters;
  }
  return count;
}

std::vector<int> cnn_selected_images(const CnnConfig& config, const CnnImages& images, int limit,
                                     int per_class) {
  const int available = static_cast<int>(images.labels.size());
  const int count = limit > 0 ? std::min(limit, available) : available;
  std::vector<bool> used(kCnnClassCount, false);
  for (int c : config.classes) {
    if (c >= 0 && c < kCnnClassCount) used[static_cast<std::size_t>(c)] = true;
  }
  std::vector<int> taken(kCnnClassCount, 0);
  std::vector<int> selected;
  for (int i = 0; i < count; ++i) {
    const int label = images.labels[static_cast<std::size_t>(i)];
    if (label >= kCnnClassCount || !used[static_cast<std::size_t>(label)]) continue;
    if (per_class > 0 && taken[static_cast<std::size_t>(label)] == per_class) continue;
    ++taken[static_cast<std::size_t>(label)];
    selected.push_back(i);
  }
  return selected;
}

}  // namespace descent

DESCENT_END_COLD_CODE

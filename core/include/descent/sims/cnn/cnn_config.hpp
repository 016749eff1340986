#pragma once
// What the CNN widget trains (<descent-cnn>): an architecture of 1–3 convolution blocks (conv →
// activation → optional 2×2 pooling, stride 2, no padding) then a dense head (hidden layers, then
// 10 logits) — or 0 blocks: the flattened image straight into the dense head, an MLP trained by the
// same trainer on the same data, for "MLP vs CNN" — trained with softmax cross-entropy by one of
// the core's optimizers on grey images with 10 classes (the digits, or procedural shapes in tests).
// The default is LeNet-like: conv 6@5×5 → max pool → conv 16@5×5 → max pool → dense 120 → 84 → 10,
// ReLU, Adam 1e-3, batch 32.
#include <cstdint>
#include <string>
#include <vector>

#include "descent/nn/network.hpp"
#include "descent/optim/optimizer_catalog.hpp"

namespace descent {

constexpr int kCnnClassCount = 10;
constexpr int kMaxCnnConvBlocks = 3;
constexpr int kMaxCnnFilters = 64;
constexpr int kMaxCnnKernel = 7;
constexpr int kMaxCnnDenseLayers = 3;
constexpr int kMaxCnnDenseWidth = 512;
constexpr int kMaxCnnBatchSize = 512;
constexpr int kMaxCnnEpochs = 1000;
constexpr int kMaxCnnShift = 4;  // random-shift augmentation: ±pixels
constexpr int kMinCnnImageSide = 8;
constexpr int kMaxCnnImageSide = 64;
constexpr int kMaxCnnExamples = 100000;  // training or test images
// Test images scored per unit of CnnSession::advance at an epoch's end, in one forward pass: a few
// milliseconds of 28 × 28 digits in WebAssembly, so a frame that ends an epoch stays short.
constexpr int kCnnEvaluationChunk = 100;

enum class CnnPooling { kNone, kMax, kAverage };

// "none", "max", "average"; the parser returns "" and sets `pooling`, or a message listing them.
const char* cnn_pooling_name(CnnPooling pooling);
std::string cnn_pooling_from_name(const std::string& name, CnnPooling& pooling);

struct CnnConvBlock {
  int filters = 6;  // output channels
  int kernel = 5;   // K×K, stride 1, no padding
  CnnPooling pooling = CnnPooling::kMax;
  // "same" padding: (K − 1)/2 zeros on each side, so the map keeps its size (odd K only).
  bool same_padding = false;
  // Batch norm per channel between the convolution and the activation (BatchNorm2d).
  bool batch_norm = false;
};

struct CnnConfig {
  std::vector<CnnConvBlock> conv_blocks = {{6, 5, CnnPooling::kMax}, {16, 5, CnnPooling::kMax}};
  std::string activation = "relu";            // activation_from_name's names
  std::vector<int> dense_layers = {120, 84};  // hidden widths of the head (0–3 layers)
  // Dropout rate on every hidden dense layer's output, in [0, 1) (AlexNet's, on the head); masks
  // from the network's dropout stream, so the same seed drops the same units.
  double dropout = 0.0;
  OptimizerSettings optimizer;  // "adam" by default
  double learning_rate = 1e-3;
  int batch_size = 32;
  int train_size = 0;  // training images used (the first ones); 0 = all
  // Transfer learning: the classes trained and tested on (images of the others are skipped), each
  // once, in [0, 9]. The head keeps all 10 logits, unmasked: labels stay the digits (confusion
  // matrix, mistakes, bindings unchanged) and the absent classes' logits learn to stay low at once.
  std::vector<int> classes = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  // At most this many training images of each used class, the first ones in data order (after
  // train_size); 0 = no limit.
  int per_class = 0;
  // The first k conv blocks get no update: the optimizer only sees the rest of θ (see CnnSession).
  int frozen_conv_blocks = 0;
  int epochs = 10;  // the session is done after this many
  int shift = 0;    // augmentation: each training image moved by up to ±shift pixels per axis
  std::uint64_t seed = 1;
};

// One split of a data set: `count` grey images of height × width, uint8 row-major, one label each.
struct CnnImages {
  std::vector<std::uint8_t> pixels;  // count·height·width values, 0 = black, 255 = white
  std::vector<std::uint8_t> labels;  // in [0, kCnnClassCount)
};

struct CnnData {
  CnnImages train;
  CnnImages test;
  int height = 28;
  int width = 28;
};

// "" when valid, else the first problem: block/layer counts and sizes within the limits above (an
// odd kernel with same padding), a dropout rate in [0, 1), a known activation, a valid optimizer
// and learning rate (finite, > 0), batch size, epochs and shift within limits, train_size ≥ 0,
// classes non-empty, distinct and in [0, 9], per_class ≥ 0, frozen_conv_blocks ≤ the blocks.
std::string validate_cnn_config(const CnnConfig& config);
// "" when valid: sides in [kMinCnnImageSide, kMaxCnnImageSide], pixels a whole number of images,
// one label per image, labels < kCnnClassCount, 1..kMaxCnnExamples images per split, and
// config.train_size ≤ the training images, at least one training and one test image of the used
// classes; plus the network the config builds fits those images
// (each convolution and pooling has room).
std::string validate_cnn_data(const CnnConfig& config, const CnnData& data);

// The network the config describes, for images of height × width (weights seeded from config.seed).
// Precondition: validate_cnn_config passes (the network's own validation may still refuse sizes).
nn::NetworkConfig cnn_network_config(const CnnConfig& config, int height, int width);

// The entries of θ the first `blocks` conv blocks hold, a prefix of the flat order: per block its
// kernel (in channels · K² · filters), bias (filters) and, with batch norm, γ and β (2 · filters).
int cnn_conv_parameter_count(const CnnConfig& config, int blocks);

// The indices of the images of `images` a session uses, in data order: the first `limit` (all when
// 0), of config.classes, at most config.per_class of each class (no cap when 0).
std::vector<int> cnn_selected_images(const CnnConfig& config, const CnnImages& images, int limit,
                                     int per_class);

}  // namespace descent

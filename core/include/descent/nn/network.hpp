#pragma once
// A network described by a validated config — a multilayer perceptron, or a convolutional network
// on images (LeNet: conv → pool → conv → pool → flatten → dense …) — compiled into a list of
// modules (module.hpp), with every parameter exposed as one flat vector so the optimizers that move
// points on surfaces train networks too.
//
// One layer (one LayerSpec) maps its input x to
//   z = main(x) → [batch norm] → f → [dropout] → [+ x, residual]
// where main is the layer's kind: a dense layer x·W + b (the default), a convolution, max or
// average pooling, global average pooling or flatten. It compiles to that module, [BatchNorm],
// ActivationLayer (also for a linear f), [Dropout], wrapped in a Residual when the layer has a
// skip connection; the network runs them as one Sequential. Residual connections are for dense
// layers only; batch norm is for dense layers (per unit, BatchNorm) and convolutions (per channel
// over the batch and the positions, BatchNorm2d).
//
// Images: with input_image set, a sample's input_width = C·H·W values are that image, row-major
// per channel (tensor_shape.hpp), so a data set of flattened images trains as it is. Convolution
// and pooling layers take images, dense layers features: a flatten or global average pooling
// layer turns one into the other, and the output layer is dense.
// Batch norm (batch_norm.hpp) normalises z per unit before the activation, as Ioffe & Szegedy
// place it; dropout (dropout.hpp) drops activation outputs. loss_and_gradient runs in training mode
// (batch statistics, which also move the running statistics; fresh dropout masks), predict in
// evaluation mode (running statistics, no dropout), as torch's model.train() / model.eval().
//
// Flat parameter order (get_parameters, set_parameters, the gradient of loss_and_gradient): the
// modules' parameter blocks in order, which is layer by layer from the input; within a layer its
// weights W row by row — W(i, j), input i to unit j,
// at offset i·fan_out + j, the order initialize_weights draws them in — then its bias
// b(0..fan_out), then, for a batch-norm layer, γ(0..fan_out) and β(0..fan_out). A convolution's
// are its kernel matrix and bias (conv2d.hpp); pooling and flatten layers have none. The running
// statistics are not parameters: set_parameters leaves them alone.
//
// Residual (skip) connections: a layer marked residual outputs a = f(z) + x, x its own input, so
// the gradient reaching x gets a direct path around the layer (He et al. 2016). Only a hidden
// layer (not the first, not the output layer) of the same width as the hidden layer before it can
// be residual.
//
// Neither batch norm nor dropout is allowed on the output layer: its values are the loss's
// predictions, and normalising them over the batch would make each sample's prediction depend on
// the other samples (and a one-sample batch impossible), while dropping them would zero
// predictions outright.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "descent/math/rng.hpp"
#include "descent/nn/activation.hpp"
#include "descent/nn/activation_layer.hpp"
#include "descent/nn/batch_norm.hpp"
#include "descent/nn/conv_arithmetic.hpp"
#include "descent/nn/dense_layer.hpp"
#include "descent/nn/dropout.hpp"
#include "descent/nn/initializer.hpp"
#include "descent/nn/loss.hpp"
#include "descent/nn/sequential.hpp"
#include "descent/nn/tensor.hpp"

namespace descent::nn {

// Limits of validate_network_config: enough for every lesson, small enough to stay interactive.
constexpr int kMaxLayerWidth = 1024;
constexpr int kMaxNetworkDepth = 64;

// Largest image side and channel count of an image input.
constexpr int kMaxImageSide = 512;
// Most values one sample may occupy anywhere in the network: the input, each layer's output and a
// convolution's im2col workspace (output positions × input channels × K²). 4 Mi floats = 16 MB per
// sample, ample for 3×224×224 images, while a config that would exhaust memory on its first
// forward pass is refused up front instead.
constexpr int kMaxSampleValues = 1 << 22;

enum class LayerKind {
  kDense,          // x·W + b (dense_layer.hpp)
  kConvolution,    // conv2d.hpp: `width` output channels, `window`, `groups`
  kMaxPool,        // max_pool2d.hpp over `window`
  kAvgPool,        // avg_pool2d.hpp over `window`
  kGlobalAvgPool,  // global_avg_pool.hpp: (C, H, W) → C features
  kFlatten,        // flatten.hpp: (C, H, W) → C·H·W features
};

// "dense", "conv2d", "max_pool2d", "avg_pool2d", "global_avg_pool", "flatten".
const char* layer_kind_name(LayerKind kind);
// The kind named `name` (layer_kind_name's names): "" and `kind` set, or a message listing them.
std::string layer_kind_from_name(const std::string& name, LayerKind& kind);

struct LayerSpec {
  int width = 1;          // units of a dense layer, output channels of a convolution; else unused
  Activation activation;  // linear by default; parse names with activation_from_name
  bool residual = false;  // a = f(z) + input of the layer
  // Hidden layers only: normalise z over the batch before f (BatchNorm defaults: γ = 1, β = 0).
  bool batch_norm = false;
  // Hidden layers only: probability of dropping each f(z) in training, in [0, 1); 0 = no dropout.
  double dropout_rate = 0.0;
  LayerKind kind = LayerKind::kDense;
  // Convolution and pooling: kernel size, stride, padding, dilation. (Initialised here so that
  // LayerSpec{width, activation} stays a complete aggregate initialisation.)
  SlidingWindow window = SlidingWindow{};
  int groups = 1;  // convolution: channel groups (= channels: depthwise)
};

// The extents of one image sample; all 0 for feature input.
struct ImageSize {
  int channels = 0;
  int height = 0;
  int width = 0;
};

struct NetworkConfig {
  int input_width = 1;            // values per sample: features, or C·H·W of an image
  std::vector<LayerSpec> layers;  // hidden layers, then the output layer (the last entry)
  Initializer initializer;        // for every layer's weights; biases start at 0
  std::uint64_t seed = 0;         // layer l (0 = first) draws from Rng(derive_seed(seed, l))
  ImageSize input_image;          // set (channels ≥ 1) when each sample is an image
};

// The stream of NetworkConfig::seed the dropout masks come from: past every layer's stream, so
// adding dropout leaves the initial weights unchanged.
constexpr std::uint64_t kDropoutSeedStream = kMaxNetworkDepth;

// "" when valid, otherwise a message naming the offending layer (1-based, as a user counts): input
// width and every layer width in [1, kMaxLayerWidth], 1 to kMaxNetworkDepth layers, valid
// activations and initializer, residual only where allowed (see above), batch norm only on a hidden
// layer, dropout rates valid (validate_dropout_rate) and 0 on the output layer.
// Image layers: the input image's channels in [1, kMaxLayerWidth] and sides in
// [1, kMaxImageSide] with input_width = C·H·W; every layer given the input it takes (images for
// convolution and pooling, features for dense layers), its window valid and fitting
// (validate_conv2d, validate_pool2d), a dense output layer, and at most kMaxSampleValues values per
// sample in the input, every layer's output and every im2col workspace.
std::string validate_network_config(const NetworkConfig& config);

// The shape of each layer's input, with batch 1, for a valid config (throws std::invalid_argument
// with validate_network_config's message otherwise).
std::vector<TensorShape> layer_input_shapes(const NetworkConfig& config);

// What the dynamics explorer plots for one layer, from the last loss_and_gradient.
struct LayerDiagnostics {
  // Activation statistics are of f's output in training mode, before dropout and any skip add: what
  // the layer computes, not which values the mask happened to drop this step.
  double activation_mean;     // mean of f(z) over the batch and the units
  double activation_std;      // population standard deviation of the same values
  double zero_fraction;       // fraction of those values exactly 0 (ReLU: inactive on a sample)
  double dead_unit_fraction;  // fraction of units whose f(z) is exactly 0 on every sample
  double weight_norm;  // ‖W‖, Frobenius (0 for a layer without weights: pooling, flatten)
  double weight_gradient_norm;  // ‖∂L/∂W‖, Frobenius
  double bias_gradient_norm;    // ‖∂L/∂b‖
};

template <typename Scalar>
struct LossAndGradient {
  Scalar loss;
  Vector<Scalar> gradient;  // ∂loss/∂parameters in the flat order
};

template <typename Scalar>
class Network {
 public:
  // Throws std::invalid_argument with validate_network_config's message when invalid. Layer l's
  // weights come from its own stream derive_seed(seed, l), so changing one layer's width or the
  // depth leaves the other layers' initial weights unchanged; Network<float> gets the double
  // network's weights rounded to float. The dropout masks come from one Rng seeded with
  // derive_seed(seed, kDropoutSeedStream), drawn layer by layer on each loss_and_gradient.
  explicit Network(const NetworkConfig& config);
  // Copies are deep: the copy has its own modules, caches and dropout Rng state.
  Network(const Network& other);
  Network& operator=(const Network& other);
  Network(Network&&) noexcept = default;
  Network& operator=(Network&&) noexcept = default;

  const NetworkConfig& config() const { return config_; }
  int input_width() const { return config_.input_width; }
  int output_width() const { return config_.layers.back().width; }
  // Layers (LayerSpecs), not modules.
  int depth() const { return static_cast<int>(layers_.size()); }
  // The compiled modules, in the order they run (their parameters in the flat order).
  const Sequential<Scalar>& modules() const { return modules_; }
  // Layer `index`'s modules (std::out_of_range for a bad index). Its dense layer computes z alone:
  // the spec's activation is the layer's ActivationLayer, after the batch norm if any. layer()
  // throws std::invalid_argument for a layer of another kind; layer_module() is any kind's.
  const DenseLayer<Scalar>& layer(int index) const;
  const Module<Scalar>& layer_module(int index) const { return *layers_.at(index).main; }
  const ActivationLayer<Scalar>& activation_layer(int index) const {
    return *layers_.at(index).activation;
  }
  // The layer's batch norm (its running statistics included) if its spec asks for one, else null.
  const BatchNorm<Scalar>* batch_norm(int index) const { return layers_.at(index).batch_norm; }
  // The layer's dropout (its last mask included) if its spec has a rate > 0, else null.
  const Dropout<Scalar>* dropout(int index) const { return layers_.at(index).dropout; }

  int parameter_count() const { return parameter_count_; }
  Vector<Scalar> get_parameters() const;
  // Throws std::invalid_argument unless parameters has parameter_count() entries. Clears the
  // diagnostics, which described the old parameters; keeps the batch norms' running statistics.
  void set_parameters(const Vector<Scalar>& parameters);
  // The same from double values, rounded to Scalar: the trainer keeps θ in double for the
  // optimizers and hands it over without an intermediate copy.
  template <typename Source>
  void set_parameters(const Vector<Source>& parameters);

  // Every batch norm's running statistics, input side first (empty without batch norm): the state
  // evaluation mode depends on besides the parameters, so restoring weights restores these too.
  std::vector<RunningStatistics<Scalar>> running_statistics() const;
  // Throws std::invalid_argument unless it gets one entry per batch-norm layer, of its width.
  void set_running_statistics(const std::vector<RunningStatistics<Scalar>>& statistics);

  // The network's outputs for a batch (one row per sample) in evaluation mode — batch norms use
  // their running statistics, dropout is the identity — so a sample's output does not depend on the
  // rest of the batch. Leaves the diagnostics, running statistics and dropout Rng alone. Throws
  // std::invalid_argument unless inputs has input_width() columns and at least one row.
  Matrix<Scalar> predict(const Matrix<Scalar>& inputs) const;

  // Forward and backward pass on a batch in training mode: batch norms normalise with the batch's
  // statistics and update their running statistics, dropout draws fresh masks (so two calls on the
  // same batch differ with dropout > 0; a copy of the network repeats its original's masks).
  // Returns the mean loss (see loss.hpp; the output layer's values are the loss's predictions, so
  // the cross-entropy losses want a linear output layer: they take logits) and its gradient wrt
  // every parameter. Targets are not re-checked for the loss's domain (use check_loss_inputs once
  // per data set). Throws std::invalid_argument like predict, when targets are not batch rows ×
  // output_width(), and for a one-sample batch when a layer has batch norm (the variance of one
  // sample is 0).
  LossAndGradient<Scalar> loss_and_gradient(const Matrix<Scalar>& inputs,
                                            const Matrix<Scalar>& targets, const Loss& loss);
  // The same, returning the loss and writing the gradient into `gradient` (its storage reused:
  // the training loop's hot path), in Scalar or in the trainer's double.
  template <typename GradientScalar>
  Scalar loss_and_gradient(const Matrix<Scalar>& inputs, const Matrix<Scalar>& targets,
                           const Loss& loss, Vector<GradientScalar>& gradient);

  // Transfer learning: loss_and_gradient's backward pass stops at layer `count` (0-based), so the
  // first `count` layers' gradient entries stay 0 and their backward work is skipped (the loss and
  // the other entries are unchanged). 0 = none frozen. Throws std::invalid_argument unless count is
  // in [0, depth() − 1] and layer `count` is not residual (its modules must start at top level).
  void set_frozen_layers(int count);
  int frozen_layers() const { return frozen_layers_; }

  // One entry per layer from the last loss_and_gradient; empty before the first and after
  // set_parameters.
  std::vector<LayerDiagnostics> layer_diagnostics() const;
  // Layer `index`'s entry (0 = input side). Throws std::logic_error when there is no pass (see
  // above), std::out_of_range for a bad index.
  LayerDiagnostics layer_diagnostics(int index) const;

 private:
  // Pointers into modules_ to one layer's modules, for the per-layer accessors and diagnostics.
  struct LayerModules {
    Module<Scalar>* main = nullptr;  // the module of the layer's kind
    DenseLayer<Scalar>* dense = nullptr;
    BatchNorm<Scalar>* batch_norm = nullptr;
    ActivationLayer<Scalar>* activation = nullptr;
    Dropout<Scalar>* dropout = nullptr;
  };

  void require_batch(const Matrix<Scalar>& inputs) const;
  // Rebuilds layers_ and parameter_blocks_ from modules_ (after construction and copies).
  void index_layers();

  NetworkConfig config_;
  Sequential<Scalar> modules_;
  std::vector<LayerModules> layers_;
  // Every module's parameter blocks in the flat order: set_parameters and the gradient copy through
  // these directly instead of walking the module tree on every step.
  std::vector<ParameterBlock<Scalar>> parameter_blocks_;
  Rng dropout_rng_;
  Matrix<Scalar> loss_gradient_;  // ∂L/∂(network output) of the last loss_and_gradient
  int parameter_count_ = 0;
  int frozen_layers_ = 0;
  int first_trainable_module_ = 0;  // index in modules_ of layer frozen_layers_'s first module
  bool has_pass_ = false;  // the modules' caches and gradients describe the current parameters
};

extern template class Network<float>;
extern template class Network<double>;

}  // namespace descent::nn

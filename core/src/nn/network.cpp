#include "descent/nn/network.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "descent/math/cold_code.hpp"
#include "descent/math/messages.hpp"
#include "descent/math/rng.hpp"
#include "descent/nn/avg_pool2d.hpp"
#include "descent/nn/conv2d.hpp"
#include "descent/nn/flatten.hpp"
#include "descent/nn/global_avg_pool.hpp"
#include "descent/nn/max_pool2d.hpp"
#include "descent/nn/residual.hpp"

namespace descent::nn {

// Validation and the layer-kind names run once per network built: optimised for size.
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
      if (!dense) return name + ": batch norm is for dense layers only";
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

namespace {

// Whether Network<Scalar> builds image layers. The WebAssembly module trains image networks in
// float only (every binding builds a Network<float>), so its build defines
// DESCENT_IMAGE_LAYERS_FLOAT_ONLY and leaves the double image layers out (~5 KB gzipped); native
// builds keep them for the double-precision gradient checks.
template <typename Scalar>
constexpr bool kBuildsImageLayers =
#ifdef DESCENT_IMAGE_LAYERS_FLOAT_ONLY
    std::is_same_v<Scalar, float>;
#else
    true;
#endif

template <typename Scalar>
std::unique_ptr<Module<Scalar>> make_main_module(const LayerSpec& spec, const TensorShape& input,
                                                 const Initializer& initializer, Rng& rng) {
  if constexpr (!kBuildsImageLayers<Scalar>) {
    if (spec.kind != LayerKind::kDense) {
      throw std::invalid_argument("image layers need a float network in this build");
    }
    return std::make_unique<DenseLayer<Scalar>>(input.features(), spec.width, initializer, rng);
  }
  switch (spec.kind) {
    case LayerKind::kDense:
      return std::make_unique<DenseLayer<Scalar>>(input.features(), spec.width, initializer, rng);
    case LayerKind::kConvolution:
      return std::make_unique<Conv2d<Scalar>>(
          Conv2dSettings{input.channels(), spec.width, spec.window, spec.groups, true},
          input.height(), input.width(), initializer, rng);
    case LayerKind::kMaxPool:
      return std::make_unique<MaxPool2d<Scalar>>(spec.window, input.channels(), input.height(),
                                                 input.width());
    case LayerKind::kAvgPool:
      return std::make_unique<AvgPool2d<Scalar>>(spec.window, input.channels(), input.height(),
                                                 input.width());
    case LayerKind::kGlobalAvgPool:
      return std::make_unique<GlobalAvgPool<Scalar>>(input.channels(), input.height(),
                                                     input.width());
    case LayerKind::kFlatten:
      break;
  }
  return std::make_unique<Flatten<Scalar>>();
}

// The network's input as a shape (batch 1).
TensorShape input_shape(const NetworkConfig& config) {
  const ImageSize& image = config.input_image;
  if (image.channels == 0) return TensorShape::features(1, config.input_width);
  return TensorShape::image(1, image.channels, image.height, image.width);
}

}  // namespace

template <typename Scalar>
Network<Scalar>::Network(const NetworkConfig& config)
    : config_(config), dropout_rng_(derive_seed(config.seed, kDropoutSeedStream)) {
  // Throws with validate_network_config's message when invalid.
  const std::vector<TensorShape> shapes = layer_input_shapes(config);
  for (std::size_t index = 0; index < config.layers.size(); ++index) {
    const LayerSpec& spec = config.layers[index];
    Rng rng(derive_seed(config.seed, index));
    Sequential<Scalar> residual_block;
    Sequential<Scalar>& target = spec.residual ? residual_block : modules_;
    target.add(make_main_module<Scalar>(spec, shapes[index], config.initializer, rng));
    // Batch norm normalises z, before f (Ioffe & Szegedy).
    if (spec.batch_norm) target.add(std::make_unique<BatchNorm<Scalar>>(spec.width));
    target.add(std::make_unique<ActivationLayer<Scalar>>(spec.activation));
    if (spec.dropout_rate > 0.0) target.add(std::make_unique<Dropout<Scalar>>(spec.dropout_rate));
    if (spec.residual) {
      modules_.add(std::make_unique<Residual<Scalar>>(
          std::make_unique<Sequential<Scalar>>(std::move(residual_block))));
    }
  }
  // The config's validation guarantees the shapes; this keeps the module list honest.
  modules_.output_shape(input_shape(config));
  parameter_count_ = modules_.parameter_count();
  index_layers();
}

template <typename Scalar>
Network<Scalar>::Network(const Network& other)
    : config_(other.config_),
      modules_(other.modules_),
      dropout_rng_(other.dropout_rng_),
      loss_gradient_(other.loss_gradient_),
      parameter_count_(other.parameter_count_),
      has_pass_(other.has_pass_) {
  index_layers();
}

template <typename Scalar>
Network<Scalar>& Network<Scalar>::operator=(const Network& other) {
  if (this != &other) {
    Network copy(other);
    *this = std::move(copy);
  }
  return *this;
}

namespace {

// Whether `module` is the main module of a layer kind (LayerKind), which starts a layer.
template <typename Scalar>
bool is_layer_kind_module(Module<Scalar>& module) {
  if constexpr (!kBuildsImageLayers<Scalar>) return dynamic_cast<DenseLayer<Scalar>*>(&module);
  return dynamic_cast<DenseLayer<Scalar>*>(&module) || dynamic_cast<Conv2d<Scalar>*>(&module) ||
         dynamic_cast<MaxPool2d<Scalar>*>(&module) || dynamic_cast<AvgPool2d<Scalar>*>(&module) ||
         dynamic_cast<GlobalAvgPool<Scalar>*>(&module) || dynamic_cast<Flatten<Scalar>*>(&module);
}

// Depth first over the module tree: each layer kind's module starts a layer, the batch norm,
// activation and dropout after it belong to that layer (the order the constructor compiles a
// LayerSpec into).
template <typename Scalar, typename Layers>
void collect_layers(Module<Scalar>& module, Layers& layers) {
  if (is_layer_kind_module(module)) {
    layers.emplace_back();
    layers.back().main = &module;
    layers.back().dense = dynamic_cast<DenseLayer<Scalar>*>(&module);
  } else if (auto* norm = dynamic_cast<BatchNorm<Scalar>*>(&module)) {
    layers.back().batch_norm = norm;
  } else if (auto* activation = dynamic_cast<ActivationLayer<Scalar>*>(&module)) {
    layers.back().activation = activation;
  } else if (auto* dropout = dynamic_cast<Dropout<Scalar>*>(&module)) {
    layers.back().dropout = dropout;
  }
  for (int index = 0; index < module.child_count(); ++index) {
    collect_layers(*module.child(index), layers);
  }
}

}  // namespace

template <typename Scalar>
void Network<Scalar>::index_layers() {
  layers_.clear();
  collect_layers(static_cast<Module<Scalar>&>(modules_), layers_);
  parameter_blocks_ = parameter_blocks(static_cast<Module<Scalar>&>(modules_));
}

template <typename Scalar>
const DenseLayer<Scalar>& Network<Scalar>::layer(int index) const {
  const LayerModules& layer = layers_.at(static_cast<std::size_t>(index));
  if (layer.dense == nullptr) {
    throw std::invalid_argument(
        "network: layer " + std::to_string(index + 1) + " is " +
        layer_kind_name(config_.layers[static_cast<std::size_t>(index)].kind) + ", not dense");
  }
  return *layer.dense;
}

template <typename Scalar>
Vector<Scalar> Network<Scalar>::get_parameters() const {
  Vector<Scalar> parameters(parameter_count_);
  write_block_values(parameter_blocks_, parameters.data());
  return parameters;
}

template <typename Scalar>
void Network<Scalar>::set_parameters(const Vector<Scalar>& parameters) {
  set_parameters<Scalar>(parameters);
}

template <typename Scalar>
template <typename Source>
void Network<Scalar>::set_parameters(const Vector<Source>& parameters) {
  if (parameters.size() != parameter_count_) {
    throw std::invalid_argument("network: expected " + std::to_string(parameter_count_) +
                                " parameters, got " + std::to_string(parameters.size()));
  }
  read_blocks(parameter_blocks_, parameters.data());
  has_pass_ = false;
}

template <typename Scalar>
std::vector<RunningStatistics<Scalar>> Network<Scalar>::running_statistics() const {
  std::vector<RunningStatistics<Scalar>> statistics;
  for (const LayerModules& layer : layers_) {
    if (layer.batch_norm) statistics.push_back(layer.batch_norm->running_statistics());
  }
  return statistics;
}

template <typename Scalar>
void Network<Scalar>::set_running_statistics(
    const std::vector<RunningStatistics<Scalar>>& statistics) {
  std::size_t expected = 0;
  for (const LayerModules& layer : layers_) expected += layer.batch_norm ? 1 : 0;
  if (statistics.size() != expected) {
    throw std::invalid_argument("network: expected running statistics for " +
                                std::to_string(expected) + " batch-norm layers, got " +
                                std::to_string(statistics.size()));
  }
  auto next = statistics.begin();
  for (LayerModules& layer : layers_) {
    if (layer.batch_norm) layer.batch_norm->set_running_statistics(*next++);
  }
}

template <typename Scalar>
void Network<Scalar>::require_batch(const Matrix<Scalar>& inputs) const {
  if (inputs.rows() < 1) throw std::invalid_argument("network: the batch has no samples (0 rows)");
  if (inputs.cols() != config_.input_width) {
    throw std::invalid_argument(
        "network: inputs have " + std::to_string(inputs.cols()) + " columns, the network expects " +
        std::to_string(config_.input_width) + " (one column per feature, one row per sample)");
  }
}

template <typename Scalar>
Matrix<Scalar> Network<Scalar>::predict(const Matrix<Scalar>& inputs) const {
  require_batch(inputs);
  return modules_.apply(inputs);
}

template <typename Scalar>
LossAndGradient<Scalar> Network<Scalar>::loss_and_gradient(const Matrix<Scalar>& inputs,
                                                           const Matrix<Scalar>& targets,
                                                           const Loss& loss) {
  LossAndGradient<Scalar> result;
  result.loss = loss_and_gradient(inputs, targets, loss, result.gradient);
  return result;
}

template <typename Scalar>
template <typename GradientScalar>
Scalar Network<Scalar>::loss_and_gradient(const Matrix<Scalar>& inputs,
                                          const Matrix<Scalar>& targets, const Loss& loss,
                                          Vector<GradientScalar>& gradient) {
  require_batch(inputs);
  has_pass_ = false;  // until the backward pass completes
  const Matrix<Scalar>& predictions = modules_.forward(inputs, Mode::kTraining, dropout_rng_);
  // loss_value checks the targets' shape against the predictions'.
  const Scalar value = loss_value(loss, predictions, targets);
  loss_gradient(loss, predictions, targets, loss_gradient_);
  modules_.zero_gradients();
  // The data's gradient is not needed.
  modules_.accumulate_parameter_gradients(inputs, loss_gradient_);
  has_pass_ = true;
  gradient.resize(parameter_count_);
  write_block_gradients(parameter_blocks_, gradient.data());
  return value;
}

template <typename Scalar>
std::vector<LayerDiagnostics> Network<Scalar>::layer_diagnostics() const {
  std::vector<LayerDiagnostics> diagnostics;
  if (!has_pass_) return diagnostics;
  diagnostics.reserve(layers_.size());
  for (int index = 0; index < depth(); ++index) diagnostics.push_back(layer_diagnostics(index));
  return diagnostics;
}

template <typename Scalar>
LayerDiagnostics Network<Scalar>::layer_diagnostics(int index) const {
  if (!has_pass_) throw std::logic_error("network: layer diagnostics before loss_and_gradient");
  const LayerModules& layer = layers_.at(static_cast<std::size_t>(index));
  // f's output before dropout and the skip: the layer's activation module's.
  const ActivationStatistics activation = *layer.activation->activation_statistics();
  const GradientNorms norms = layer.main->gradient_norms().value_or(GradientNorms{0.0, 0.0, 0.0});
  return {activation.mean,          activation.std,
          activation.zero_fraction, activation.dead_unit_fraction,
          norms.weight_norm,        norms.weight_gradient_norm,
          norms.bias_gradient_norm};
}

template class Network<float>;
template class Network<double>;
template void Network<float>::set_parameters(const Vector<double>&);
template float Network<float>::loss_and_gradient(const Matrix<float>&, const Matrix<float>&,
                                                 const Loss&, Vector<float>&);
template float Network<float>::loss_and_gradient(const Matrix<float>&, const Matrix<float>&,
                                                 const Loss&, Vector<double>&);
template double Network<double>::loss_and_gradient(const Matrix<double>&, const Matrix<double>&,
                                                   const Loss&, Vector<double>&);

}  // namespace descent::nn

#include "descent/nn/network.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "descent/math/rng.hpp"
#include "descent/nn/avg_pool2d.hpp"
#include "descent/nn/batch_norm2d.hpp"
#include "descent/nn/conv2d.hpp"
#include "descent/nn/flatten.hpp"
#include "descent/nn/global_avg_pool.hpp"
#include "descent/nn/max_pool2d.hpp"
#include "descent/nn/residual.hpp"

namespace descent::nn {

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

// A layer's batch norm for its output z of this shape: per unit (features) or per channel (images).
template <typename Scalar>
std::unique_ptr<Module<Scalar>> make_batch_norm(const LayerSpec& spec, const TensorShape& z) {
  if constexpr (kBuildsImageLayers<Scalar>) {
    if (spec.kind == LayerKind::kConvolution) {
      return std::make_unique<BatchNorm2d<Scalar>>(z.channels(), z.height(), z.width());
    }
  }
  return std::make_unique<BatchNorm<Scalar>>(spec.width);
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
    // Batch norm normalises z, before f (Ioffe & Szegedy): per unit, or per channel of an image.
    if (spec.batch_norm) target.add(make_batch_norm<Scalar>(spec, shapes[index + 1]));
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
      frozen_layers_(other.frozen_layers_),
      first_trainable_module_(other.first_trainable_module_),
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
  } else if (auto* norm2d = dynamic_cast<BatchNorm2d<Scalar>*>(&module)) {
    layers.back().batch_norm = &norm2d->per_channel();
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
void Network<Scalar>::set_frozen_layers(int count) {
  if (count < 0 || count >= depth()) {
    throw std::invalid_argument("network: frozen layers must be in [0, " +
                                std::to_string(depth() - 1) + "], got " + std::to_string(count));
  }
  int first = 0;
  if (count > 0) {
    const Module<Scalar>* main = layers_[static_cast<std::size_t>(count)].main;
    first = -1;
    for (int index = 0; index < modules_.size(); ++index) {
      if (&modules_.at(index) == main) first = index;
    }
    if (first < 0) {
      throw std::invalid_argument("network: the first trainable layer (" +
                                  std::to_string(count + 1) + ") must not be residual");
    }
  }
  frozen_layers_ = count;
  first_trainable_module_ = first;
  has_pass_ = false;  // the gradients no longer describe this setting
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
  // The data's gradient is not needed, nor the frozen layers'.
  modules_.accumulate_parameter_gradients_from(first_trainable_module_, inputs, loss_gradient_);
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

#include "descent/nn/network.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

#include "descent/math/rng.hpp"

namespace descent::nn {
namespace {

template <typename Scalar>
using RowMajorMatrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

std::string check_width(const std::string& what, int width) {
  if (width >= 1 && width <= kMaxLayerWidth) return "";
  return what + " must be between 1 and " + std::to_string(kMaxLayerWidth) + ", got " +
         std::to_string(width);
}

// One pass for the mean, one for the spread, zeros and dead units; no temporaries (this runs on
// every training step).
template <typename Scalar>
LayerDiagnostics diagnose(const Matrix<Scalar>& activated, const DenseLayer<Scalar>& dense) {
  const Eigen::Index rows = activated.rows(), columns = activated.cols();
  const double count = static_cast<double>(activated.size());
  double sum = 0.0;
  for (Eigen::Index j = 0; j < columns; ++j) {
    for (Eigen::Index i = 0; i < rows; ++i) sum += static_cast<double>(activated(i, j));
  }
  const double mean = sum / count;
  double squared_deviations = 0.0;
  Eigen::Index zeros = 0, dead_units = 0;
  for (Eigen::Index j = 0; j < columns; ++j) {
    Eigen::Index column_zeros = 0;
    for (Eigen::Index i = 0; i < rows; ++i) {
      const double value = static_cast<double>(activated(i, j));
      squared_deviations += (value - mean) * (value - mean);
      if (value == 0.0) ++column_zeros;
    }
    zeros += column_zeros;
    if (column_zeros == rows) ++dead_units;
  }
  return {mean,
          std::sqrt(squared_deviations / count),
          static_cast<double>(zeros) / count,
          static_cast<double>(dead_units) / static_cast<double>(columns),
          static_cast<double>(dense.weights().norm()),
          static_cast<double>(dense.weight_gradient().norm()),
          static_cast<double>(dense.bias_gradient().norm())};
}

// The layers' (W, b[, γ, β]) in the flat order: each W row by row, then its b, then its batch
// norm's [γ, β]. Parameters and gradients share this one packing, so they cannot drift apart.
// Writes into `flat` (of Scalar or a wider type), whose storage is reused when it already has
// `count` entries.
template <typename Scalar, typename Flat, typename Layers, typename WeightsOf, typename BiasOf,
          typename NormParametersOf>
void flatten(const Layers& layers, int count, WeightsOf weights_of, BiasOf bias_of,
             NormParametersOf norm_parameters_of, Vector<Flat>& flat) {
  flat.resize(count);
  Eigen::Index offset = 0;
  for (const auto& layer : layers) {
    const DenseLayer<Scalar>& dense = layer.dense;
    Eigen::Map<RowMajorMatrix<Flat>>(flat.data() + offset, dense.fan_in(), dense.fan_out()) =
        weights_of(dense).template cast<Flat>();
    offset += dense.weights().size();
    flat.segment(offset, dense.fan_out()) = bias_of(dense).transpose().template cast<Flat>();
    offset += dense.fan_out();
    if (!layer.batch_norm) continue;
    flat.segment(offset, layer.batch_norm->parameter_count()) =
        norm_parameters_of(*layer.batch_norm).template cast<Flat>();
    offset += layer.batch_norm->parameter_count();
  }
}

}  // namespace

std::string validate_network_config(const NetworkConfig& config) {
  std::string message = check_width("network: input width", config.input_width);
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
    message = check_width(name + " width", spec.width);
    if (!message.empty()) return message;
    message = validate_activation(spec.activation);
    if (!message.empty()) return name + ": " + message;
    const bool output_layer = index == depth - 1;
    if (spec.batch_norm) {
      if (output_layer) {
        return name + ": the output layer cannot have batch norm: its values are the " +
               "predictions, which must not depend on the rest of the batch";
      }
      message = validate_batch_norm(spec.width, kDefaultBatchNormEps, kDefaultBatchNormMomentum);
      if (!message.empty()) return name + ": " + message;
    }
    message = validate_dropout_rate(spec.dropout_rate);
    if (!message.empty()) return name + ": " + message;
    if (output_layer && spec.dropout_rate != 0.0) {
      return name + ": the output layer cannot have dropout: it would zero predictions";
    }
    if (!spec.residual) continue;
    if (index == 0 || output_layer) {
      return name + ": a residual connection joins two hidden layers, so neither the first " +
             "layer nor the output layer can have one";
    }
    const int previous_width = config.layers[static_cast<std::size_t>(index - 1)].width;
    if (previous_width != spec.width) {
      return name + ": a residual connection adds the layer's input to its output, so its width (" +
             std::to_string(spec.width) + ") must equal the previous layer's (" +
             std::to_string(previous_width) + ")";
    }
  }
  return "";
}

template <typename Scalar>
Network<Scalar>::Network(const NetworkConfig& config)
    : config_(config), dropout_rng_(derive_seed(config.seed, kDropoutSeedStream)) {
  const std::string message = validate_network_config(config);
  if (!message.empty()) throw std::invalid_argument(message);
  int fan_in = config.input_width;
  for (std::size_t index = 0; index < config.layers.size(); ++index) {
    const LayerSpec& spec = config.layers[index];
    Rng rng(derive_seed(config.seed, index));
    // A batch-norm layer's DenseLayer stops at z: f comes after the normalisation.
    const Activation dense_activation = spec.batch_norm ? Activation() : spec.activation;
    Layer layer(DenseLayer<Scalar>(fan_in, spec.width, dense_activation, config.initializer, rng),
                spec.activation);
    if (spec.batch_norm) layer.batch_norm.emplace(spec.width);
    if (spec.dropout_rate > 0.0) layer.dropout.emplace(spec.dropout_rate);
    parameter_count_ += layer.dense.parameter_count();
    if (layer.batch_norm) parameter_count_ += layer.batch_norm->parameter_count();
    layers_.push_back(std::move(layer));
    fan_in = spec.width;
  }
}

template <typename Scalar>
Vector<Scalar> Network<Scalar>::get_parameters() const {
  Vector<Scalar> parameters;
  flatten<Scalar>(
      layers_, parameter_count_,
      [](const DenseLayer<Scalar>& dense) -> const Matrix<Scalar>& { return dense.weights(); },
      [](const DenseLayer<Scalar>& dense) -> const RowVector<Scalar>& { return dense.bias(); },
      [](const BatchNorm<Scalar>& norm) { return norm.get_parameters(); }, parameters);
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
  Eigen::Index offset = 0;
  for (Layer& layer : layers_) {
    layer.dense.read_parameters(parameters.data() + offset);
    offset += layer.dense.parameter_count();
    if (!layer.batch_norm) continue;
    const int count = layer.batch_norm->parameter_count();
    layer.batch_norm->set_parameters(parameters.segment(offset, count).template cast<Scalar>());
    offset += count;
  }
  has_pass_ = false;
}

template <typename Scalar>
std::vector<RunningStatistics<Scalar>> Network<Scalar>::running_statistics() const {
  std::vector<RunningStatistics<Scalar>> statistics;
  for (const Layer& layer : layers_) {
    if (layer.batch_norm) statistics.push_back(layer.batch_norm->running_statistics());
  }
  return statistics;
}

template <typename Scalar>
void Network<Scalar>::set_running_statistics(
    const std::vector<RunningStatistics<Scalar>>& statistics) {
  const auto expected = static_cast<std::size_t>(std::count_if(
      layers_.begin(), layers_.end(), [](const Layer& layer) { return layer.batch_norm; }));
  if (statistics.size() != expected) {
    throw std::invalid_argument("network: expected running statistics for " +
                                std::to_string(expected) + " batch-norm layers, got " +
                                std::to_string(statistics.size()));
  }
  auto next = statistics.begin();
  for (Layer& layer : layers_) {
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
  Matrix<Scalar> current = inputs;
  for (std::size_t index = 0; index < layers_.size(); ++index) {
    const Layer& layer = layers_[index];
    Matrix<Scalar> next = layer.dense.apply(current);
    if (layer.batch_norm) next = activate(layer.activation, layer.batch_norm->apply(next));
    // Evaluation-mode dropout is the identity.
    if (config_.layers[index].residual) next += current;
    current = std::move(next);
  }
  return current;
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
  // Pointers into the layers' caches rather than copies: each value lives where it was computed.
  const Matrix<Scalar>* current = &inputs;
  for (std::size_t index = 0; index < layers_.size(); ++index) {
    Layer& layer = layers_[index];
    const Matrix<Scalar>* output = &layer.dense.forward(*current);
    if (layer.batch_norm) {
      layer.normalized = layer.batch_norm->forward(*output, true);
      activate(layer.activation, layer.normalized, layer.activated);
      output = &layer.activated;
    }
    if (layer.dropout) {
      layer.dropped = layer.dropout->forward(*output, true, dropout_rng_);
      output = &layer.dropped;
    }
    if (config_.layers[index].residual) {
      layer.with_skip = *output + *current;
      output = &layer.with_skip;
    }
    current = output;
  }
  // loss_value checks the targets' shape against the predictions'.
  const Scalar value = loss_value(loss, *current, targets);
  loss_gradient(loss, *current, targets, loss_gradient_);
  const Matrix<Scalar>* grad = &loss_gradient_;  // ∂L/∂(the layer's output)
  for (std::size_t index = layers_.size(); index-- > 0;) {
    Layer& layer = layers_[index];
    const Matrix<Scalar>* grad_activated = grad;
    if (layer.dropout) {
      layer.grad_activated = layer.dropout->backward(*grad);
      grad_activated = &layer.grad_activated;
    }
    layer.dense.zero_gradients();
    if (layer.batch_norm) {
      layer.batch_norm->zero_gradients();
      activation_backward(layer.activation, layer.normalized, layer.activated, *grad_activated,
                          layer.grad_normalized);
      layer.grad_dense = layer.batch_norm->backward(layer.grad_normalized);
      grad_activated = &layer.grad_dense;
    }
    if (index == 0) {  // the data's gradient is not needed
      layer.dense.accumulate_parameter_gradients(*grad_activated);
      break;
    }
    const Matrix<Scalar>* grad_input = &layer.dense.backward(*grad_activated);
    // The skip path a = f(z) + x passes ∂L/∂a to x unchanged.
    if (config_.layers[index].residual) {
      layer.grad_input = *grad_input + *grad;
      grad_input = &layer.grad_input;
    }
    grad = grad_input;
  }
  has_pass_ = true;
  flatten<Scalar>(
      layers_, parameter_count_,
      [](const DenseLayer<Scalar>& dense) -> const Matrix<Scalar>& {
        return dense.weight_gradient();
      },
      [](const DenseLayer<Scalar>& dense) -> const RowVector<Scalar>& {
        return dense.bias_gradient();
      },
      [](const BatchNorm<Scalar>& norm) { return norm.gradient(); }, gradient);
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
  const Layer& layer = layers_.at(static_cast<std::size_t>(index));
  // f's output before dropout: the DenseLayer's own output unless f comes after a batch norm.
  const Matrix<Scalar>& activated = layer.batch_norm ? layer.activated : layer.dense.output();
  return diagnose(activated, layer.dense);
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

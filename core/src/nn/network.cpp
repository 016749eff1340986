#include "descent/nn/network.hpp"

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

template <typename Scalar>
LayerDiagnostics diagnose(const DenseLayer<Scalar>& layer) {
  const Eigen::ArrayXXd values = layer.output().template cast<double>().array();
  const double mean = values.mean();
  const double variance = (values - mean).square().mean();
  const Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic> zero = values == 0.0;
  const double dead_units = static_cast<double>(zero.colwise().all().count());
  return {mean,
          std::sqrt(variance),
          static_cast<double>(zero.count()) / static_cast<double>(values.size()),
          dead_units / static_cast<double>(values.cols()),
          static_cast<double>(layer.weights().norm()),
          static_cast<double>(layer.weight_gradient().norm()),
          static_cast<double>(layer.bias_gradient().norm())};
}

// The layers' (W, b) pairs in the flat order: each W row by row, then its b. Parameters and
// gradients share this one packing, so they cannot drift apart.
template <typename Scalar, typename WeightsOf, typename BiasOf>
Vector<Scalar> flatten(const std::vector<DenseLayer<Scalar>>& layers, int count,
                       WeightsOf weights_of, BiasOf bias_of) {
  Vector<Scalar> flat(count);
  Eigen::Index offset = 0;
  for (const DenseLayer<Scalar>& layer : layers) {
    Eigen::Map<RowMajorMatrix<Scalar>>(flat.data() + offset, layer.fan_in(), layer.fan_out()) =
        weights_of(layer);
    offset += layer.weights().size();
    flat.segment(offset, layer.fan_out()) = bias_of(layer).transpose();
    offset += layer.fan_out();
  }
  return flat;
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
    if (!spec.residual) continue;
    if (index == 0 || index == depth - 1) {
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
Network<Scalar>::Network(const NetworkConfig& config) : config_(config) {
  const std::string message = validate_network_config(config);
  if (!message.empty()) throw std::invalid_argument(message);
  int fan_in = config.input_width;
  for (std::size_t index = 0; index < config.layers.size(); ++index) {
    const LayerSpec& spec = config.layers[index];
    Rng rng(derive_seed(config.seed, index));
    layers_.emplace_back(fan_in, spec.width, spec.activation, config.initializer, rng);
    parameter_count_ += layers_.back().parameter_count();
    fan_in = spec.width;
  }
}

template <typename Scalar>
Vector<Scalar> Network<Scalar>::get_parameters() const {
  return flatten(
      layers_, parameter_count_,
      [](const DenseLayer<Scalar>& layer) -> const Matrix<Scalar>& { return layer.weights(); },
      [](const DenseLayer<Scalar>& layer) -> const RowVector<Scalar>& { return layer.bias(); });
}

template <typename Scalar>
void Network<Scalar>::set_parameters(const Vector<Scalar>& parameters) {
  if (parameters.size() != parameter_count_) {
    throw std::invalid_argument("network: expected " + std::to_string(parameter_count_) +
                                " parameters, got " + std::to_string(parameters.size()));
  }
  Eigen::Index offset = 0;
  for (DenseLayer<Scalar>& layer : layers_) {
    layer.set_weights(Eigen::Map<const RowMajorMatrix<Scalar>>(parameters.data() + offset,
                                                               layer.fan_in(), layer.fan_out()));
    offset += layer.weights().size();
    layer.set_bias(parameters.segment(offset, layer.fan_out()).transpose());
    offset += layer.fan_out();
  }
  has_pass_ = false;
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
    Matrix<Scalar> next = layers_[index].apply(current);
    if (config_.layers[index].residual) next += current;
    current = std::move(next);
  }
  return current;
}

template <typename Scalar>
LossAndGradient<Scalar> Network<Scalar>::loss_and_gradient(const Matrix<Scalar>& inputs,
                                                           const Matrix<Scalar>& targets,
                                                           const Loss& loss) {
  require_batch(inputs);
  has_pass_ = false;  // until the backward pass completes
  Matrix<Scalar> current = inputs;
  for (std::size_t index = 0; index < layers_.size(); ++index) {
    Matrix<Scalar> next = layers_[index].forward(current);
    if (config_.layers[index].residual) next += current;
    current = std::move(next);
  }
  // loss_value checks the targets' shape against the predictions'.
  const Scalar value = loss_value(loss, current, targets);
  Matrix<Scalar> grad = loss_gradient(loss, current, targets);
  for (std::size_t index = layers_.size(); index-- > 0;) {
    DenseLayer<Scalar>& layer = layers_[index];
    layer.zero_gradients();
    Matrix<Scalar> grad_input = layer.backward(grad);
    // The skip path a = f(z) + x passes ∂L/∂a to x unchanged.
    if (config_.layers[index].residual) grad_input += grad;
    grad = std::move(grad_input);
  }
  has_pass_ = true;
  return {value, flatten(
                     layers_, parameter_count_,
                     [](const DenseLayer<Scalar>& layer) -> const Matrix<Scalar>& {
                       return layer.weight_gradient();
                     },
                     [](const DenseLayer<Scalar>& layer) -> const RowVector<Scalar>& {
                       return layer.bias_gradient();
                     })};
}

template <typename Scalar>
std::vector<LayerDiagnostics> Network<Scalar>::layer_diagnostics() const {
  std::vector<LayerDiagnostics> diagnostics;
  if (!has_pass_) return diagnostics;
  diagnostics.reserve(layers_.size());
  for (const DenseLayer<Scalar>& layer : layers_) diagnostics.push_back(diagnose(layer));
  return diagnostics;
}

template class Network<float>;
template class Network<double>;

}  // namespace descent::nn

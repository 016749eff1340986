#pragma once
// A sequential stack of dense layers, built from a validated config, with every parameter exposed
// as one flat vector so the optimizers that move points on surfaces train networks too.
//
// Flat parameter order (get_parameters, set_parameters, the gradient of loss_and_gradient): layer
// by layer from the input; within a layer its weights W row by row — W(i, j), input i to unit j,
// at offset i·fan_out + j, the order initialize_weights draws them in — then its bias
// b(0..fan_out).
//
// Residual (skip) connections: a layer marked residual outputs a = f(z) + x, x its own input, so
// the gradient reaching x gets a direct path around the layer (He et al. 2016). Only a hidden
// layer (not the first, not the output layer) of the same width as the hidden layer before it can
// be residual.
#include <cstdint>
#include <string>
#include <vector>

#include "descent/nn/activation.hpp"
#include "descent/nn/dense_layer.hpp"
#include "descent/nn/initializer.hpp"
#include "descent/nn/loss.hpp"
#include "descent/nn/tensor.hpp"

namespace descent::nn {

// Limits of validate_network_config: enough for every lesson, small enough to stay interactive.
constexpr int kMaxLayerWidth = 1024;
constexpr int kMaxNetworkDepth = 64;

struct LayerSpec {
  int width = 1;          // units: the layer's fan_out
  Activation activation;  // linear by default; parse names with activation_from_name
  bool residual = false;  // a = f(z) + input of the layer
};

struct NetworkConfig {
  int input_width = 1;            // features per sample
  std::vector<LayerSpec> layers;  // hidden layers, then the output layer (the last entry)
  Initializer initializer;        // for every layer's weights; biases start at 0
  std::uint64_t seed = 0;         // layer l (0 = first) draws from Rng(derive_seed(seed, l))
};

// "" when valid, otherwise a message naming the offending layer (1-based, as a user counts): input
// width and every layer width in [1, kMaxLayerWidth], 1 to kMaxNetworkDepth layers, valid
// activations and initializer, residual only where allowed (see above).
std::string validate_network_config(const NetworkConfig& config);

// What the dynamics explorer plots for one layer, from the last loss_and_gradient.
struct LayerDiagnostics {
  double activation_mean;       // mean of f(z) over the batch and the units (before any skip add)
  double activation_std;        // population standard deviation of the same values
  double zero_fraction;         // fraction of those values exactly 0 (ReLU: inactive on a sample)
  double dead_unit_fraction;    // fraction of units whose f(z) is exactly 0 on every sample
  double weight_norm;           // ‖W‖, Frobenius
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
  // network's weights rounded to float.
  explicit Network(const NetworkConfig& config);

  const NetworkConfig& config() const { return config_; }
  int input_width() const { return config_.input_width; }
  int output_width() const { return config_.layers.back().width; }
  int depth() const { return static_cast<int>(layers_.size()); }
  const DenseLayer<Scalar>& layer(int index) const { return layers_.at(index); }

  int parameter_count() const { return parameter_count_; }
  Vector<Scalar> get_parameters() const;
  // Throws std::invalid_argument unless parameters has parameter_count() entries. Clears the
  // diagnostics, which described the old parameters.
  void set_parameters(const Vector<Scalar>& parameters);

  // The network's outputs for a batch (one row per sample), leaving the diagnostics alone. Throws
  // std::invalid_argument unless inputs has input_width() columns and at least one row.
  Matrix<Scalar> predict(const Matrix<Scalar>& inputs) const;

  // Forward and backward pass on a batch: the mean loss (see loss.hpp; the output layer's values
  // are the loss's predictions, so the cross-entropy losses want a linear output layer: they take
  // logits) and its gradient wrt every parameter. Targets are not re-checked for the loss's domain
  // (use check_loss_inputs once per data set). Throws std::invalid_argument like predict, and when
  // targets are not batch rows × output_width().
  LossAndGradient<Scalar> loss_and_gradient(const Matrix<Scalar>& inputs,
                                            const Matrix<Scalar>& targets, const Loss& loss);

  // One entry per layer from the last loss_and_gradient; empty before the first and after
  // set_parameters.
  std::vector<LayerDiagnostics> layer_diagnostics() const;

 private:
  void require_batch(const Matrix<Scalar>& inputs) const;

  NetworkConfig config_;
  std::vector<DenseLayer<Scalar>> layers_;
  int parameter_count_ = 0;
  bool has_pass_ = false;  // the layers' caches and gradients describe the current parameters
};

extern template class Network<float>;
extern template class Network<double>;

}  // namespace descent::nn

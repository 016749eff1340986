#include "descent/nn/regularization.hpp"

#include <utility>
#include <vector>

#include "descent/math/messages.hpp"

namespace descent::nn {

std::string validate_regularization(const Regularization& regularization) {
  return first_message(
      {check_range("regularization", "l1", regularization.l1, 0.0, kMaxRegularizationStrength),
       check_range("regularization", "l2", regularization.l2, 0.0, kMaxRegularizationStrength)});
}

Eigen::VectorXd weight_mask(const NetworkConfig& config) {
  const std::vector<TensorShape> inputs = layer_input_shapes(config);
  // Per layer: its weights, then the entries that are not weights (biases; batch norm's γ, β).
  std::vector<std::pair<Eigen::Index, Eigen::Index>> layers;
  Eigen::Index count = 0;
  for (std::size_t index = 0; index < config.layers.size(); ++index) {
    const LayerSpec& layer = config.layers[index];
    const Eigen::Index width = layer.width;
    Eigen::Index weights = 0, others = 0;
    if (layer.kind == LayerKind::kDense) {
      weights = static_cast<Eigen::Index>(inputs[index].features()) * width;
      // The bias, and a batch norm's γ and β: per-unit scales and shifts, not weights.
      others = layer.batch_norm ? 3 * width : width;
    } else if (layer.kind == LayerKind::kConvolution) {
      const Eigen::Index kernel = layer.window.kernel;
      weights = kernel * kernel * (inputs[index].channels() / layer.groups) * width;
      others = width;
    }
    layers.emplace_back(weights, others);
    count += weights + others;
  }
  Eigen::VectorXd mask(count);
  Eigen::Index offset = 0;
  for (const auto& [weights, others] : layers) {
    mask.segment(offset, weights).setOnes();
    mask.segment(offset + weights, others).setZero();
    offset += weights + others;
  }
  return mask;
}

double regularization_penalty(const Regularization& regularization,
                              const Eigen::VectorXd& parameters,
                              const Eigen::VectorXd& weight_mask) {
  const Eigen::ArrayXd weights = parameters.array() * weight_mask.array();
  return regularization.l1 * weights.abs().sum() + 0.5 * regularization.l2 * weights.square().sum();
}

void add_regularization_gradient(const Regularization& regularization,
                                 const Eigen::VectorXd& parameters,
                                 const Eigen::VectorXd& weight_mask, Eigen::VectorXd& gradient) {
  if (regularization.l1 == 0.0 && regularization.l2 == 0.0) return;
  const double l1 = regularization.l1;
  for (Eigen::Index i = 0; i < gradient.size(); ++i) {
    if (weight_mask[i] == 0.0) continue;
    const double w = parameters[i];
    gradient[i] += regularization.l2 * w;
    if (l1 == 0.0) continue;
    if (w != 0.0) {
      gradient[i] += w > 0.0 ? l1 : -l1;
    } else {
      const double g = gradient[i];  // the data gradient: w = 0 adds no l2 term
      gradient[i] = g > l1 ? g - l1 : (g < -l1 ? g + l1 : 0.0);
    }
  }
}

void project_to_l1_orthant(const Regularization& regularization, const Eigen::VectorXd& before,
                           const Eigen::VectorXd& step_gradient, const Eigen::VectorXd& weight_mask,
                           Eigen::VectorXd& after) {
  if (regularization.l1 == 0.0) return;
  for (Eigen::Index i = 0; i < after.size(); ++i) {
    if (weight_mask[i] == 0.0) continue;
    const double orthant = before[i] != 0.0 ? before[i] : -step_gradient[i];
    if (orthant * after[i] <= 0.0) after[i] = 0.0;
  }
}

}  // namespace descent::nn

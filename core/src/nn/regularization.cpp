#include "descent/nn/regularization.hpp"

#include "descent/math/messages.hpp"

namespace descent::nn {

std::string validate_regularization(const Regularization& regularization) {
  return first_message(
      {check_range("regularization", "l1", regularization.l1, 0.0, kMaxRegularizationStrength),
       check_range("regularization", "l2", regularization.l2, 0.0, kMaxRegularizationStrength)});
}

Eigen::VectorXd weight_mask(const NetworkConfig& config) {
  Eigen::Index count = 0;
  int fan_in = config.input_width;
  for (const LayerSpec& layer : config.layers) {
    count += static_cast<Eigen::Index>(fan_in) * layer.width + layer.width;
    if (layer.batch_norm) count += 2 * layer.width;  // γ and β
    fan_in = layer.width;
  }
  Eigen::VectorXd mask(count);
  Eigen::Index offset = 0;
  fan_in = config.input_width;
  for (const LayerSpec& layer : config.layers) {
    const Eigen::Index weights = static_cast<Eigen::Index>(fan_in) * layer.width;
    mask.segment(offset, weights).setOnes();
    // The bias, and a batch norm's γ and β: per-unit scales and shifts, not weights.
    const Eigen::Index others = layer.batch_norm ? 3 * layer.width : layer.width;
    mask.segment(offset + weights, others).setZero();
    offset += weights + others;
    fan_in = layer.width;
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
  const Eigen::ArrayXd weights = parameters.array() * weight_mask.array();
  // Eigen's sign() is 0 at 0, torch's subgradient choice for |w|.
  gradient.array() += regularization.l1 * weights.sign() + regularization.l2 * weights;
}

}  // namespace descent::nn

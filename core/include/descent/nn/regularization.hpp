#pragma once
// L1 and L2 penalties on a network's weights, added to the data loss and its gradient:
//   penalty = l1·Σ|w| + (l2/2)·Σw²,   ∂penalty/∂w = l1·sign(w) + l2·w   (sign(0) = 0, as torch)
// The sums run over the weight matrices only, never the biases: a bias shifts a unit without
// making the function it computes more complex, so shrinking it buys no smoothness (the usual
// convention, e.g. Goodfellow et al., Deep Learning, §7.1).
// The ½ on L2 makes its gradient l2·w, so l2 = λ with plain SGD is exactly SGD's coupled
// weight_decay λ (except that weight_decay also decays the biases).
//
// Decoupled weight decay (Loshchilov & Hutter 2019) is not a loss term: it is the "adamw"
// optimizer's weight_decay hyper-parameter (OptimizerSettings), which shrinks every parameter,
// biases included, as torch.optim.AdamW does with a single parameter group.
#include <Eigen/Dense>
#include <string>

#include "descent/nn/network.hpp"

namespace descent::nn {

// Largest l1 or l2 validate_regularization accepts: beyond it the penalty swamps any data loss.
constexpr double kMaxRegularizationStrength = 10.0;

struct Regularization {
  double l1 = 0.0;  // strength of l1·Σ|w| (≥ 0; pushes weights to exactly 0)
  double l2 = 0.0;  // strength of (l2/2)·Σw² (≥ 0; shrinks weights in proportion to their size)
};

// "" when l1 and l2 are finite and in [0, kMaxRegularizationStrength].
std::string validate_regularization(const Regularization& regularization);

// One entry per parameter in the network's flat order (see network.hpp): 1 for a weight, 0 for a
// bias or a batch norm's γ or β. Precondition: config valid (validate_network_config).
Eigen::VectorXd weight_mask(const NetworkConfig& config);

// The penalty at `parameters`. Precondition: parameters and weight_mask have the same size.
double regularization_penalty(const Regularization& regularization,
                              const Eigen::VectorXd& parameters,
                              const Eigen::VectorXd& weight_mask);

// Adds ∂penalty/∂parameters to `gradient`. Precondition: the three vectors have the same size.
void add_regularization_gradient(const Regularization& regularization,
                                 const Eigen::VectorXd& parameters,
                                 const Eigen::VectorXd& weight_mask, Eigen::VectorXd& gradient);

}  // namespace descent::nn

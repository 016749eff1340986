#pragma once
// L1 and L2 penalties on a network's weights, added to the data loss and its gradient:
//   penalty = l1·Σ|w| + (l2/2)·Σw²,   ∂penalty/∂w = l1·sign(w) + l2·w   (w ≠ 0)
// The sums run over the weight matrices only, never the biases: a bias shifts a unit without
// making the function it computes more complex, so shrinking it buys no smoothness (the usual
// convention, e.g. Goodfellow et al., Deep Learning, §7.1).
// The ½ on L2 makes its gradient l2·w, so l2 = λ with plain SGD is exactly SGD's coupled
// weight_decay λ (except that weight_decay also decays the biases).
//
// |w| has a kink at 0, and a plain subgradient step never lands a weight on exactly 0: it jitters
// across it. So L1 is applied orthant-wise, as OWL-QN does (Andrew & Gao 2007), which works with
// any optimizer: the step uses the pseudo-gradient (at w = 0 the data gradient g soft-thresholded,
// g ∓ l1 when |g| > l1, else 0: zero stays optimal while the data pulls less than l1), and a weight
// the step would carry across 0 (out of its orthant) is set to exactly 0. This is what makes L1
// "produce sparse weights" in the widgets, with exact zeros as the lesson promises.
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

// One entry per parameter in the network's flat order (see network.hpp): 1 for a weight (dense or
// convolution kernel), 0 for a bias or a batch norm's γ or β. Precondition: config valid
// (validate_network_config).
Eigen::VectorXd weight_mask(const NetworkConfig& config);

// The penalty at `parameters`. Precondition: parameters and weight_mask have the same size.
double regularization_penalty(const Regularization& regularization,
                              const Eigen::VectorXd& parameters,
                              const Eigen::VectorXd& weight_mask);

// Turns the data loss's `gradient` into the step direction of loss + penalty: adds l2·w and, for
// L1, l1·sign(w) where w ≠ 0 and the soft-thresholded data gradient where w = 0 (see above).
// Precondition: the three vectors have the same size.
void add_regularization_gradient(const Regularization& regularization,
                                 const Eigen::VectorXd& parameters,
                                 const Eigen::VectorXd& weight_mask, Eigen::VectorXd& gradient);

// After an optimizer step from `before` along `step_gradient` (add_regularization_gradient's
// output), sets to exactly 0 every weight of `after` that left its orthant: the sign of its value
// before the step, or for a weight that was 0, the sign of −step_gradient. No-op when l1 = 0.
// Precondition: the four vectors have the same size.
void project_to_l1_orthant(const Regularization& regularization, const Eigen::VectorXd& before,
                           const Eigen::VectorXd& step_gradient, const Eigen::VectorXd& weight_mask,
                           Eigen::VectorXd& after);

}  // namespace descent::nn

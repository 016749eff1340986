#pragma once
// The training-dynamics explorer's verdict on one backward pass: does the gradient reach the first
// layer (healthy), arrive weakened (fading), all but vanish (vanishing), blow up (exploding), or
// stop being a number at all (non-finite: NaN or Inf)?
//
// The evidence is the per-layer weight-gradient norms g_l = ‖∂L/∂W_l‖ (Frobenius; what
// `p.grad.norm()` logs in torch), l = 1 the layer next to the input, l = L the output layer, and
// the loss. The rule, in order:
//   1. the loss or any g_l is NaN or ±Inf                                  → non-finite
//   2. the largest g_l is above kExplodingNorm                              → exploding
//   3. the loss is above kFittedLoss and every g_l is below
//      kVanishingGradientPerLoss × the loss (no layer gets a usable signal,
//      as when the weights start far too small)                             → vanishing
//   4. the flow ratio r = g_1 / max_l g_l is below kVanishingRatio          → vanishing
//   5. r is below kFadingRatio                                              → fading
//   6. otherwise                                                            → healthy
// r compares layer 1, the last to hear from the loss, with the layer that hears most. (Not with
// the output layer: once the output layer has learnt the class balance its own gradient shrinks,
// and a starved layer 1 would then look fine.) A large gradient is judged by its absolute size
// alone: with batch norm the first layer's gradient is often the largest, harmlessly.
// Vanishing below 10⁻⁴ is the seeds' gradient-flow scale. Fading starts below 1/50 rather than the
// seeds' 1/10: a 20-layer ReLU network with He initialisation, the textbook healthy case, spreads
// its layers' norms over a factor of up to ~40 at width 32 (random weights, and layer 1 sums over
// only its 2 inputs), while sigmoid networks fall below 1/50 from 3 layers on.
// The absolute limits are for this probe's loss, binary cross-entropy on inputs of size ~1: at the
// usual learning rate of 0.1 a norm of 100 moves a weight matrix by 10 in one step. The vanishing
// floor is relative to the loss (at the starting loss ln 2 it is 7·10⁻⁴), and a network that has
// fitted the data rightly has tiny gradients, so it does not apply below kFittedLoss.
//
// The explorer shades the healthy band [max(kVanishingGradientPerLoss·loss, kFadingRatio·max_l
// g_l), kExplodingNorm]: a first-layer bar inside it is healthy, below it fading or vanishing, any
// bar above it exploding.
#include <string>
#include <vector>

namespace descent {

enum class FlowVerdict { kHealthy, kFading, kVanishing, kExploding, kNonFinite };

// r below this: the gradient reaching layer 1 is under a fiftieth of the strongest layer's.
constexpr double kFadingRatio = 2e-2;
// r below this: layer 1 learns ten thousand times slower than the fastest layer.
constexpr double kVanishingRatio = 1e-4;
// Any g_l above this: one step at learning rate 0.1 moves weights by 10 or more.
constexpr double kExplodingNorm = 1e2;
// Every g_l below this times the loss: no layer receives a usable signal, whatever the ratio.
constexpr double kVanishingGradientPerLoss = 1e-3;
// Mean cross-entropy below this: every sample is classified with ~95 % confidence or better.
constexpr double kFittedLoss = 0.05;

// "healthy", "fading", "vanishing", "exploding", "nan" (what the widget and its URL use).
std::string flow_verdict_name(FlowVerdict verdict);

// The rule above. gradient_norms holds g_1 … g_L (at least one entry).
FlowVerdict classify_gradient_flow(const std::vector<double>& gradient_norms, double loss);

// g_1 / max_l g_l, the number the ratio bands look at (NaN when every g_l is 0, or not finite).
double gradient_flow_ratio(const std::vector<double>& gradient_norms);

}  // namespace descent

#pragma once
// What the loss-function explorer (<descent-loss>) shows, computed from the core's losses
// (nn/loss.hpp): each loss and its gradient as a function of one input (the error for regression
// losses, the logit for classification losses), a straight line fitted to points under each
// regression loss (how far one outlier pulls it), categorical cross-entropy of an editable
// softmax output, and KL divergence in both directions.
#include <cstdint>
#include <string>
#include <vector>

#include "descent/nn/loss.hpp"

namespace descent {

constexpr int kMinLossCurveSamples = 2;
constexpr int kMaxLossCurveSamples = 4001;
constexpr int kMaxLineFitPoints = 500;
constexpr int kMaxDistributionSize = 32;

// Curves: mse, mae, huber of the error d = prediction − target; bce, mse_sigmoid (MSE on σ(z), the
// "why not MSE for classification" curve), focal and hinge of the logit z for one binary target.
const std::vector<std::string>& loss_curve_names();

struct LossCurveRequest {
  std::string curve = "mse";
  double huber_delta = 1.0;  // δ of huber
  double focal_gamma = 2.0;  // γ of focal
  int target = 1;            // binary curves: the true label, 0 or 1 (hinge uses it as −1 or +1)
  double from = -3.0;        // the input range sampled, from < to
  double to = 3.0;
  int samples = 201;
};

// "" when the request is valid, otherwise what is wrong.
std::string validate_loss_curve_request(const LossCurveRequest& request);

// One sample's loss ℓ and its derivative dℓ/d(input) at `samples` evenly spaced inputs.
struct LossCurve {
  std::vector<double> input;
  std::vector<double> value;
  std::vector<double> gradient;
};

// Throws std::invalid_argument for an invalid request.
LossCurve loss_curve(const LossCurveRequest& request);

// A line y = slope·x + intercept fitted to the points by minimising the mean loss (mse, mae or
// huber) with Adam from the least-squares line, the learning rate decaying linearly to 0.
struct LineFit {
  double slope = 0.0;
  double intercept = 0.0;
  double loss = 0.0;              // mean loss of the fitted line
  std::vector<double> residuals;  // prediction − target per point
  std::vector<double> gradients;  // ∂(mean loss)/∂prediction per point: each point's pull
};

constexpr int kLineFitSteps = 3000;

// "" when xs and ys have the same length (2..kMaxLineFitPoints), are finite, the xs not all equal,
// and the loss is mse, mae or huber with valid parameters.
std::string validate_line_fit(const std::vector<double>& xs, const std::vector<double>& ys,
                              const nn::Loss& loss);
LineFit fit_line(const std::vector<double>& xs, const std::vector<double>& ys,
                 const nn::Loss& loss);

// `count` points near y = 0.5·x + 1 for x in [−3, 3] with Gaussian noise σ = 0.3 (seeded).
struct PointSet {
  std::vector<double> xs;
  std::vector<double> ys;
};
PointSet line_fit_points(int count, std::uint64_t seed);

// Categorical cross-entropy of a softmax output p for a true class: the logits are log p, so the
// softmax reproduces p (normalised), the loss is −log p[class] and its gradient wrt the logits is
// p − one_hot(class) (both from nn::loss_value / nn::loss_gradient).
struct CategoricalResult {
  std::vector<double> probabilities;   // p normalised to sum to 1
  std::vector<double> logits;          // log p
  double loss = 0.0;                   // −log p[class]
  std::vector<double> logit_gradient;  // p − one_hot(class)
};
// "" when 2..kMaxDistributionSize finite positive entries and 0 ≤ true_class < size.
std::string validate_categorical(const std::vector<double>& probabilities, int true_class);
CategoricalResult categorical_cross_entropy(const std::vector<double>& probabilities,
                                            int true_class);

// KL(P‖Q) and KL(Q‖P) of two distributions (each normalised). Infinite when the second
// distribution gives 0 where the first has mass (then the core's loss is not evaluated).
struct KlComparison {
  std::vector<double> p;
  std::vector<double> q;
  double kl_p_q = 0.0;  // Σ p·log(p/q)
  double kl_q_p = 0.0;  // Σ q·log(q/p)
};
// "" when P and Q have the same size (2..kMaxDistributionSize), finite entries ≥ 0, each with a
// positive sum.
std::string validate_kl(const std::vector<double>& p, const std::vector<double>& q);
KlComparison kl_both_ways(const std::vector<double>& p, const std::vector<double>& q);

}  // namespace descent

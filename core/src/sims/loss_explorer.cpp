#include "descent/sims/loss_explorer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "descent/math/messages.hpp"
#include "descent/math/rng.hpp"
#include "descent/nn/activation.hpp"
#include "descent/optim/adam.hpp"

namespace descent {
namespace {

using nn::Matrix;

Matrix<double> scalar_matrix(double value) { return Matrix<double>::Constant(1, 1, value); }

nn::Loss loss_of(nn::LossKind kind, double huber_delta, double focal_gamma) {
  nn::Loss loss;
  loss.kind = kind;
  loss.huber_delta = huber_delta;
  loss.focal_gamma = focal_gamma;
  return loss;
}

bool is_regression(nn::LossKind kind) {
  return kind == nn::LossKind::kMse || kind == nn::LossKind::kMae || kind == nn::LossKind::kHuber;
}

std::string check_distribution(const std::vector<double>& values, const std::string& name,
                               bool allow_zero) {
  const int size = static_cast<int>(values.size());
  if (size < 2 || size > kMaxDistributionSize) {
    return name + " needs between 2 and " + std::to_string(kMaxDistributionSize) + " entries";
  }
  double sum = 0.0;
  for (double v : values) {
    if (!std::isfinite(v) || v < 0.0 || (!allow_zero && v == 0.0)) {
      return name +
             (allow_zero ? " entries must be finite and ≥ 0" : " entries must be finite and > 0");
    }
    sum += v;
  }
  if (!(sum > 0.0)) return name + " must have a positive sum";
  return "";
}

std::vector<double> normalised(const std::vector<double>& values) {
  double sum = 0.0;
  for (double v : values) sum += v;
  std::vector<double> result(values);
  for (double& v : result) v /= sum;
  return result;
}

// KL(a‖b) with the core's kl_divergence (targets a, logits log b); +∞ when b misses a's mass.
double kl_divergence(const std::vector<double>& a, const std::vector<double>& b) {
  const int k = static_cast<int>(a.size());
  Matrix<double> targets(1, k), logits(1, k);
  for (int j = 0; j < k; ++j) {
    if (b[j] == 0.0 && a[j] > 0.0) return std::numeric_limits<double>::infinity();
    targets(0, j) = a[j];
    // Where both are 0 the term is 0·log 0 = 0 whatever the logit; any finite one will do.
    logits(0, j) = b[j] > 0.0 ? std::log(b[j]) : 0.0;
  }
  return nn::loss_value(loss_of(nn::LossKind::kKlDivergence, 1.0, 2.0), logits, targets);
}

}  // namespace

const std::vector<std::string>& loss_curve_names() {
  static const std::vector<std::string> names = {"mse",         "mae",   "huber", "bce",
                                                 "mse_sigmoid", "focal", "hinge"};
  return names;
}

std::string validate_loss_curve_request(const LossCurveRequest& request) {
  const auto& names = loss_curve_names();
  if (std::find(names.begin(), names.end(), request.curve) == names.end()) {
    std::string list;
    for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
    return "unknown loss curve \"" + shorten_text(request.curve) + "\" (valid: " + list + ")";
  }
  if (!std::isfinite(request.huber_delta) || request.huber_delta <= 0.0) {
    return "huber delta must be a finite number > 0";
  }
  if (!std::isfinite(request.focal_gamma) || request.focal_gamma < 0.0) {
    return "focal gamma must be a finite number ≥ 0";
  }
  if (request.target != 0 && request.target != 1) return "target must be 0 or 1";
  if (!std::isfinite(request.from) || !std::isfinite(request.to) || !(request.from < request.to)) {
    return "the input range needs finite from < to";
  }
  if (request.samples < kMinLossCurveSamples || request.samples > kMaxLossCurveSamples) {
    return "samples must be between " + std::to_string(kMinLossCurveSamples) + " and " +
           std::to_string(kMaxLossCurveSamples);
  }
  return "";
}

LossCurve loss_curve(const LossCurveRequest& request) {
  if (auto message = validate_loss_curve_request(request); !message.empty()) {
    throw std::invalid_argument(message);
  }
  const std::string& curve = request.curve;
  nn::Loss loss;
  double target = request.target;
  if (curve == "mse" || curve == "mse_sigmoid") loss.kind = nn::LossKind::kMse;
  if (curve == "mae") loss.kind = nn::LossKind::kMae;
  if (curve == "huber") loss.kind = nn::LossKind::kHuber;
  if (curve == "bce") loss.kind = nn::LossKind::kBinaryCrossEntropy;
  if (curve == "focal") loss.kind = nn::LossKind::kFocal;
  if (curve == "hinge") {
    loss.kind = nn::LossKind::kHinge;
    target = request.target == 1 ? 1.0 : -1.0;  // hinge labels are ±1
  }
  if (is_regression(loss.kind) && curve != "mse_sigmoid") target = 0.0;  // input = the error d
  loss.huber_delta = request.huber_delta;
  loss.focal_gamma = request.focal_gamma;
  const nn::Activation sigmoid(nn::ActivationKind::kSigmoid);
  const Matrix<double> targets = scalar_matrix(target);

  LossCurve result;
  const int n = request.samples;
  for (int i = 0; i < n; ++i) {
    const double input = request.from + (request.to - request.from) * i / (n - 1);
    const Matrix<double> z = scalar_matrix(input);
    double value = 0.0, gradient = 0.0;
    if (curve == "mse_sigmoid") {
      // Chain rule through the sigmoid: dℓ/dz = dℓ/dp · σ'(z), the factor that vanishes.
      const Matrix<double> p = nn::activate(sigmoid, z);
      value = nn::loss_value(loss, p, targets);
      gradient = nn::activation_backward(sigmoid, z, p, nn::loss_gradient(loss, p, targets))(0, 0);
    } else {
      value = nn::loss_value(loss, z, targets);
      gradient = nn::loss_gradient(loss, z, targets)(0, 0);
    }
    result.input.push_back(input);
    result.value.push_back(value);
    result.gradient.push_back(gradient);
  }
  return result;
}

std::string validate_line_fit(const std::vector<double>& xs, const std::vector<double>& ys,
                              const nn::Loss& loss) {
  if (!is_regression(loss.kind)) return "a line is fitted with mse, mae or huber";
  if (auto message = nn::validate_loss(loss); !message.empty()) return message;
  if (xs.size() != ys.size()) return "the points need as many y values as x values";
  const int n = static_cast<int>(xs.size());
  if (n < 2 || n > kMaxLineFitPoints) {
    return "a line fit needs between 2 and " + std::to_string(kMaxLineFitPoints) + " points";
  }
  for (int i = 0; i < n; ++i) {
    if (!std::isfinite(xs[i]) || !std::isfinite(ys[i])) return "every point must be finite";
  }
  if (std::all_of(xs.begin(), xs.end(), [&](double x) { return x == xs[0]; })) {
    return "the points need at least two different x values";
  }
  return "";
}

LineFit fit_line(const std::vector<double>& xs, const std::vector<double>& ys,
                 const nn::Loss& loss) {
  if (auto message = validate_line_fit(xs, ys, loss); !message.empty()) {
    throw std::invalid_argument(message);
  }
  const int n = static_cast<int>(xs.size());
  Matrix<double> inputs(n, 1), targets(n, 1);
  for (int i = 0; i < n; ++i) {
    inputs(i, 0) = xs[i];
    targets(i, 0) = ys[i];
  }
  // Start from the least-squares line (exact for mse), then let Adam minimise the chosen loss.
  const double mean_x = inputs.mean(), mean_y = targets.mean();
  const double sxx = (inputs.array() - mean_x).square().sum();
  const double sxy = ((inputs.array() - mean_x) * (targets.array() - mean_y)).sum();
  Eigen::VectorXd line(2);
  line << sxy / sxx, mean_y - sxy / sxx * mean_x;
  const auto predict = [&](const Eigen::VectorXd& l) -> Matrix<double> {
    return (inputs.array() * l(0) + l(1)).matrix();
  };
  if (loss.kind != nn::LossKind::kMse) {
    Adam adam(Adam::Params{}, 2);
    const double first_rate = 0.05;
    Eigen::VectorXd gradient(2);
    for (int step = 0; step < kLineFitSteps; ++step) {
      const Matrix<double> per_point = nn::loss_gradient(loss, predict(line), targets);
      gradient << (per_point.array() * inputs.array()).sum(), per_point.sum();
      // Linear decay to 0 lets Adam settle on the kinked mae/huber minimum instead of hopping.
      adam.step(line, gradient, first_rate * (1.0 - static_cast<double>(step) / kLineFitSteps));
    }
  }
  LineFit fit;
  fit.slope = line(0);
  fit.intercept = line(1);
  const Matrix<double> predictions = predict(line);
  fit.loss = nn::loss_value(loss, predictions, targets);
  const Matrix<double> per_point = nn::loss_gradient(loss, predictions, targets);
  for (int i = 0; i < n; ++i) {
    fit.residuals.push_back(predictions(i, 0) - targets(i, 0));
    fit.gradients.push_back(per_point(i, 0));
  }
  return fit;
}

PointSet line_fit_points(int count, std::uint64_t seed) {
  Rng rng(seed);
  PointSet points;
  for (int i = 0; i < count; ++i) {
    const double x = count == 1 ? 0.0 : -3.0 + 6.0 * i / (count - 1);
    points.xs.push_back(x);
    points.ys.push_back(0.5 * x + 1.0 + rng.normal(0.0, 0.3));
  }
  return points;
}

std::string validate_categorical(const std::vector<double>& probabilities, int true_class) {
  if (auto message = check_distribution(probabilities, "the softmax output", false);
      !message.empty()) {
    return message;
  }
  if (true_class < 0 || true_class >= static_cast<int>(probabilities.size())) {
    return "the true class must be between 0 and " + std::to_string(probabilities.size() - 1);
  }
  return "";
}

CategoricalResult categorical_cross_entropy(const std::vector<double>& probabilities,
                                            int true_class) {
  if (auto message = validate_categorical(probabilities, true_class); !message.empty()) {
    throw std::invalid_argument(message);
  }
  const int k = static_cast<int>(probabilities.size());
  CategoricalResult result;
  result.probabilities = normalised(probabilities);
  Matrix<double> logits(1, k), one_hot = Matrix<double>::Zero(1, k);
  for (int j = 0; j < k; ++j) {
    result.logits.push_back(std::log(result.probabilities[j]));
    logits(0, j) = result.logits[j];
  }
  one_hot(0, true_class) = 1.0;
  const nn::Loss loss = loss_of(nn::LossKind::kCrossEntropy, 1.0, 2.0);
  result.loss = nn::loss_value(loss, logits, one_hot);
  const Matrix<double> gradient = nn::loss_gradient(loss, logits, one_hot);
  for (int j = 0; j < k; ++j) result.logit_gradient.push_back(gradient(0, j));
  return result;
}

std::string validate_kl(const std::vector<double>& p, const std::vector<double>& q) {
  if (auto message = check_distribution(p, "P", true); !message.empty()) return message;
  if (auto message = check_distribution(q, "Q", true); !message.empty()) return message;
  if (p.size() != q.size()) return "P and Q need the same number of entries";
  return "";
}

KlComparison kl_both_ways(const std::vector<double>& p, const std::vector<double>& q) {
  if (auto message = validate_kl(p, q); !message.empty()) throw std::invalid_argument(message);
  KlComparison result;
  result.p = normalised(p);
  result.q = normalised(q);
  result.kl_p_q = kl_divergence(result.p, result.q);
  result.kl_q_p = kl_divergence(result.q, result.p);
  return result;
}

}  // namespace descent

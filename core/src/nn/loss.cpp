#include "descent/nn/loss.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "descent/math/messages.hpp"
#include "descent/nn/activation.hpp"
#include "descent/nn/shape_checked.hpp"

namespace descent::nn {
namespace {

template <typename Scalar>
using Array = Eigen::Array<Scalar, Eigen::Dynamic, Eigen::Dynamic>;

// Rows summing to 1 within this are probability rows: loose enough for float data sets.
constexpr double kProbabilitySumTolerance = 1e-4;

bool is_softmax_loss(LossKind kind) {
  return kind == LossKind::kCrossEntropy || kind == LossKind::kKlDivergence;
}

// The checks loss_value and loss_gradient repeat on every call: parameters and shapes only.
std::string check_parameters_and_shapes(const Loss& loss, Eigen::Index prediction_rows,
                                        Eigen::Index prediction_cols, Eigen::Index target_rows,
                                        Eigen::Index target_cols) {
  std::string parameter_message = validate_loss(loss);
  if (!parameter_message.empty()) return parameter_message;
  // Looked up only for a message: this check runs on every training step.
  const auto name = [&] { return loss_name(loss.kind); };
  if (prediction_rows != target_rows || prediction_cols != target_cols) {
    return name() + ": predictions are " + shape_text(prediction_rows, prediction_cols) +
           " but targets are " + shape_text(target_rows, target_cols) +
           " (one row per sample, the same columns)";
  }
  if (prediction_rows == 0) return name() + ": the batch has no samples (0 rows)";
  if (prediction_cols == 0) return name() + ": the predictions have no columns";
  if (is_softmax_loss(loss.kind) && prediction_cols < 2) {
    return name() + " needs at least 2 columns (one logit per class), got 1: for a single yes/no " +
           "output use binary_cross_entropy";
  }
  return "";
}

template <typename Scalar>
void require_valid(const Loss& loss, const Matrix<Scalar>& predictions,
                   const Matrix<Scalar>& targets) {
  const std::string message = check_parameters_and_shapes(
      loss, predictions.rows(), predictions.cols(), targets.rows(), targets.cols());
  if (!message.empty()) throw std::invalid_argument(message);
}

// "" when every target satisfies `accept`, otherwise a message naming the first one that does not.
template <typename Scalar, typename Predicate>
std::string check_each_target(const Matrix<Scalar>& targets, const std::string& requirement,
                              const std::string& name, Predicate accept) {
  for (Eigen::Index row = 0; row < targets.rows(); ++row) {
    for (Eigen::Index col = 0; col < targets.cols(); ++col) {
      const double value = static_cast<double>(targets(row, col));
      if (accept(value)) continue;
      return name + ": targets must be " + requirement + ", got " + format_number(value) +
             " at row " + std::to_string(row) + ", column " + std::to_string(col);
    }
  }
  return "";
}

// Elementwise binary cross-entropy from logits, max(x, 0) − x·y + log(1 + e^−|x|): the exponent is
// never positive, so nothing overflows.
// An expression (evaluated where it is used, without temporaries) of two array expressions.
template <typename Logits, typename Targets>
auto binary_cross_entropy_terms(const Eigen::ArrayBase<Logits>& logits,
                                const Eigen::ArrayBase<Targets>& targets) {
  using Scalar = typename Logits::Scalar;
  return logits.max(Scalar(0)) - logits * targets + (-logits.abs()).exp().log1p();
}

// Row-wise log softmax: (x − max) − log Σ e^(x − max).
template <typename Scalar>
Array<Scalar> log_softmax_rows(const Matrix<Scalar>& logits) {
  const Matrix<Scalar> shifted = logits.colwise() - logits.rowwise().maxCoeff();
  const Vector<Scalar> log_sum_exp = shifted.array().exp().rowwise().sum().log().matrix();
  return (shifted.colwise() - log_sum_exp).array();
}

// σ elementwise, as an expression.
template <typename Logits>
auto sigmoid(const Eigen::ArrayBase<Logits>& logits) {
  return logits.unaryExpr([](typename Logits::Scalar x) { return stable_sigmoid(x); });
}

// The focal weight's base q = 1 − p_t = p·(1 − y) + (1 − p)·y, from σ(x) and σ(−x) computed
// separately so that q keeps its precision when p is close to 0 or 1.
template <typename Scalar, typename Targets>
Array<Scalar> focal_base(const Array<Scalar>& positive, const Array<Scalar>& negative,
                         const Eigen::ArrayBase<Targets>& targets) {
  return positive * (Scalar(1) - targets) + negative * targets;
}

}  // namespace

const std::vector<std::string>& loss_names() {
  static const std::vector<std::string> names = {
      "mse",           "mae",   "huber", "binary_cross_entropy",
      "cross_entropy", "hinge", "focal", "kl_divergence"};
  return names;
}

std::string loss_name(LossKind kind) { return loss_names()[static_cast<std::size_t>(kind)]; }

std::string loss_from_name(const std::string& name, Loss& loss) {
  std::string canonical = name;
  if (name == "bce") canonical = "binary_cross_entropy";
  if (name == "ce") canonical = "cross_entropy";
  if (name == "kl") canonical = "kl_divergence";
  const std::vector<std::string>& names = loss_names();
  for (std::size_t index = 0; index < names.size(); ++index) {
    if (names[index] != canonical) continue;
    loss = Loss{static_cast<LossKind>(index)};
    return "";
  }
  std::string valid;
  for (const std::string& known : names) valid += (valid.empty() ? "" : ", ") + known;
  return "unknown loss " + quote_value(name) + " (valid: " + valid + ", bce, ce, kl)";
}

std::string validate_loss(const Loss& loss) {
  constexpr double kUnbounded = std::numeric_limits<double>::infinity();
  if (loss.kind == LossKind::kHuber) {
    if (std::isfinite(loss.huber_delta) && loss.huber_delta > 0.0) return "";
    return "huber: delta must be a finite number > 0, got " + format_number(loss.huber_delta);
  }
  if (loss.kind == LossKind::kFocal) {
    return check_range("focal", "gamma", loss.focal_gamma, 0.0, kUnbounded);
  }
  return "";
}

std::string check_output_activation(const Loss& loss, const Activation& output_activation) {
  if (!is_softmax_loss(loss.kind) || output_activation.kind != ActivationKind::kSoftmax) return "";
  return loss_name(loss.kind) +
         " takes logits and applies softmax itself, but the network's last layer is softmax "
         "(softmax would be applied twice): make the last layer linear";
}

template <typename Scalar>
std::string check_loss_inputs(const Loss& loss, const Matrix<Scalar>& predictions,
                              const Matrix<Scalar>& targets) {
  const std::string shape_message = check_parameters_and_shapes(
      loss, predictions.rows(), predictions.cols(), targets.rows(), targets.cols());
  if (!shape_message.empty()) return shape_message;
  const std::string name = loss_name(loss.kind);
  const std::string finite_message =
      check_each_target(targets, "finite", name, [](double value) { return std::isfinite(value); });
  if (!finite_message.empty()) return finite_message;
  switch (loss.kind) {
    case LossKind::kMse:
    case LossKind::kMae:
    case LossKind::kHuber:
      return "";
    case LossKind::kBinaryCrossEntropy:
    case LossKind::kFocal:
      return check_each_target(targets, "probabilities in [0, 1]", name,
                               [](double value) { return value >= 0.0 && value <= 1.0; });
    case LossKind::kHinge:
      return check_each_target(targets, "-1 or +1", name,
                               [](double value) { return value == -1.0 || value == 1.0; });
    case LossKind::kCrossEntropy:
    case LossKind::kKlDivergence: {
      const std::string sign_message =
          check_each_target(targets, "class probabilities (≥ 0; one-hot for hard labels)", name,
                            [](double value) { return value >= 0.0; });
      if (!sign_message.empty()) return sign_message;
      for (Eigen::Index row = 0; row < targets.rows(); ++row) {
        const double sum = static_cast<double>(targets.row(row).sum());
        if (std::abs(sum - 1.0) <= kProbabilitySumTolerance) continue;
        return name + ": each target row must sum to 1 (class probabilities; one-hot for hard " +
               "labels), row " + std::to_string(row) + " sums to " + format_number(sum);
      }
      return "";
    }
  }
  return "";
}

template <typename Scalar>
Scalar loss_value(const Loss& loss, const Matrix<Scalar>& predictions,
                  const Matrix<Scalar>& targets) {
  require_valid(loss, predictions, targets);
  const auto x = predictions.array();
  const auto y = targets.array();
  const Scalar element_count = static_cast<Scalar>(predictions.size());
  const Scalar sample_count = static_cast<Scalar>(predictions.rows());
  switch (loss.kind) {
    case LossKind::kMse:
      return (x - y).square().sum() / element_count;
    case LossKind::kMae:
      return (x - y).abs().sum() / element_count;
    case LossKind::kHuber: {
      const Scalar delta = static_cast<Scalar>(loss.huber_delta);
      const Array<Scalar> distance = (x - y).abs();
      return (distance <= delta)
                 .select(Scalar(0.5) * distance.square(), delta * (distance - Scalar(0.5) * delta))
                 .sum() /
             element_count;
    }
    case LossKind::kBinaryCrossEntropy:
      return binary_cross_entropy_terms(x, y).sum() / element_count;
    case LossKind::kCrossEntropy:
      return -(y * log_softmax_rows(predictions)).sum() / sample_count;
    case LossKind::kHinge:
      return (Scalar(1) - y * x).max(Scalar(0)).sum() / element_count;
    case LossKind::kFocal: {
      const Scalar gamma = static_cast<Scalar>(loss.focal_gamma);
      const Array<Scalar> base = focal_base<Scalar>(sigmoid(x), sigmoid(-x), y);
      return (base.pow(gamma) * binary_cross_entropy_terms(x, y)).sum() / element_count;
    }
    case LossKind::kKlDivergence: {
      // Σ y·log y with 0·log 0 = 0 (the unselected branch's NaN is discarded).
      const Array<Scalar> negative_entropy = (y > Scalar(0)).select(y * y.log(), Scalar(0));
      return (negative_entropy - y * log_softmax_rows(predictions)).sum() / sample_count;
    }
  }
  throw std::invalid_argument("unknown loss kind");
}

template <typename Scalar>
void loss_gradient(const Loss& loss, const Matrix<Scalar>& predictions,
                   const Matrix<Scalar>& targets, Matrix<Scalar>& gradient) {
  require_valid(loss, predictions, targets);
  const auto x = predictions.array();
  const auto y = targets.array();
  const Scalar per_element = Scalar(1) / static_cast<Scalar>(predictions.size());
  const Scalar per_sample = Scalar(1) / static_cast<Scalar>(predictions.rows());
  switch (loss.kind) {
    case LossKind::kMse:
      gradient = (Scalar(2) * per_element * (x - y)).matrix();
      return;
    case LossKind::kMae:
      gradient = (per_element * (x - y).sign()).matrix();
      return;
    case LossKind::kHuber: {
      const Scalar delta = static_cast<Scalar>(loss.huber_delta);
      const auto difference = x - y;
      gradient =
          (per_element * (difference.abs() <= delta).select(difference, delta * difference.sign()))
              .matrix();
      return;
    }
    case LossKind::kBinaryCrossEntropy:
      gradient = (per_element * (sigmoid(x) - y)).matrix();
      return;
    case LossKind::kCrossEntropy:
    case LossKind::kKlDivergence: {
      // softmax(x)·Σⱼyⱼ − y: the exact gradient even if a target row does not sum to 1.
      const Matrix<Scalar> probabilities = activate<Scalar>(ActivationKind::kSoftmax, predictions);
      const Vector<Scalar> target_mass = targets.rowwise().sum();
      gradient = per_sample * (probabilities.array().colwise() * target_mass.array() - y).matrix();
      return;
    }
    case LossKind::kHinge:
      gradient = (per_element * (Scalar(1) - y * x > Scalar(0)).select(-y, Scalar(0))).matrix();
      return;
    case LossKind::kFocal: {
      // d/dx [q^γ·bce] = q^γ·(p − y) + γ·q^(γ−1)·bce·dq/dx, with dq/dx = (1 − 2y)·p·(1 − p).
      // q^(γ−1) is written q^γ·(p·(1 − p)/q), a product of factors in [0, 1] (q is a mix of p and
      // 1 − p, so q ≥ min(p, 1 − p)), which cannot overflow when q is tiny and γ < 1. Where q = 0
      // the term's limit is 0.
      const Scalar gamma = static_cast<Scalar>(loss.focal_gamma);
      const Array<Scalar> positive = sigmoid(x);
      const Array<Scalar> negative = sigmoid(-x);
      const Array<Scalar> base = focal_base(positive, negative, y);
      const Array<Scalar> weight = base.pow(gamma);
      const Array<Scalar> modulation_term = gamma * weight * (positive * negative / base) *
                                            binary_cross_entropy_terms(x, y) *
                                            (Scalar(1) - Scalar(2) * y);
      gradient = (per_element *
                  (weight * (positive - y) + (base > Scalar(0)).select(modulation_term, Scalar(0))))
                     .matrix();
      return;
    }
  }
  throw std::invalid_argument("unknown loss kind");
}

template <typename Scalar>
Matrix<Scalar> loss_gradient(const Loss& loss, const Matrix<Scalar>& predictions,
                             const Matrix<Scalar>& targets) {
  Matrix<Scalar> gradient;
  loss_gradient(loss, predictions, targets, gradient);
  return gradient;
}

template std::string check_loss_inputs(const Loss&, const Matrix<float>&, const Matrix<float>&);
template std::string check_loss_inputs(const Loss&, const Matrix<double>&, const Matrix<double>&);
template float loss_value(const Loss&, const Matrix<float>&, const Matrix<float>&);
template double loss_value(const Loss&, const Matrix<double>&, const Matrix<double>&);
template Matrix<float> loss_gradient(const Loss&, const Matrix<float>&, const Matrix<float>&);
template Matrix<double> loss_gradient(const Loss&, const Matrix<double>&, const Matrix<double>&);
template void loss_gradient(const Loss&, const Matrix<float>&, const Matrix<float>&,
                            Matrix<float>&);
template void loss_gradient(const Loss&, const Matrix<double>&, const Matrix<double>&,
                            Matrix<double>&);

}  // namespace descent::nn

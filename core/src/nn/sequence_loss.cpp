#include "descent/nn/sequence_loss.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "descent/math/messages.hpp"

namespace descent::nn {

namespace {

std::string prefix(SequenceLossKind kind) {
  return std::string("sequence ") + sequence_loss_name(kind) + ": ";
}

std::string shape_text(Eigen::Index rows, Eigen::Index cols) {
  return std::to_string(rows) + " × " + std::to_string(cols);
}

// Whether (sample, step) counts: an empty mask counts every step.
template <typename Scalar>
bool counts(const Matrix<Scalar>& mask, Eigen::Index sample, Eigen::Index step) {
  return mask.size() == 0 || mask(sample, step) != Scalar(0);
}

// The value, and the gradient when `gradient` is not null, of valid inputs.
template <typename Scalar>
double evaluate(SequenceLossKind kind, int time, const Matrix<Scalar>& predictions,
                const Matrix<Scalar>& targets, const Matrix<Scalar>& mask,
                Matrix<Scalar>* gradient) {
  const Eigen::Index batch = predictions.rows();
  const Eigen::Index width = predictions.cols() / time;
  Eigen::Index counted = batch * time;
  if (mask.size() != 0) counted = static_cast<Eigen::Index>(mask.sum());
  if (gradient != nullptr) gradient->setZero(batch, predictions.cols());
  double total = 0.0;
  const double per_step = 1.0 / static_cast<double>(counted);
  for (Eigen::Index step = 0; step < time; ++step) {
    for (Eigen::Index sample = 0; sample < batch; ++sample) {
      if (!counts(mask, sample, step)) continue;
      const Eigen::Index first = step * width;
      if (kind == SequenceLossKind::kMse) {
        for (Eigen::Index k = 0; k < width; ++k) {
          const double difference = static_cast<double>(predictions(sample, first + k)) -
                                    static_cast<double>(targets(sample, first + k));
          total += difference * difference / static_cast<double>(width);
          if (gradient != nullptr) {
            (*gradient)(sample, first + k) =
                static_cast<Scalar>(2.0 * difference * per_step / static_cast<double>(width));
          }
        }
        continue;
      }
      // log Σ e^x computed from the largest logit, so nothing overflows.
      double largest = static_cast<double>(predictions(sample, first));
      for (Eigen::Index k = 1; k < width; ++k) {
        largest = std::max(largest, static_cast<double>(predictions(sample, first + k)));
      }
      double sum = 0.0;
      for (Eigen::Index k = 0; k < width; ++k) {
        sum += std::exp(static_cast<double>(predictions(sample, first + k)) - largest);
      }
      const double log_sum = largest + std::log(sum);
      const auto label = static_cast<Eigen::Index>(targets(sample, step));
      total += log_sum - static_cast<double>(predictions(sample, first + label));
      if (gradient == nullptr) continue;
      for (Eigen::Index k = 0; k < width; ++k) {
        const double probability =
            std::exp(static_cast<double>(predictions(sample, first + k)) - log_sum);
        (*gradient)(sample, first + k) =
            static_cast<Scalar>((probability - (k == label ? 1.0 : 0.0)) * per_step);
      }
    }
  }
  return total * per_step;
}

template <typename Scalar>
void require_valid(SequenceLossKind kind, int time, const Matrix<Scalar>& predictions,
                   const Matrix<Scalar>& targets, const Matrix<Scalar>& mask) {
  const std::string message = check_sequence_loss_inputs(kind, time, predictions, targets, mask);
  if (!message.empty()) throw std::invalid_argument(message);
}

}  // namespace

const char* sequence_loss_name(SequenceLossKind kind) {
  return kind == SequenceLossKind::kCrossEntropy ? "cross_entropy" : "mse";
}

template <typename Scalar>
std::string check_sequence_loss_inputs(SequenceLossKind kind, int time,
                                       const Matrix<Scalar>& predictions,
                                       const Matrix<Scalar>& targets, const Matrix<Scalar>& mask) {
  if (time < 1) return prefix(kind) + "time must be ≥ 1, got " + std::to_string(time);
  const Eigen::Index batch = predictions.rows();
  if (batch < 1) return prefix(kind) + "the batch has no samples (0 rows)";
  const bool classes = kind == SequenceLossKind::kCrossEntropy;
  const Eigen::Index minimum_width = classes ? 2 : 1;
  if (predictions.cols() % time != 0 || predictions.cols() < minimum_width * time) {
    return prefix(kind) + "predictions have " + std::to_string(predictions.cols()) +
           " columns, expected time (" + std::to_string(time) + ") × " +
           (classes ? "classes (≥ 2)" : "features (≥ 1)");
  }
  const Eigen::Index width = predictions.cols() / time;
  const Eigen::Index target_cols = classes ? time : predictions.cols();
  if (targets.rows() != batch || targets.cols() != target_cols) {
    return prefix(kind) + "targets are " + shape_text(targets.rows(), targets.cols()) +
           ", expected " + shape_text(batch, target_cols) +
           (classes ? " (batch × time class ids)" : " (the predictions' shape)");
  }
  if (mask.size() != 0 && (mask.rows() != batch || mask.cols() != time)) {
    return prefix(kind) + "the mask is " + shape_text(mask.rows(), mask.cols()) + ", expected " +
           shape_text(batch, time) + " (batch × time of 0/1) or empty";
  }
  bool any_counted = false;
  for (Eigen::Index step = 0; step < time; ++step) {
    for (Eigen::Index sample = 0; sample < batch; ++sample) {
      // Built only for a message: the check runs on every training step.
      const auto at = [&] {
        return " at sample " + std::to_string(sample) + ", step " + std::to_string(step);
      };
      if (mask.size() != 0 && mask(sample, step) != Scalar(0) && mask(sample, step) != Scalar(1)) {
        return prefix(kind) + "mask entries must be 0 or 1, got " +
               format_number(static_cast<double>(mask(sample, step))) + at();
      }
      if (!counts(mask, sample, step)) continue;
      any_counted = true;
      for (Eigen::Index k = 0; k < (classes ? 1 : width); ++k) {
        const double value =
            static_cast<double>(targets(sample, classes ? step : step * width + k));
        if (!std::isfinite(value)) return prefix(kind) + "targets must be finite" + at();
        if (classes &&
            (value != std::floor(value) || value < 0.0 || value >= static_cast<double>(width))) {
          return prefix(kind) + "target class ids must be integers in [0, " +
                 std::to_string(width) + "), got " + format_number(value) + at();
        }
      }
    }
  }
  if (!any_counted) {
    return prefix(kind) +
           "every step is masked: the mean over unmasked steps is undefined (unmask at least one)";
  }
  return "";
}

template <typename Scalar>
Scalar sequence_loss_value(SequenceLossKind kind, int time, const Matrix<Scalar>& predictions,
                           const Matrix<Scalar>& targets, const Matrix<Scalar>& mask) {
  require_valid(kind, time, predictions, targets, mask);
  return static_cast<Scalar>(evaluate<Scalar>(kind, time, predictions, targets, mask, nullptr));
}

template <typename Scalar>
Scalar sequence_loss_and_gradient(SequenceLossKind kind, int time,
                                  const Matrix<Scalar>& predictions, const Matrix<Scalar>& targets,
                                  const Matrix<Scalar>& mask, Matrix<Scalar>& gradient) {
  require_valid(kind, time, predictions, targets, mask);
  return static_cast<Scalar>(evaluate(kind, time, predictions, targets, mask, &gradient));
}

#define DESCENT_SEQUENCE_LOSS(Scalar)                                                            \
  template std::string check_sequence_loss_inputs(SequenceLossKind, int, const Matrix<Scalar>&,  \
                                                  const Matrix<Scalar>&, const Matrix<Scalar>&); \
  template Scalar sequence_loss_value(SequenceLossKind, int, const Matrix<Scalar>&,              \
                                      const Matrix<Scalar>&, const Matrix<Scalar>&);             \
  template Scalar sequence_loss_and_gradient(SequenceLossKind, int, const Matrix<Scalar>&,       \
                                             const Matrix<Scalar>&, const Matrix<Scalar>&,       \
                                             Matrix<Scalar>&);
DESCENT_SEQUENCE_LOSS(float)
DESCENT_SEQUENCE_LOSS(double)
#undef DESCENT_SEQUENCE_LOSS

}  // namespace descent::nn

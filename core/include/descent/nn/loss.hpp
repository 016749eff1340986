#pragma once
// Losses of a mini-batch: predictions and targets are matrices of the same shape, one row per
// sample. Each loss is a mean, with torch's default reduction, and loss_gradient is the exact
// gradient of that mean wrt the predictions, so the 1/n is already in it.
//
// With d = prediction − target, x = a logit, y = a target, n = rows, k = columns:
//   mse                  mean over all n·k elements of d²                         (nn.MSELoss)
//   mae                  mean over all n·k elements of |d|; gradient 0 at d = 0    (nn.L1Loss)
//   huber                mean over all n·k of ½d² if |d| ≤ δ, else δ·(|d| − ½δ)    (nn.HuberLoss)
//                        So when every |d| ≤ δ it is exactly mse/2, and when every |d| ≥ δ
//                        exactly δ·mae − δ²/2.
//   binary_cross_entropy from logits: mean over all n·k of −[y·log σ(x) + (1−y)·log(1−σ(x))],
//                        computed as max(x, 0) − x·y + log(1 + e^−|x|), finite for any finite x;
//                        y ∈ [0, 1], each column an independent yes/no (nn.BCEWithLogitsLoss)
//   cross_entropy        categorical from logits: mean over the n rows of −Σⱼ yⱼ·log softmax(x)ⱼ;
//                        y is a row of class probabilities, one-hot for hard labels (as
//                        Dataset::targets; descent::one_hot in data/dataset.hpp encodes class
//                        indices), k ≥ 2 (nn.CrossEntropyLoss with probability targets)
//   hinge                targets ±1: mean over all n·k of max(0, 1 − y·x); gradient 0 at the kink
//                        y·x = 1 (the binary SVM loss)
//   focal                binary from logits: mean over all n·k of (1 − p_t)^γ·bce(x, y), p_t the
//                        probability given to the true label (torchvision.ops.sigmoid_focal_loss
//                        with alpha = −1 and reduction "mean"); γ = 0 gives binary_cross_entropy
//   kl_divergence        KL(y ‖ softmax(x)) = Σⱼ yⱼ·(log yⱼ − log softmax(x)ⱼ) per row, with
//                        0·log 0 = 0, mean over the n rows: nn.KLDivLoss(reduction="batchmean")
//                        applied to log_softmax(x). Equals cross_entropy minus the targets'
//                        entropy, so the two have the same gradient.
#include <string>
#include <vector>

#include "descent/nn/activation.hpp"
#include "descent/nn/tensor.hpp"

namespace descent::nn {

enum class LossKind {
  kMse,
  kMae,
  kHuber,
  kBinaryCrossEntropy,
  kCrossEntropy,
  kHinge,
  kFocal,
  kKlDivergence,
};

struct Loss {
  LossKind kind = LossKind::kMse;
  double huber_delta = 1.0;  // δ: where Huber switches from quadratic to linear (> 0)
  double focal_gamma = 2.0;  // γ: how strongly focal loss down-weights easy examples (≥ 0)
};

// Names: mse, mae, huber, binary_cross_entropy, cross_entropy, hinge, focal, kl_divergence (in the
// enum's order).
const std::vector<std::string>& loss_names();
std::string loss_name(LossKind kind);

// Parses a name (also the aliases bce, ce, kl). On success sets `loss` to that kind with default
// parameters and returns ""; otherwise leaves it unchanged and returns a message.
std::string loss_from_name(const std::string& name, Loss& loss);

// "" when the parameters are valid: huber needs a finite δ > 0, focal a finite γ ≥ 0.
std::string validate_loss(const Loss& loss);

// "" unless a network ending in `output_activation` would apply softmax twice under this loss:
// cross_entropy and kl_divergence take logits and apply softmax themselves, so the last layer must
// not (make it linear). torch's nn.CrossEntropyLoss has the same contract but cannot check it.
std::string check_output_activation(const Loss& loss, const Activation& output_activation);

// "" when loss_value and loss_gradient accept these inputs, otherwise a message: valid
// parameters, same shape, at least one row and one column (two for cross_entropy and
// kl_divergence), finite targets, and targets the loss can mean — in [0, 1] for
// binary_cross_entropy and focal, exactly ±1 for hinge, rows of probabilities (≥ 0, summing to 1
// within 1e-4) for cross_entropy and kl_divergence. Check once per data set: loss_value and
// loss_gradient re-check only the parameters and shapes.
template <typename Scalar>
std::string check_loss_inputs(const Loss& loss, const Matrix<Scalar>& predictions,
                              const Matrix<Scalar>& targets);

// The mean loss described above. Predictions are raw (logits) for the cross-entropy family, focal
// and hinge. Non-finite predictions give a non-finite loss rather than an error, so a diverging
// run can be detected. Throws std::invalid_argument when the parameters or shapes are invalid.
template <typename Scalar>
Scalar loss_value(const Loss& loss, const Matrix<Scalar>& predictions,
                  const Matrix<Scalar>& targets);

// ∂loss_value/∂predictions, same shape as the predictions. Throws like loss_value.
template <typename Scalar>
Matrix<Scalar> loss_gradient(const Loss& loss, const Matrix<Scalar>& predictions,
                             const Matrix<Scalar>& targets);
// The same into `gradient`, reusing its storage (the training loop's hot path); it must alias
// neither input.
template <typename Scalar>
void loss_gradient(const Loss& loss, const Matrix<Scalar>& predictions,
                   const Matrix<Scalar>& targets, Matrix<Scalar>& gradient);

}  // namespace descent::nn

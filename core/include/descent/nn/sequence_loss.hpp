#pragma once
// Losses of a batch of sequences: predictions are (batch, time, classes) or (batch, time, features)
// tensors (tensor_shape.hpp: one row per sample, step t of a sample in columns t·K … t·K + K − 1),
// a mask says which (sample, step) pairs count, and the loss is the mean of a per-step loss over
// the counted steps only, with its exact gradient wrt the predictions (the 1/m is in it).
//
// With x the K predictions of one step, m the number of unmasked (sample, step) pairs:
//   cross_entropy  per step −log softmax(x)_y, y the step's class id (an integer in [0, K), stored
//                  as a Scalar in a batch × time target matrix; K ≥ 2). Gradient at an unmasked
//                  step (softmax(x) − onehot(y)) / m. torch's nn.CrossEntropyLoss on the
//                  flattened steps with ignore_index for the masked ones (also a mean over the
//                  counted steps, not over all of them).
//   mse            per step (1/K)·Σ_k (x_k − y_k)², targets the predictions' shape; gradient at an
//                  unmasked step 2(x − y) / (m·K). Unmasked, this is nn.MSELoss over every value.
// Masked steps contribute nothing to the value and get gradient exactly 0, whatever their
// predictions and targets (their targets need not even be valid class ids: padding).
//
// The mask is batch × time with entries exactly 0 or 1; an empty (0 × 0) mask counts every step.
// Every step masked (m = 0) is rejected, not defined as 0: a mean over no steps has no value, and
// a silent 0 would hide a padding bug while leaving the parameters untouched.
//
// A sequence classifier's single prediction per sequence (e.g. after a last-step head) is the
// time = 1 case: predictions batch × K, targets batch × 1.
#include <string>

#include "descent/nn/tensor.hpp"

namespace descent::nn {

enum class SequenceLossKind {
  kCrossEntropy,
  kMse,
};

// "cross_entropy", "mse".
const char* sequence_loss_name(SequenceLossKind kind);

// "" when sequence_loss accepts these inputs, otherwise a message naming the loss and the
// offending shape or entry: time ≥ 1, at least one sample, predictions' columns a multiple
// time·K of time (K ≥ 2 for cross_entropy), targets batch × time (cross_entropy) or the
// predictions' shape (mse), finite targets, class ids integers in [0, K) at unmasked steps, a mask
// empty or batch × time of 0s and 1s with at least one 1. Allocates only to build a message.
template <typename Scalar>
std::string check_sequence_loss_inputs(SequenceLossKind kind, int time,
                                       const Matrix<Scalar>& predictions,
                                       const Matrix<Scalar>& targets, const Matrix<Scalar>& mask);

// The mean over unmasked steps described above. Throws std::invalid_argument with
// check_sequence_loss_inputs's message when the inputs are invalid.
template <typename Scalar>
Scalar sequence_loss_value(SequenceLossKind kind, int time, const Matrix<Scalar>& predictions,
                           const Matrix<Scalar>& targets, const Matrix<Scalar>& mask);

// The value, and ∂value/∂predictions into `gradient` (resized to the predictions' shape, storage
// reused: no allocation in a steady training step; it must alias no input). Throws like
// sequence_loss_value.
template <typename Scalar>
Scalar sequence_loss_and_gradient(SequenceLossKind kind, int time,
                                  const Matrix<Scalar>& predictions, const Matrix<Scalar>& targets,
                                  const Matrix<Scalar>& mask, Matrix<Scalar>& gradient);

}  // namespace descent::nn

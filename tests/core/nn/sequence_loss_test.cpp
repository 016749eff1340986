#include "descent/nn/sequence_loss.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>

#include "nn_test_support.hpp"

using descent::Rng;
using descent::nn::check_sequence_loss_inputs;
using descent::nn::Matrix;
using descent::nn::sequence_loss_and_gradient;
using descent::nn::sequence_loss_value;
using descent::nn::SequenceLossKind;
using descent::test::matrix_gradient_estimate;
using descent::test::random_matrix;

namespace {

const Matrix<double> kNoMask;

Matrix<double> normal_matrix(Eigen::Index rows, Eigen::Index cols, Rng& rng) {
  return random_matrix(rows, cols, rng, [](Rng& r) { return r.normal(); });
}

}  // namespace

TEST_CASE("sequence cross-entropy worked by hand, masked step ignored", "[nn][sequence_loss]") {
  // One sample, 2 steps, 2 classes. Step 0: logits (0, ln 3), class 1: p = 3/4, loss ln(4/3).
  // Step 1 is masked: its logits and its (invalid) class id do not matter.
  Matrix<double> logits(1, 4);
  logits << 0.0, std::log(3.0), 5.0, -2.0;
  Matrix<double> targets(1, 2);
  targets << 1.0, 7.0;
  Matrix<double> mask(1, 2);
  mask << 1.0, 0.0;
  Matrix<double> gradient;
  const double value = sequence_loss_and_gradient(SequenceLossKind::kCrossEntropy, 2, logits,
                                                  targets, mask, gradient);
  CHECK(value == Approx(std::log(4.0 / 3.0)).epsilon(1e-14));
  // (softmax − onehot) / m with m = 1: (1/4, −1/4), then zeros at the masked step.
  CHECK(gradient(0, 0) == Approx(0.25).epsilon(1e-14));
  CHECK(gradient(0, 1) == Approx(-0.25).epsilon(1e-14));
  CHECK(gradient(0, 2) == 0.0);
  CHECK(gradient(0, 3) == 0.0);
}

TEST_CASE("sequence MSE worked by hand: the mean over unmasked steps and features",
          "[nn][sequence_loss]") {
  // Two samples, 2 steps, 2 features; sample 1's step 0 masked. Counted squared errors:
  // sample 0 step 0: 1, 4; step 1: 0, 1; sample 1 step 1: 9, 0 → 15 over m·K = 3·2 = 6.
  Matrix<double> predictions(2, 4);
  predictions << 1, 2, 3, 4,  //
      100, 100, 3, 0;
  Matrix<double> targets(2, 4);
  targets << 0, 0, 3, 3,  //
      0, 0, 0, 0;
  Matrix<double> mask(2, 2);
  mask << 1, 1,  //
      0, 1;
  Matrix<double> gradient;
  CHECK(sequence_loss_and_gradient(SequenceLossKind::kMse, 2, predictions, targets, mask,
                                   gradient) == Approx(2.5).epsilon(1e-14));
  // 2·d / (m·K) = d / 3.
  CHECK(gradient(0, 1) == Approx(2.0 / 3.0).epsilon(1e-14));
  CHECK(gradient(1, 2) == Approx(1.0).epsilon(1e-14));
  CHECK(gradient(1, 0) == 0.0);
  // Unmasked, it is the plain mean over every value.
  const Matrix<double> difference = predictions - targets;
  CHECK(sequence_loss_value(SequenceLossKind::kMse, 2, predictions, targets, kNoMask) ==
        Approx(difference.squaredNorm() / 8.0).epsilon(1e-14));
}

TEST_CASE("sequence losses match finite differences in double", "[nn][sequence_loss]") {
  Rng rng(11);
  const int batch = 3, time = 4, classes = 5;
  Matrix<double> mask = Matrix<double>::Ones(batch, time);
  mask(0, 3) = 0.0;
  mask(2, 0) = 0.0;
  mask(2, 1) = 0.0;
  Matrix<double> ids(batch, time);
  for (int n = 0; n < batch; ++n) {
    for (int t = 0; t < time; ++t) ids(n, t) = static_cast<double>((3 * n + t) % classes);
  }
  for (const auto& [loss_kind, loss_targets] :
       {std::pair{SequenceLossKind::kCrossEntropy, ids},
        std::pair{SequenceLossKind::kMse,
                  Matrix<double>(normal_matrix(batch, time * classes, rng))}}) {
    // Copies: a lambda may not capture a structured binding in C++17 (clang refuses it).
    const SequenceLossKind kind = loss_kind;
    const Matrix<double>& targets = loss_targets;
    for (const Matrix<double>* used_mask : {&kNoMask, static_cast<const Matrix<double>*>(&mask)}) {
      const Matrix<double> logits = 2.0 * normal_matrix(batch, time * classes, rng);
      Matrix<double> gradient;
      sequence_loss_and_gradient(kind, time, logits, targets, *used_mask, gradient);
      const Matrix<double> numeric = matrix_gradient_estimate(
          [&](const Matrix<double>& x) {
            return sequence_loss_value(kind, time, x, targets, *used_mask);
          },
          logits);
      CHECK(descent::testing::relative_error(gradient, numeric, 1e-6) < 1e-7);
    }
  }
}

TEST_CASE("sequence losses in float agree with double", "[nn][sequence_loss]") {
  Rng rng(5);
  const Matrix<double> logits = normal_matrix(2, 9, rng);
  Matrix<double> ids(2, 3);
  ids << 0, 1, 2, 2, 1, 0;
  Matrix<float> gradient;
  const float value =
      sequence_loss_and_gradient<float>(SequenceLossKind::kCrossEntropy, 3, logits.cast<float>(),
                                        ids.cast<float>(), Matrix<float>(), gradient);
  CHECK(value ==
        Approx(sequence_loss_value(SequenceLossKind::kCrossEntropy, 3, logits, ids, kNoMask))
            .epsilon(1e-6));
}

TEST_CASE("sequence losses reject a fully masked batch and bad shapes", "[nn][sequence_loss]") {
  const Matrix<double> logits = Matrix<double>::Zero(2, 6);  // time 3, 2 classes
  const Matrix<double> ids = Matrix<double>::Zero(2, 3);
  const auto message = [&](SequenceLossKind kind, int time, const Matrix<double>& predictions,
                           const Matrix<double>& targets, const Matrix<double>& mask) {
    return check_sequence_loss_inputs(kind, time, predictions, targets, mask);
  };
  const SequenceLossKind ce = SequenceLossKind::kCrossEntropy;
  CHECK(message(ce, 3, logits, ids, kNoMask).empty());
  CHECK(message(ce, 3, logits, ids, Matrix<double>::Zero(2, 3)) ==
        "sequence cross_entropy: every step is masked: the mean over unmasked steps is undefined "
        "(unmask at least one)");
  CHECK_THROWS_AS(
      sequence_loss_value(ce, 3, logits, ids, Matrix<double>(Matrix<double>::Zero(2, 3))),
      std::invalid_argument);
  CHECK(message(ce, 4, logits, ids, kNoMask) ==
        "sequence cross_entropy: predictions have 6 columns, expected time (4) × classes (≥ 2)");
  CHECK(message(ce, 6, logits, Matrix<double>::Zero(2, 6), kNoMask) ==
        "sequence cross_entropy: predictions have 6 columns, expected time (6) × classes (≥ 2)");
  CHECK(message(ce, 3, logits, Matrix<double>::Zero(2, 6), kNoMask) ==
        "sequence cross_entropy: targets are 2 × 6, expected 2 × 3 (batch × time class ids)");
  CHECK(message(SequenceLossKind::kMse, 3, logits, ids, kNoMask) ==
        "sequence mse: targets are 2 × 3, expected 2 × 6 (the predictions' shape)");
  CHECK(message(ce, 3, logits, ids, Matrix<double>::Ones(3, 2)) ==
        "sequence cross_entropy: the mask is 3 × 2, expected 2 × 3 (batch × time of 0/1) or empty");
  CHECK(message(ce, 3, logits, ids, Matrix<double>::Constant(2, 3, 0.5)) ==
        "sequence cross_entropy: mask entries must be 0 or 1, got 0.5 at sample 0, step 0");
  Matrix<double> bad_ids = ids;
  bad_ids(1, 2) = 2.0;
  CHECK(message(ce, 3, logits, bad_ids, kNoMask) ==
        "sequence cross_entropy: target class ids must be integers in [0, 2), got 2 at sample 1, "
        "step 2");
  bad_ids(1, 2) = 0.5;
  CHECK_THROWS_WITH(sequence_loss_value(ce, 3, logits, bad_ids, kNoMask),
                    Catch::Contains("integers in [0, 2), got 0.5"));
  CHECK(message(ce, 0, logits, ids, kNoMask) == "sequence cross_entropy: time must be ≥ 1, got 0");
  CHECK(message(ce, 3, Matrix<double>(0, 6), Matrix<double>(0, 3), kNoMask) ==
        "sequence cross_entropy: the batch has no samples (0 rows)");
}

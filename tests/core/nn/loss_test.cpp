#include "descent/nn/loss.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
#include <string>

#include "descent/nn/activation.hpp"
#include "nn_test_support.hpp"

using descent::Rng;
using descent::nn::activate;
using descent::nn::ActivationKind;
using descent::nn::check_loss_inputs;
using descent::nn::Loss;
using descent::nn::loss_from_name;
using descent::nn::loss_gradient;
using descent::nn::loss_name;
using descent::nn::loss_names;
using descent::nn::loss_value;
using descent::nn::LossKind;
using descent::nn::validate_loss;
using descent::test::away_from;
using descent::test::matrix_gradient_estimate;
using descent::test::random_matrix;
using descent::test::row;
using descent::testing::relative_error;

namespace {

struct LossInputs {
  Eigen::MatrixXd predictions;
  Eigen::MatrixXd targets;
};

// Valid random inputs for `loss`, kept away from every kink: |d| from 0 (mae) and from δ (huber),
// y·x from 1 (hinge).
LossInputs random_inputs(const Loss& loss, Rng& rng, Eigen::Index rows, Eigen::Index cols) {
  LossInputs inputs;
  inputs.predictions = random_matrix(rows, cols, rng, [](Rng& r) { return r.uniform(-4.0, 4.0); });
  const auto normal = [](Rng& r) { return r.normal(); };
  switch (loss.kind) {
    case LossKind::kMse:
    case LossKind::kMae:
    case LossKind::kHuber: {
      inputs.targets = random_matrix(rows, cols, rng, normal);
      for (Eigen::Index i = 0; i < inputs.predictions.size(); ++i) {
        const double target = inputs.targets(i);
        double difference = away_from(inputs.predictions(i) - target, 0.0, 0.05);
        difference = away_from(difference, loss.huber_delta, 0.05);
        difference = away_from(difference, -loss.huber_delta, 0.05);
        inputs.predictions(i) = target + difference;
      }
      break;
    }
    case LossKind::kBinaryCrossEntropy:
    case LossKind::kFocal:
      // Soft labels in [0, 1], with some hard 0s and 1s.
      inputs.targets = random_matrix(rows, cols, rng, [](Rng& r) {
        const double u = r.uniform(-0.3, 1.3);
        return u < 0.0 ? 0.0 : (u > 1.0 ? 1.0 : u);
      });
      break;
    case LossKind::kHinge:
      inputs.targets =
          random_matrix(rows, cols, rng, [](Rng& r) { return r.uniform() < 0.5 ? -1.0 : 1.0; });
      for (Eigen::Index i = 0; i < inputs.predictions.size(); ++i) {
        const double target = inputs.targets(i);
        inputs.predictions(i) = target * away_from(target * inputs.predictions(i), 1.0, 0.05);
      }
      break;
    case LossKind::kCrossEntropy:
    case LossKind::kKlDivergence:
      // Alternate soft targets (a random softmax) and one-hot rows.
      inputs.targets = activate<double>(
          ActivationKind::kSoftmax,
          random_matrix(rows, cols, rng, [](Rng& r) { return r.normal(0.0, 2.0); }));
      for (Eigen::Index i = 0; i < rows; i += 2) {
        inputs.targets.row(i).setZero();
        inputs.targets(i, static_cast<Eigen::Index>(rng.uniform() * static_cast<double>(cols))) =
            1.0;
      }
      break;
  }
  return inputs;
}

std::vector<Loss> losses_under_test() {
  std::vector<Loss> losses;
  for (const std::string& name : loss_names()) {
    Loss loss;
    REQUIRE(loss_from_name(name, loss).empty());
    losses.push_back(loss);
  }
  losses.push_back(Loss{LossKind::kHuber, 0.3});
  for (const double gamma : {0.0, 0.5, 1.0, 3.5})
    losses.push_back(Loss{LossKind::kFocal, 1.0, gamma});
  return losses;
}

std::string label(const Loss& loss) {
  return loss_name(loss.kind) + " (delta " + std::to_string(loss.huber_delta) + ", gamma " +
         std::to_string(loss.focal_gamma) + ")";
}

}  // namespace

TEST_CASE("Loss gradients match central differences for every kind", "[nn][loss]") {
  Rng rng(21);
  for (const Loss& loss : losses_under_test()) {
    INFO(label(loss));
    for (int trial = 0; trial < 25; ++trial) {
      const LossInputs inputs = random_inputs(loss, rng, 5, 3);
      REQUIRE(check_loss_inputs(loss, inputs.predictions, inputs.targets).empty());
      const auto objective = [&](const Eigen::MatrixXd& predictions) {
        return loss_value(loss, predictions, inputs.targets);
      };
      const Eigen::MatrixXd analytic = loss_gradient(loss, inputs.predictions, inputs.targets);
      const Eigen::MatrixXd estimate = matrix_gradient_estimate(objective, inputs.predictions);
      // The floor keeps the check relative for these small, 1/n-scaled gradients.
      REQUIRE(relative_error(analytic, estimate, 1e-3) < 1e-6);
    }
  }
}

TEST_CASE("Cross-entropy of probabilities [0.1, 0.7, 0.2] with class 1 is -ln 0.7", "[nn][loss]") {
  const Eigen::MatrixXd logits = row({0.1, 0.7, 0.2}).array().log().matrix();
  const Eigen::MatrixXd targets = row({0.0, 1.0, 0.0});  // class 1, one-hot
  const Loss loss{LossKind::kCrossEntropy};
  CHECK(loss_value(loss, logits, targets) == Approx(0.35667494393873245).epsilon(1e-14));
  CHECK(loss_value(loss, logits, targets) == Approx(0.357).margin(5e-4));
  // ∂/∂logits = softmax − one-hot.
  CHECK(relative_error(loss_gradient(loss, logits, targets), row({0.1, -0.3, 0.2})) < 1e-15);
  // The mean is over samples: two copies of the row give the same loss.
  Eigen::MatrixXd two_logits(2, 3), two_targets(2, 3);
  two_logits << logits, logits;
  two_targets << targets, targets;
  CHECK(loss_value(loss, two_logits, two_targets) == Approx(0.35667494393873245).epsilon(1e-14));
}

TEST_CASE("MSE worked example: prediction -0.13, target 1", "[nn][loss]") {
  const Eigen::MatrixXd prediction = row({-0.13});
  const Eigen::MatrixXd target = row({1.0});
  // L = (−0.13 − 1)² = 1.2769, dL/dŷ = 2·(−0.13 − 1) = −2.26.
  CHECK(loss_value(Loss{LossKind::kMse}, prediction, target) == Approx(1.2769).epsilon(1e-14));
  CHECK(loss_gradient(Loss{LossKind::kMse}, prediction, target)(0, 0) ==
        Approx(-2.26).epsilon(1e-14));
  // torch's MSELoss mean runs over all elements: a 2×2 batch divides by 4.
  const Eigen::MatrixXd predictions = Eigen::MatrixXd::Constant(2, 2, 1.0);
  const Eigen::MatrixXd targets = Eigen::MatrixXd::Zero(2, 2);
  CHECK(loss_value(Loss{LossKind::kMse}, predictions, targets) == 1.0);
  CHECK(loss_gradient(Loss{LossKind::kMse}, predictions, targets)(1, 1) == 0.5);
}

TEST_CASE("Golden values: MAE and hinge", "[nn][loss]") {
  CHECK(loss_value(Loss{LossKind::kMae}, row({1.0, -2.0, 0.5}), row({0.0, 0.0, 0.5})) ==
        Approx(1.0).epsilon(1e-15));
  CHECK(loss_gradient(Loss{LossKind::kMae}, row({1.0, -2.0, 0.5}), row({0.0, 0.0, 0.5})) ==
        row({1.0 / 3.0, -1.0 / 3.0, 0.0}));
  // max(0, 1 − y·x): 0.5, 0 and 1.5.
  const Eigen::MatrixXd logits = row({0.5, 2.0, 0.5});
  const Eigen::MatrixXd targets = row({1.0, 1.0, -1.0});
  CHECK(loss_value(Loss{LossKind::kHinge}, logits, targets) == Approx(2.0 / 3.0).epsilon(1e-15));
  CHECK(loss_gradient(Loss{LossKind::kHinge}, logits, targets) ==
        row({-1.0 / 3.0, 0.0, 1.0 / 3.0}));
}

TEST_CASE("Huber is exactly MSE/2 within delta and delta*MAE - delta^2/2 beyond it", "[nn][loss]") {
  Rng rng(22);
  for (const double delta : {0.5, 1.0, 2.0}) {
    const Loss huber{LossKind::kHuber, delta};
    const Eigen::MatrixXd targets = random_matrix(4, 3, rng, [](Rng& r) { return r.normal(); });
    // |d| ≤ δ everywhere.
    const Eigen::MatrixXd near =
        targets + random_matrix(4, 3, rng, [&](Rng& r) { return r.uniform(-delta, delta); });
    CHECK(loss_value(huber, near, targets) ==
          Approx(loss_value(Loss{LossKind::kMse}, near, targets) / 2.0).epsilon(1e-14));
    CHECK(relative_error(loss_gradient(huber, near, targets),
                         loss_gradient(Loss{LossKind::kMse}, near, targets) / 2.0) < 1e-14);
    // |d| ≥ δ everywhere.
    const Eigen::MatrixXd far = targets + random_matrix(4, 3, rng, [&](Rng& r) {
                                  const double size = r.uniform(delta, 5.0 * delta);
                                  return r.uniform() < 0.5 ? -size : size;
                                });
    const double mae = loss_value(Loss{LossKind::kMae}, far, targets);
    CHECK(loss_value(huber, far, targets) ==
          Approx(delta * mae - delta * delta / 2.0).epsilon(1e-13));
    CHECK(relative_error(loss_gradient(huber, far, targets),
                         delta * loss_gradient(Loss{LossKind::kMae}, far, targets)) < 1e-14);
  }
}

TEST_CASE("BCE from logits equals the naive formula and stays finite at ±1000", "[nn][loss]") {
  Rng rng(23);
  const Loss bce{LossKind::kBinaryCrossEntropy};
  for (int trial = 0; trial < 20; ++trial) {
    const LossInputs inputs = random_inputs(bce, rng, 6, 2);
    const Eigen::ArrayXXd p =
        activate<double>(ActivationKind::kSigmoid, inputs.predictions).array();
    const Eigen::ArrayXXd y = inputs.targets.array();
    const double naive = -(y * p.log() + (1.0 - y) * (1.0 - p).log()).mean();
    REQUIRE(loss_value(bce, inputs.predictions, inputs.targets) == Approx(naive).epsilon(1e-12));
  }
  // Where the naive formula gives log(0) = −inf (or 0·inf = NaN), the stable one is exact.
  const Eigen::MatrixXd logits = row({1000.0, 1000.0, -1000.0, -1000.0});
  const Eigen::MatrixXd targets = row({1.0, 0.0, 1.0, 0.0});
  CHECK(loss_value(bce, logits, targets) ==
        Approx(500.0).epsilon(1e-15));  // (0 + 1000 + 1000 + 0)/4
  CHECK(relative_error(loss_gradient(bce, logits, targets), row({0.0, 0.25, -0.25, 0.0})) < 1e-300);
  for (const Loss& loss : losses_under_test()) {
    if (loss.kind != LossKind::kFocal) continue;
    INFO(label(loss));
    CHECK(std::isfinite(loss_value(loss, logits, targets)));
    CHECK(loss_gradient(loss, logits, targets).allFinite());
    const Eigen::MatrixXf logits_float = logits.cast<float>();
    const Eigen::MatrixXf targets_float = targets.cast<float>();
    CHECK(std::isfinite(loss_value(loss, logits_float, targets_float)));
    CHECK(loss_gradient(loss, logits_float, targets_float).allFinite());
  }
  const Eigen::MatrixXd class_logits = row({1000.0, -1000.0, 0.0});
  const Eigen::MatrixXd class_targets = row({0.0, 1.0, 0.0});
  CHECK(loss_value(Loss{LossKind::kCrossEntropy}, class_logits, class_targets) == 2000.0);
  CHECK(std::isfinite(loss_value(Loss{LossKind::kKlDivergence}, class_logits, class_targets)));
}

TEST_CASE("Focal loss with gamma 0 is BCE, and down-weights easy examples otherwise",
          "[nn][loss]") {
  Rng rng(24);
  const Loss bce{LossKind::kBinaryCrossEntropy};
  for (int trial = 0; trial < 10; ++trial) {
    const LossInputs inputs = random_inputs(bce, rng, 5, 2);
    const Loss focal_zero{LossKind::kFocal, 1.0, 0.0};
    CHECK(loss_value(focal_zero, inputs.predictions, inputs.targets) ==
          Approx(loss_value(bce, inputs.predictions, inputs.targets)).epsilon(1e-15));
    CHECK(relative_error(loss_gradient(focal_zero, inputs.predictions, inputs.targets),
                         loss_gradient(bce, inputs.predictions, inputs.targets)) < 1e-15);
    CHECK(loss_value(Loss{LossKind::kFocal}, inputs.predictions, inputs.targets) <
          loss_value(bce, inputs.predictions, inputs.targets));
  }
  // An easy example (p_t = σ(3) ≈ 0.953) loses far more weight than a hard one (p_t = σ(−3)).
  const Loss focal{LossKind::kFocal};
  const double easy =
      loss_value(focal, row({3.0}), row({1.0})) / loss_value(bce, row({3.0}), row({1.0}));
  const double hard =
      loss_value(focal, row({-3.0}), row({1.0})) / loss_value(bce, row({-3.0}), row({1.0}));
  const double sigmoid3 = 1.0 / (1.0 + std::exp(-3.0));
  CHECK(easy == Approx(std::pow(1.0 - sigmoid3, 2.0)).epsilon(1e-12));
  CHECK(hard == Approx(std::pow(sigmoid3, 2.0)).epsilon(1e-12));
}

TEST_CASE("KL divergence is cross-entropy minus the targets' entropy", "[nn][loss]") {
  Rng rng(25);
  const Loss kl{LossKind::kKlDivergence};
  const Loss cross_entropy{LossKind::kCrossEntropy};
  for (int trial = 0; trial < 10; ++trial) {
    const LossInputs inputs = random_inputs(kl, rng, 4, 5);
    const Eigen::ArrayXXd y = inputs.targets.array();
    const double entropy = -(y > 0.0).select(y * y.log(), 0.0).sum() / 4.0;
    CHECK(loss_value(kl, inputs.predictions, inputs.targets) ==
          Approx(loss_value(cross_entropy, inputs.predictions, inputs.targets) - entropy)
              .epsilon(1e-12));
    CHECK(loss_value(kl, inputs.predictions, inputs.targets) > 0.0);
  }
  // Zero when the prediction is the target.
  const Eigen::MatrixXd target = row({0.2, 0.5, 0.3});
  CHECK(loss_value(kl, target.array().log().matrix().eval(), target) == Approx(0.0).margin(1e-15));
}

TEST_CASE("float losses agree with double within float precision", "[nn][loss]") {
  Rng rng(26);
  for (const Loss& loss : losses_under_test()) {
    INFO(label(loss));
    const LossInputs inputs = random_inputs(loss, rng, 8, 4);
    const Eigen::MatrixXf predictions = inputs.predictions.cast<float>();
    const Eigen::MatrixXf targets = inputs.targets.cast<float>();
    CHECK(check_loss_inputs(loss, predictions, targets).empty());
    CHECK(relative_error(static_cast<double>(loss_value(loss, predictions, targets)),
                         loss_value(loss, inputs.predictions, inputs.targets)) < 1e-5);
    CHECK(relative_error(loss_gradient(loss, predictions, targets).cast<double>(),
                         loss_gradient(loss, inputs.predictions, inputs.targets), 1e-3) < 1e-5);
  }
}

TEST_CASE("Invalid loss inputs give messages, and throw from value and gradient", "[nn][loss]") {
  const Loss mse{LossKind::kMse};
  const Eigen::MatrixXd a = Eigen::MatrixXd::Zero(4, 1);
  const Eigen::MatrixXd b = Eigen::MatrixXd::Zero(4, 2);
  const std::string shape_message =
      "mse: predictions are 4×1 but targets are 4×2 (one row per sample, the same columns)";
  CHECK(check_loss_inputs(mse, a, b) == shape_message);
  CHECK_THROWS_WITH(loss_value(mse, a, b), shape_message);
  CHECK_THROWS_WITH(loss_gradient(mse, a, b), shape_message);
  CHECK(check_loss_inputs(mse, Eigen::MatrixXd(0, 2), Eigen::MatrixXd(0, 2)) ==
        "mse: the batch has no samples (0 rows)");
  CHECK(check_loss_inputs(Loss{LossKind::kCrossEntropy}, a, a)
            .find("cross_entropy needs at least 2 columns") == 0);

  CHECK(check_loss_inputs(Loss{LossKind::kBinaryCrossEntropy}, row({0.0, 1.0}), row({1.0, 2.0})) ==
        "binary_cross_entropy: targets must be probabilities in [0, 1], got 2 at row 0, column 1");
  CHECK(check_loss_inputs(Loss{LossKind::kHinge}, row({0.0, 1.0}), row({1.0, 0.0})) ==
        "hinge: targets must be -1 or +1, got 0 at row 0, column 1");
  CHECK(check_loss_inputs(Loss{LossKind::kCrossEntropy}, row({0.0, 1.0}), row({1.0, 1.0})) ==
        "cross_entropy: each target row must sum to 1 (class probabilities; one-hot for hard "
        "labels), row 0 sums to 2");
  CHECK(check_loss_inputs(Loss{LossKind::kKlDivergence}, row({0.0, 1.0}), row({1.5, -0.5}))
            .find("kl_divergence: targets must be class probabilities") == 0);
  CHECK(check_loss_inputs(mse, row({0.0}), row({NAN})).find("mse: targets must be finite") == 0);
  // Non-finite predictions are not an error: they are how divergence shows up.
  CHECK(check_loss_inputs(mse, row({NAN}), row({0.0})).empty());
  CHECK(std::isnan(loss_value(mse, row({NAN}), row({0.0}))));

  CHECK(validate_loss(Loss{LossKind::kHuber, 0.0}) ==
        "huber: delta must be a finite number > 0, got 0");
  CHECK(validate_loss(Loss{LossKind::kFocal, 1.0, -1.0}) ==
        "focal: gamma must be a finite number ≥ 0, got -1");
  CHECK_THROWS_AS(loss_value(Loss{LossKind::kHuber, -1.0}, a, a), std::invalid_argument);
}

TEST_CASE("Loss names round-trip and aliases parse", "[nn][loss]") {
  for (const std::string& name : loss_names()) {
    Loss loss;
    CHECK(loss_from_name(name, loss).empty());
    CHECK(loss_name(loss.kind) == name);
  }
  Loss loss{LossKind::kHuber, 3.0};
  CHECK(loss_from_name("huber", loss).empty());
  CHECK(loss.huber_delta == 1.0);  // defaults restored
  CHECK(loss_from_name("bce", loss).empty());
  CHECK(loss.kind == LossKind::kBinaryCrossEntropy);
  CHECK(loss_from_name("ce", loss).empty());
  CHECK(loss.kind == LossKind::kCrossEntropy);
  CHECK(loss_from_name("kl", loss).empty());
  CHECK(loss.kind == LossKind::kKlDivergence);
  const std::string message = loss_from_name("cross-entropy", loss);
  CHECK(message.find("unknown loss 'cross-entropy' (valid: mse, mae, huber") == 0);
  CHECK(loss.kind == LossKind::kKlDivergence);  // unchanged on failure
}

TEST_CASE("loss: cross_entropy and kl_divergence refuse a softmax output layer", "[nn]") {
  using descent::nn::check_output_activation;
  const descent::nn::Activation softmax(ActivationKind::kSoftmax);
  for (const LossKind kind : {LossKind::kCrossEntropy, LossKind::kKlDivergence}) {
    Loss loss;
    loss.kind = kind;
    const std::string message = check_output_activation(loss, softmax);
    CHECK_THAT(message, Catch::StartsWith(loss_name(kind)) && Catch::Contains("applied twice"));
    CHECK(check_output_activation(loss, descent::nn::Activation(ActivationKind::kLinear)).empty());
  }
  for (const LossKind kind : {LossKind::kMse, LossKind::kBinaryCrossEntropy, LossKind::kHinge}) {
    Loss loss;
    loss.kind = kind;
    CHECK(check_output_activation(loss, softmax).empty());
  }
}

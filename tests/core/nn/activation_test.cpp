#include "descent/nn/activation.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
#include <string>

#include "nn_test_support.hpp"

using descent::Rng;
using descent::nn::activate;
using descent::nn::Activation;
using descent::nn::activation_backward;
using descent::nn::activation_derivative;
using descent::nn::activation_from_name;
using descent::nn::activation_name;
using descent::nn::activation_names;
using descent::nn::ActivationKind;
using descent::nn::is_elementwise;
using descent::nn::Matrix;
using descent::nn::validate_activation;
using descent::test::away_from;
using descent::test::matrix_gradient_estimate;
using descent::test::random_matrix;
using descent::test::row;
using descent::testing::relative_error;

namespace {

// Every kind with its default α, plus non-default slopes for the two parameterised ones.
std::vector<Activation> activations_under_test() {
  std::vector<Activation> activations;
  for (const std::string& name : activation_names()) {
    Activation activation;
    REQUIRE(activation_from_name(name, activation).empty());
    activations.push_back(activation);
  }
  activations.emplace_back(ActivationKind::kLeakyRelu, 0.2);
  activations.emplace_back(ActivationKind::kElu, 0.5);
  return activations;
}

std::string label(const Activation& activation) {
  return activation_name(activation.kind) + " (alpha " + std::to_string(activation.alpha) + ")";
}

// Pre-activations in [−4, 4], kept 0.05 away from the kink at 0 (ReLU, leaky ReLU, ELU).
Eigen::MatrixXd random_pre_activations(Rng& rng, Eigen::Index rows, Eigen::Index cols) {
  return random_matrix(rows, cols, rng,
                       [](Rng& r) { return away_from(r.uniform(-4.0, 4.0), 0.0, 0.05); });
}

}  // namespace

TEST_CASE("Activation backward matches central differences for every kind", "[nn][activation]") {
  // L(z) = Σ W ⊙ f(z) with random W, so ∂L/∂z = activation_backward(z, f(z), W).
  Rng rng(11);
  for (const Activation& activation : activations_under_test()) {
    INFO(label(activation));
    for (int trial = 0; trial < 25; ++trial) {
      const Eigen::MatrixXd z = random_pre_activations(rng, 4, 5);
      const Eigen::MatrixXd weights = random_matrix(4, 5, rng, [](Rng& r) { return r.normal(); });
      const auto objective = [&](const Eigen::MatrixXd& point) {
        return activate(activation, point).cwiseProduct(weights).sum();
      };
      const Eigen::MatrixXd analytic =
          activation_backward(activation, z, activate(activation, z), weights);
      REQUIRE(relative_error(analytic, matrix_gradient_estimate(objective, z)) < 1e-6);
    }
  }
}

TEST_CASE("Elementwise derivative matches central differences and backward with ones",
          "[nn][activation]") {
  Rng rng(12);
  for (const Activation& activation : activations_under_test()) {
    if (!is_elementwise(activation.kind)) continue;
    INFO(label(activation));
    for (int trial = 0; trial < 25; ++trial) {
      const Eigen::MatrixXd z = random_pre_activations(rng, 3, 4);
      const double step = 1e-5;
      const Eigen::MatrixXd z_forward = z.array() + step;
      const Eigen::MatrixXd z_backward = z.array() - step;
      const Eigen::MatrixXd estimate =
          (activate(activation, z_forward) - activate(activation, z_backward)) / (2.0 * step);
      const Eigen::MatrixXd derivative = activation_derivative(activation, z);
      REQUIRE(relative_error(derivative, estimate) < 1e-6);
      const Eigen::MatrixXd ones = Eigen::MatrixXd::Ones(3, 4);
      REQUIRE(relative_error(derivative, activation_backward(activation, z, activate(activation, z),
                                                             ones)) < 1e-15);
    }
  }
}

TEST_CASE("Golden activation values", "[nn][activation]") {
  const Eigen::MatrixXd zero = Eigen::MatrixXd::Zero(1, 1);
  // The vanishing-gradient lesson: σ'(0) = 0.25 is σ's largest slope, so N sigmoid layers shrink
  // a gradient by at least 0.25^N.
  CHECK(activation_derivative<double>(ActivationKind::kSigmoid, zero)(0, 0) == 0.25);
  const Eigen::MatrixXd grid = Eigen::RowVectorXd::LinSpaced(401, -10.0, 10.0);
  CHECK(activation_derivative<double>(ActivationKind::kSigmoid, grid).maxCoeff() == 0.25);
  CHECK(activation_derivative<double>(ActivationKind::kTanh, zero)(0, 0) == 1.0);
  CHECK(activation_derivative<double>(ActivationKind::kGelu, zero)(0, 0) == 0.5);
  CHECK(activation_derivative<double>(ActivationKind::kSwish, zero)(0, 0) == 0.5);
  // Conventions at the kink, as torch: ReLU'(0) = 0, leaky ReLU'(0) = α, ELU'(0) = α.
  CHECK(activation_derivative<double>(ActivationKind::kRelu, zero)(0, 0) == 0.0);
  CHECK(activation_derivative<double>(ActivationKind::kLeakyRelu, zero)(0, 0) == 0.01);
  CHECK(activation_derivative<double>(Activation(ActivationKind::kElu, 0.5), zero)(0, 0) == 0.5);

  const Eigen::MatrixXd z = row({-2.0, -1.0, 0.5, 1.0});
  const Eigen::MatrixXd sigmoid = activate<double>(ActivationKind::kSigmoid, z);
  CHECK(sigmoid(0, 2) == Approx(0.6224593312018546).epsilon(1e-15));
  CHECK(activate<double>(ActivationKind::kTanh, z)(0, 1) == Approx(-0.7615941559557649));
  CHECK(activate<double>(ActivationKind::kRelu, z) == row({0.0, 0.0, 0.5, 1.0}));
  CHECK(activate<double>(ActivationKind::kLeakyRelu, z)(0, 0) == Approx(-0.02).epsilon(1e-15));
  CHECK(activate<double>(ActivationKind::kElu, z)(0, 1) ==
        Approx(std::exp(-1.0) - 1.0).epsilon(1e-15));
  // torch.nn.functional.gelu(tensor(1.)) = Φ(1) = 0.8413447460685429; silu(1) = σ(1).
  CHECK(activate<double>(ActivationKind::kGelu, z)(0, 3) ==
        Approx(0.8413447460685429).epsilon(1e-15));
  CHECK(activate<double>(ActivationKind::kGelu, z)(0, 0) ==
        Approx(-0.04550026389635842).epsilon(1e-13));
  CHECK(activate<double>(ActivationKind::kSwish, z)(0, 3) ==
        Approx(0.7310585786300049).epsilon(1e-15));
  CHECK(activate<double>(ActivationKind::kLinear, z) == z);
}

TEST_CASE("Softmax rows are distributions, invariant to a shift per row", "[nn][activation]") {
  Rng rng(13);
  const Eigen::MatrixXd z = random_matrix(6, 5, rng, [](Rng& r) { return r.normal(0.0, 3.0); });
  const Eigen::MatrixXd probabilities = activate<double>(ActivationKind::kSoftmax, z);
  for (Eigen::Index i = 0; i < z.rows(); ++i) {
    CHECK(probabilities.row(i).sum() == Approx(1.0).epsilon(1e-15));
    CHECK(probabilities.row(i).minCoeff() > 0.0);
  }
  Eigen::MatrixXd shifted = z;
  shifted.row(2).array() += 50.0;
  CHECK(relative_error(activate<double>(ActivationKind::kSoftmax, shifted), probabilities) < 1e-14);
  // softmax(ln p) = p.
  const Eigen::MatrixXd p = row({0.1, 0.7, 0.2});
  CHECK(relative_error(activate<double>(ActivationKind::kSoftmax, p.array().log().matrix()), p) <
        1e-15);
}

TEST_CASE("Sigmoid and softmax stay finite for |z| = 1000", "[nn][activation]") {
  const Eigen::MatrixXd z = row({-1000.0, 0.0, 1000.0});
  const Eigen::MatrixXd sigmoid = activate<double>(ActivationKind::kSigmoid, z);
  // Eigen's vectorised exp clamps its argument near −708, so e^−1000 may come out as a
  // subnormal instead of 0.
  CHECK(sigmoid(0, 0) == Approx(0.0).margin(1e-300));
  CHECK(sigmoid(0, 1) == 0.5);
  CHECK(sigmoid(0, 2) == 1.0);
  const Eigen::MatrixXd softmax = activate<double>(ActivationKind::kSoftmax, z);
  CHECK(relative_error(softmax, row({0.0, 0.0, 1.0})) < 1e-300);
  const Eigen::MatrixXd gradient = row({1.0, -2.0, 0.5});
  for (const Activation& activation : activations_under_test()) {
    INFO(label(activation));
    const Eigen::MatrixXd a = activate(activation, z);
    CHECK(a.allFinite());
    CHECK(activation_backward(activation, z, a, gradient).allFinite());
    const Eigen::MatrixXf z_float = z.cast<float>();
    const Eigen::MatrixXf a_float = activate(activation, z_float);
    CHECK(a_float.allFinite());
    CHECK(activation_backward<float>(activation, z_float, a_float, gradient.cast<float>())
              .allFinite());
  }
}

TEST_CASE("float activations agree with double within float precision", "[nn][activation]") {
  Rng rng(14);
  for (const Activation& activation : activations_under_test()) {
    INFO(label(activation));
    const Eigen::MatrixXd z = random_pre_activations(rng, 8, 6);
    const Eigen::MatrixXd grad_a = random_matrix(8, 6, rng, [](Rng& r) { return r.normal(); });
    const Eigen::MatrixXf z_float = z.cast<float>();
    const Eigen::MatrixXf a_float = activate(activation, z_float);
    const Eigen::MatrixXd a = activate(activation, z);
    CHECK(relative_error(a_float.cast<double>(), a) < 1e-6);
    const Eigen::MatrixXf backward_float =
        activation_backward(activation, z_float, a_float, grad_a.cast<float>().eval());
    CHECK(relative_error(backward_float.cast<double>(),
                         activation_backward(activation, z, a, grad_a)) < 1e-5);
    if (is_elementwise(activation.kind)) {
      CHECK(relative_error(activation_derivative(activation, z_float).cast<double>(),
                           activation_derivative(activation, z)) < 1e-5);
    }
  }
}

TEST_CASE("Activation names round-trip; unknown names and bad α give messages",
          "[nn][activation]") {
  for (const std::string& name : activation_names()) {
    Activation activation;
    CHECK(activation_from_name(name, activation).empty());
    CHECK(activation_name(activation.kind) == name);
  }
  Activation activation;
  CHECK(activation_from_name("leaky_relu", activation).empty());
  CHECK(activation.alpha == 0.01);
  CHECK(activation_from_name("elu", activation).empty());
  CHECK(activation.alpha == 1.0);
  CHECK(activation_from_name("silu", activation).empty());
  CHECK(activation.kind == ActivationKind::kSwish);
  CHECK(Activation(ActivationKind::kElu).alpha == 1.0);

  const std::string unknown = activation_from_name("ReLU", activation);
  CHECK(unknown.find("unknown activation 'ReLU'") != std::string::npos);
  CHECK(unknown.find("leaky_relu") != std::string::npos);
  CHECK(activation.kind == ActivationKind::kSwish);  // unchanged on failure

  CHECK(validate_activation(Activation(ActivationKind::kLeakyRelu, 2.0)) ==
        "leaky_relu: alpha (negative slope) must be in [0, 1], got 2");
  CHECK(validate_activation(Activation(ActivationKind::kElu, -1.0)) ==
        "elu: alpha must be a finite number ≥ 0, got -1");
  CHECK(validate_activation(Activation(ActivationKind::kElu, NAN)).find("elu: alpha") == 0);
  CHECK(validate_activation(Activation(ActivationKind::kRelu, 5.0)).empty());  // α unused
  const Eigen::MatrixXd z = Eigen::MatrixXd::Ones(2, 2);
  CHECK_THROWS_AS(activate(Activation(ActivationKind::kLeakyRelu, -0.5), z), std::invalid_argument);
}

TEST_CASE("Activation misuse throws instead of crashing", "[nn][activation]") {
  const Eigen::MatrixXd z = Eigen::MatrixXd::Ones(2, 3);
  const Eigen::MatrixXd wrong = Eigen::MatrixXd::Ones(3, 2);
  CHECK_THROWS_WITH(activation_backward<double>(ActivationKind::kTanh, z, z, wrong),
                    "tanh backward: z, a and grad_a must have the same shape");
  CHECK_THROWS_WITH(activation_derivative<double>(ActivationKind::kSoftmax, z),
                    Catch::Contains("activation_backward"));
  CHECK_THROWS_WITH(activate<double>(ActivationKind::kSoftmax, Eigen::MatrixXd(2, 0)),
                    "softmax: the batch has no columns");
  // Empty batches are fine for the elementwise kinds.
  CHECK(activate<double>(ActivationKind::kRelu, Eigen::MatrixXd(0, 3)).rows() == 0);
}

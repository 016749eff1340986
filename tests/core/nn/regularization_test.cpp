#include "descent/nn/regularization.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "nn_test_support.hpp"

using descent::Rng;
using descent::nn::ActivationKind;
using descent::nn::add_regularization_gradient;
using descent::nn::NetworkConfig;
using descent::nn::project_to_l1_orthant;
using descent::nn::Regularization;
using descent::nn::regularization_penalty;
using descent::nn::validate_regularization;
using descent::nn::weight_mask;
using descent::testing::central_difference_gradient;
using descent::testing::relative_error;

namespace {

NetworkConfig two_layer_config() {
  NetworkConfig config;
  config.input_width = 2;
  config.layers = {{3, ActivationKind::kTanh}, {1, ActivationKind::kLinear}};
  return config;
}

}  // namespace

TEST_CASE("weight_mask marks weights, not biases, in the flat order", "[nn]") {
  const Eigen::VectorXd mask = weight_mask(two_layer_config());
  // Layer 1: 2×3 weights then 3 biases; layer 2: 3×1 weights then 1 bias.
  Eigen::VectorXd expected(13);
  expected << 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0;
  CHECK(mask == expected);
}

TEST_CASE("regularization penalty: worked numbers and biases left alone", "[nn]") {
  Eigen::VectorXd parameters(4), mask(4);
  parameters << 3.0, -4.0, 100.0, 0.0;  // the 100 is a bias
  mask << 1, 1, 0, 1;
  const Regularization both{0.5, 0.2};
  // 0.5·(3 + 4 + 0) + 0.1·(9 + 16 + 0) = 3.5 + 2.5
  CHECK(regularization_penalty(both, parameters, mask) == Approx(6.0));
  Eigen::VectorXd gradient = Eigen::VectorXd::Zero(4);
  add_regularization_gradient(both, parameters, mask, gradient);
  // l1·sign(w) + l2·w, 0 for the bias; at w = 0 the data gradient (0 here) soft-thresholded.
  CHECK(gradient[0] == Approx(0.5 + 0.6));
  CHECK(gradient[1] == Approx(-0.5 - 0.8));
  CHECK(gradient[2] == 0.0);
  CHECK(gradient[3] == 0.0);
}

TEST_CASE("L1 at a zero weight: the data must pull harder than l1 to move it", "[nn]") {
  Eigen::VectorXd parameters = Eigen::VectorXd::Zero(4), mask = Eigen::VectorXd::Ones(4);
  Eigen::VectorXd gradient(4);
  gradient << 0.3, -0.3, 0.8, -0.8;  // data gradients
  add_regularization_gradient({0.5, 0.0}, parameters, mask, gradient);
  Eigen::VectorXd expected(4);
  expected << 0.0, 0.0, 0.3, -0.3;
  CHECK(gradient.isApprox(expected));
}

TEST_CASE("L1 orthant projection: a step across zero stops at exactly zero", "[nn]") {
  Eigen::VectorXd before(5), step_gradient(5), after(5), mask(5);
  before << 0.1, -0.1, 0.2, 0.0, 0.1;
  step_gradient << 1.0, -1.0, 1.0, -0.3, 1.0;
  after << -0.05, 0.05, 0.1, 0.2, -0.05;  // the last entry is a bias: left alone
  mask << 1, 1, 1, 1, 0;
  Eigen::VectorXd projected = after;
  project_to_l1_orthant({0.1, 0.0}, before, step_gradient, mask, projected);
  Eigen::VectorXd expected(5);
  expected << 0.0, 0.0, 0.1, 0.2, -0.05;  // 0.2: from 0 in the direction −g points
  CHECK(projected == expected);
  projected = after;
  project_to_l1_orthant({0.0, 0.1}, before, step_gradient, mask, projected);
  CHECK(projected == after);  // without L1 nothing is projected
}

TEST_CASE("regularization gradient matches central differences", "[nn]") {
  const Eigen::VectorXd mask = weight_mask(two_layer_config());
  const Regularization regularization{0.3, 0.7};
  Rng rng(11);
  for (int trial = 0; trial < 20; ++trial) {
    Eigen::VectorXd point(mask.size());
    // Away from 0, where |w| has its kink.
    for (Eigen::Index i = 0; i < point.size(); ++i) {
      point[i] = descent::test::away_from(rng.normal(), 0.0, 1e-3);
    }
    Eigen::VectorXd gradient = Eigen::VectorXd::Zero(point.size());
    add_regularization_gradient(regularization, point, mask, gradient);
    const auto penalty = [&](const Eigen::VectorXd& x) {
      return regularization_penalty(regularization, x, mask);
    };
    CHECK(relative_error(gradient, central_difference_gradient(penalty, point, 1e-6)) < 1e-6);
  }
}

TEST_CASE("validate_regularization rejects negative and non-finite strengths", "[nn]") {
  CHECK(validate_regularization({0.0, 0.0}).empty());
  CHECK(validate_regularization({1e-3, 10.0}).empty());
  CHECK(validate_regularization({-0.1, 0.0}) == "regularization: l1 must be in [0, 10], got -0.1");
  CHECK_FALSE(validate_regularization({0.0, std::nan("")}).empty());
  CHECK_FALSE(validate_regularization({0.0, 11.0}).empty());
}

#include "descent/optim/sgd.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

#include "optim_test_support.hpp"

using descent::Sgd;
using descent::test::quadratic_start;
using descent::test::quadratic_step;
using descent::test::state_value;

TEST_CASE("SGD: first two steps on x² + 4y²", "[optim][sgd]") {
  // lr 0.1, no momentum. g(x, y) = (2x, 8y).
  // step 1: g = (2, −4)      → θ = (1 − 0.2, −0.5 + 0.4)    = (0.8, −0.1)
  // step 2: g = (1.6, −0.8)  → θ = (0.8 − 0.16, −0.1 + 0.08) = (0.64, −0.02)
  Sgd optimizer(Sgd::Params{}, 2);
  Eigen::VectorXd point = quadratic_start();
  quadratic_step(optimizer, point, 0.1);
  CHECK(point[0] == Approx(0.8).epsilon(1e-14));
  CHECK(point[1] == Approx(-0.1).epsilon(1e-14));
  quadratic_step(optimizer, point, 0.1);
  CHECK(point[0] == Approx(0.64).epsilon(1e-14));
  CHECK(point[1] == Approx(-0.02).epsilon(1e-14));
  CHECK(optimizer.step_count() == 2);
  CHECK(optimizer.state().empty());  // plain SGD keeps no state
}

TEST_CASE("SGD: weight decay adds λθ to the gradient", "[optim][sgd]") {
  // lr 0.1, λ 0.1.
  // step 1: g + λθ = (2 + 0.1, −4 − 0.05) = (2.1, −4.05)  → θ = (0.79, −0.095)
  // step 2: g = (1.58, −0.76), + λθ = (1.659, −0.7695)     → θ = (0.6241, −0.01805)
  Sgd::Params params;
  params.weight_decay = 0.1;
  Sgd optimizer(params, 2);
  Eigen::VectorXd point = quadratic_start();
  quadratic_step(optimizer, point, 0.1);
  CHECK(point[0] == Approx(0.79).epsilon(1e-14));
  CHECK(point[1] == Approx(-0.095).epsilon(1e-14));
  quadratic_step(optimizer, point, 0.1);
  CHECK(point[0] == Approx(0.6241).epsilon(1e-14));
  CHECK(point[1] == Approx(-0.01805).epsilon(1e-13));
}

TEST_CASE("SGD momentum: first two steps", "[optim][sgd]") {
  // lr 0.1, μ 0.9, τ 0.
  // step 1: b = g = (2, −4)                              → θ = (0.8, −0.1)
  // step 2: g = (1.6, −0.8), b = 0.9·(2, −4) + g = (3.4, −4.4) → θ = (0.8 − 0.34, −0.1 + 0.44)
  //                                                              = (0.46, 0.34)
  Sgd::Params params;
  params.momentum = 0.9;
  Sgd optimizer(params, 2);
  Eigen::VectorXd point = quadratic_start();
  quadratic_step(optimizer, point, 0.1);
  CHECK(point[0] == Approx(0.8).epsilon(1e-14));
  CHECK(point[1] == Approx(-0.1).epsilon(1e-14));
  quadratic_step(optimizer, point, 0.1);
  CHECK(point[0] == Approx(0.46).epsilon(1e-14));
  CHECK(point[1] == Approx(0.34).epsilon(1e-14));
  const Eigen::VectorXd velocity = state_value(optimizer, "momentum_buffer");
  CHECK(velocity[0] == Approx(3.4).epsilon(1e-14));
  CHECK(velocity[1] == Approx(-4.4).epsilon(1e-14));
}

TEST_CASE("SGD momentum: dampening spares the first step, as torch", "[optim][sgd]") {
  // lr 0.1, μ 0.9, τ 0.5.
  // step 1: b = g = (2, −4) (no dampening on the first step) → θ = (0.8, −0.1)
  // step 2: g = (1.6, −0.8), b = 0.9·(2, −4) + 0.5·g = (2.6, −4.0) → θ = (0.54, 0.3)
  Sgd::Params params;
  params.momentum = 0.9;
  params.dampening = 0.5;
  Sgd optimizer(params, 2);
  Eigen::VectorXd point = quadratic_start();
  quadratic_step(optimizer, point, 0.1);
  CHECK(point[0] == Approx(0.8).epsilon(1e-14));
  CHECK(point[1] == Approx(-0.1).epsilon(1e-14));
  quadratic_step(optimizer, point, 0.1);
  CHECK(point[0] == Approx(0.54).epsilon(1e-14));
  CHECK(point[1] == Approx(0.3).epsilon(1e-14));
}

TEST_CASE("SGD Nesterov: first two steps", "[optim][sgd]") {
  // lr 0.1, μ 0.9, Nesterov: step along g + μb.
  // step 1: b = g = (2, −4), d = g + 0.9b = (3.8, −7.6)     → θ = (0.62, 0.26)
  // step 2: g = (1.24, 2.08), b = 0.9·(2, −4) + g = (3.04, −1.52),
  //         d = g + 0.9b = (3.976, 0.712)                     → θ = (0.2224, 0.1888)
  Sgd::Params params;
  params.momentum = 0.9;
  params.nesterov = true;
  Sgd optimizer(params, 2);
  Eigen::VectorXd point = quadratic_start();
  quadratic_step(optimizer, point, 0.1);
  CHECK(point[0] == Approx(0.62).epsilon(1e-14));
  CHECK(point[1] == Approx(0.26).epsilon(1e-14));
  quadratic_step(optimizer, point, 0.1);
  CHECK(point[0] == Approx(0.2224).epsilon(1e-13));
  CHECK(point[1] == Approx(0.1888).epsilon(1e-13));
}

TEST_CASE("Classical momentum accumulates the seeds' gradient sequence", "[optim][sgd]") {
  // Gradients 2.0, −1.5, 3.0, −0.5, 2.5 with μ 0.9 (b ← 0.9b + g, b₁ = g₁):
  //   2.0;  1.8 − 1.5 = 0.3;  0.27 + 3.0 = 3.27;  2.943 − 0.5 = 2.443;  2.1987 + 2.5 = 4.6987
  Sgd::Params params;
  params.momentum = 0.9;
  Sgd optimizer(params, 1);
  Eigen::VectorXd point = Eigen::VectorXd::Zero(1);
  const double gradients[] = {2.0, -1.5, 3.0, -0.5, 2.5};
  const double velocities[] = {2.0, 0.3, 3.27, 2.443, 4.6987};
  for (int i = 0; i < 5; ++i) {
    optimizer.step(point, Eigen::VectorXd::Constant(1, gradients[i]), 0.01);
    CHECK(state_value(optimizer, "momentum_buffer")[0] == Approx(velocities[i]).epsilon(1e-13));
  }
}

TEST_CASE("SGD: state before the first step is zeros of the right size", "[optim][sgd]") {
  Sgd::Params params;
  params.momentum = 0.5;
  const Sgd optimizer(params, 3);
  CHECK(optimizer.step_count() == 0);
  CHECK(state_value(optimizer, "momentum_buffer") == Eigen::VectorXd::Zero(3));
}

TEST_CASE("SGD: invalid params and calls are rejected", "[optim][sgd]") {
  Sgd::Params negative_momentum;
  negative_momentum.momentum = -0.1;
  CHECK(negative_momentum.validate() == "sgd: momentum must be a finite number ≥ 0, got -0.1");
  CHECK_THROWS_AS(Sgd(negative_momentum, 2), std::invalid_argument);

  Sgd::Params nesterov_without_momentum;
  nesterov_without_momentum.nesterov = true;
  CHECK(nesterov_without_momentum.validate() ==
        "sgd: Nesterov momentum needs momentum > 0 and dampening = 0");

  CHECK_THROWS_AS(Sgd(Sgd::Params{}, 0), std::invalid_argument);

  Sgd optimizer(Sgd::Params{}, 2);
  Eigen::VectorXd point = quadratic_start();
  CHECK_THROWS_AS(optimizer.step(point, Eigen::VectorXd::Zero(3), 0.1), std::invalid_argument);
  CHECK_THROWS_AS(optimizer.step(point, Eigen::VectorXd::Zero(2), -0.1), std::invalid_argument);
}

#include "descent/optim/adagrad.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>

#include "optim_test_support.hpp"

using descent::Adagrad;
using descent::test::quadratic_start;
using descent::test::quadratic_step;
using descent::test::state_value;

TEST_CASE("AdaGrad: first two steps on x² + 4y²", "[optim][adagrad]") {
  // lr 0.5, ε 1e-10 (negligible at this tolerance).
  // step 1: g = (2, −4), G = (4, 16)          → θ = (1 − 0.5·2/2, −0.5 + 0.5·4/4) = (0.5, 0)
  // step 2: g = (1, 0),  G = (5, 16)          → θ = (0.5 − 0.5/√5, 0) = (0.2763932023, 0)
  Adagrad optimizer(Adagrad::Params{}, 2);
  Eigen::VectorXd point = quadratic_start();
  quadratic_step(optimizer, point, 0.5);
  CHECK(point[0] == Approx(0.5).epsilon(1e-9));
  CHECK(point[1] == Approx(0.0).margin(1e-9));
  quadratic_step(optimizer, point, 0.5);
  CHECK(point[0] == Approx(0.5 - 0.5 / std::sqrt(5.0)).epsilon(1e-9));
  CHECK(point[1] == Approx(0.0).margin(1e-9));
  const Eigen::VectorXd sum_of_squares = state_value(optimizer, "sum_of_squares");
  CHECK(sum_of_squares[0] == Approx(5.0).epsilon(1e-9));
  CHECK(sum_of_squares[1] == Approx(16.0).epsilon(1e-9));
  // effective step = lr/(√G + ε) = (0.5/√5, 0.5/4)
  const Eigen::VectorXd effective_step = state_value(optimizer, "effective_step");
  CHECK(effective_step[0] == Approx(0.5 / std::sqrt(5.0)).epsilon(1e-9));
  CHECK(effective_step[1] == Approx(0.125).epsilon(1e-9));
}

TEST_CASE("AdaGrad: lr decay, weight decay and initial accumulator", "[optim][adagrad]") {
  // lr 0.5, lr_decay 0.1, λ 0.1, G₀ = 1.
  // step 1: η₁ = 0.5; g + λθ = (2.1, −4.05); G = 1 + g² = (5.41, 17.4025);
  //         θ = (1 − 0.5·2.1/√5.41, −0.5 + 0.5·4.05/√17.4025)
  //           = (1 − 0.5·2.1/2.3259407, −0.5 + 0.5·4.05/4.1716304) = (0.5485697, −0.0145783)
  // step 2: η₂ = 0.5/(1 + 0.1) = 0.4545455; g + λθ = 2.1θ for x and 8.1θ for y
  //         = (1.1519965, −0.1180841); G = (6.7370958, 17.4164438);
  //         θ = (0.5485697 − 0.4545455·1.1519965/2.5955916, −0.0145783 +
  //         0.4545455·0.1180841/4.1733013)
  //           = (0.3468297, −0.0017169)
  Adagrad::Params params;
  params.lr_decay = 0.1;
  params.weight_decay = 0.1;
  params.initial_accumulator_value = 1.0;
  Adagrad optimizer(params, 2);
  CHECK(state_value(optimizer, "sum_of_squares") == Eigen::VectorXd::Ones(2));
  Eigen::VectorXd point = quadratic_start();
  quadratic_step(optimizer, point, 0.5);
  CHECK(point[0] == Approx(0.5485697406).epsilon(1e-9));
  CHECK(point[1] == Approx(-0.0145782783).epsilon(1e-8));
  quadratic_step(optimizer, point, 0.5);
  CHECK(point[0] == Approx(0.3468297021).epsilon(1e-9));
  CHECK(point[1] == Approx(-0.0017168609).epsilon(1e-7));
  CHECK(optimizer.step_count() == 2);
}

TEST_CASE("AdaGrad: invalid params are rejected", "[optim][adagrad]") {
  Adagrad::Params params;
  params.eps = -1.0;
  CHECK(params.validate() == "adagrad: eps must be a finite number ≥ 0, got -1");
  CHECK_THROWS_AS(Adagrad(params, 2), std::invalid_argument);
}

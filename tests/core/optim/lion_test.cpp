#include "descent/optim/lion.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

#include "optim_test_support.hpp"

using descent::Lion;
using descent::test::quadratic_start;
using descent::test::quadratic_step;
using descent::test::state_value;

TEST_CASE("Lion: first two steps on x² + 4y²", "[optim][lion]") {
  // lr 0.1, β₁ 0.9, β₂ 0.99, λ 0.
  // step 1: g = (2, −4), m = 0: c = 0.1g, sign (1, −1)    → θ = (0.9, −0.4)
  //         m = 0.01g = (0.02, −0.04)
  // step 2: g = (1.8, −3.2): c = 0.9m + 0.1g = (0.198, −0.356), sign (1, −1) → θ = (0.8, −0.3)
  //         m = 0.99·(0.02, −0.04) + 0.01g = (0.0378, −0.0716)
  Lion optimizer(Lion::Params{}, 2);
  Eigen::VectorXd point = quadratic_start();
  quadratic_step(optimizer, point, 0.1);
  CHECK(point[0] == Approx(0.9).epsilon(1e-15));
  CHECK(point[1] == Approx(-0.4).epsilon(1e-15));
  quadratic_step(optimizer, point, 0.1);
  CHECK(point[0] == Approx(0.8).epsilon(1e-15));
  CHECK(point[1] == Approx(-0.3).epsilon(1e-14));
  const Eigen::VectorXd momentum = state_value(optimizer, "momentum");
  CHECK(momentum[0] == Approx(0.0378).epsilon(1e-13));
  CHECK(momentum[1] == Approx(-0.0716).epsilon(1e-13));
  CHECK(state_value(optimizer, "update_sign") == Eigen::Vector2d(1.0, -1.0));
}

TEST_CASE("Lion: decoupled weight decay", "[optim][lion]") {
  // lr 0.1, λ 0.1: θ ← θ·(1 − 0.01) − 0.1·sign(c).
  // step 1: θ = (0.99 − 0.1, −0.495 + 0.1)                = (0.89, −0.395)
  // step 2: g = (1.78, −3.16), c keeps the signs (1, −1):
  //         θ = (0.89·0.99 − 0.1, −0.395·0.99 + 0.1)      = (0.7811, −0.29105)
  Lion::Params params;
  params.weight_decay = 0.1;
  Lion optimizer(params, 2);
  Eigen::VectorXd point = quadratic_start();
  quadratic_step(optimizer, point, 0.1);
  CHECK(point[0] == Approx(0.89).epsilon(1e-14));
  CHECK(point[1] == Approx(-0.395).epsilon(1e-14));
  quadratic_step(optimizer, point, 0.1);
  CHECK(point[0] == Approx(0.7811).epsilon(1e-14));
  CHECK(point[1] == Approx(-0.29105).epsilon(1e-14));
}

TEST_CASE("Lion: momentum can outvote a small opposite gradient", "[optim][lion]") {
  // step 1: g = 2 → moves −lr, m = 0.01·2 = 0.02.
  // step 2: g = −0.1 → c = 0.9·0.02 + 0.1·(−0.1) = 0.008 > 0 → still moves −lr.
  // A zero blend gives sign 0: no move at all.
  Lion optimizer(Lion::Params{}, 2);
  Eigen::VectorXd point = Eigen::Vector2d(0.0, 0.0);
  optimizer.step(point, Eigen::Vector2d(2.0, 0.0), 0.1);
  optimizer.step(point, Eigen::Vector2d(-0.1, 0.0), 0.1);
  CHECK(point[0] == Approx(-0.2).epsilon(1e-15));
  CHECK(point[1] == 0.0);
}

TEST_CASE("Lion: invalid params are rejected", "[optim][lion]") {
  Lion::Params params;
  params.beta1 = 1.5;
  CHECK(params.validate() == "lion: beta1 must be in [0, 1], got 1.5");
  CHECK_THROWS_AS(Lion(params, 2), std::invalid_argument);
}

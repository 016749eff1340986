#include "descent/optim/adamw.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

#include "descent/optim/adam.hpp"
#include "optim_test_support.hpp"

using descent::Adam;
using descent::AdamW;
using descent::test::quadratic_start;
using descent::test::quadratic_step;
using descent::test::state_value;

TEST_CASE("AdamW: first two steps on x² + 4y²", "[optim][adamw]") {
  // lr 0.1, β₁ 0.9, β₂ 0.999, ε 1e-8, λ 0.1 (decoupled: θ ← θ·(1 − 0.01) first).
  // step 1: g = (2, −4) at θ = (1, −0.5); θ·0.99 = (0.99, −0.495); Adam's first step is
  //         lr·sign(g) → θ = (0.89, −0.395)
  // step 2: g = (1.78, −3.16); θ·0.99 = (0.8811, −0.39105);
  //         m = 0.9·(0.2, −0.4) + 0.1g = (0.358, −0.676);
  //         v = 0.999·(0.004, 0.016) + 0.001g² = (0.0071644, 0.0259696);
  //         m̂ = m/0.19 = (1.8842105, −3.5578947); v̂ = v/0.001999 = (3.5839920, 12.9912957)
  //         → θ = (0.8811 − 0.1·1.8842105/1.8931434, −0.39105 + 0.1·3.5578947/3.6043440)
  //             = (0.7815719, −0.2923387)
  AdamW::Params params;
  params.weight_decay = 0.1;
  AdamW optimizer(params, 2);
  Eigen::VectorXd point = quadratic_start();
  quadratic_step(optimizer, point, 0.1);
  CHECK(point[0] == Approx(0.89).epsilon(1e-8));
  CHECK(point[1] == Approx(-0.395).epsilon(1e-8));
  quadratic_step(optimizer, point, 0.1);
  CHECK(point[0] == Approx(0.7815718559).epsilon(1e-8));
  CHECK(point[1] == Approx(-0.2923387027).epsilon(1e-8));
  CHECK(optimizer.step_count() == 2);
  // The moments see the raw gradient: no λθ in them.
  const Eigen::VectorXd first_moment = state_value(optimizer, "first_moment");
  CHECK(first_moment[0] == Approx(0.358).epsilon(1e-8));
  CHECK(first_moment[1] == Approx(-0.676).epsilon(1e-8));
}

TEST_CASE("AdamW's decoupled decay differs from Adam's coupled L2", "[optim][adamw]") {
  // Same λ = 0.1: Adam's L2 term is divided by √v̂ along with the gradient and barely shows
  // (θ₂ ≈ 0.80041 either way); AdamW shrinks θ by 1% per step regardless (θ₂ ≈ 0.78157).
  Adam::Params adam_params;
  adam_params.weight_decay = 0.1;
  AdamW::Params adamw_params;
  adamw_params.weight_decay = 0.1;
  Adam adam(adam_params, 2);
  AdamW adamw(adamw_params, 2);
  Eigen::VectorXd adam_point = quadratic_start();
  Eigen::VectorXd adamw_point = quadratic_start();
  for (int step = 0; step < 2; ++step) {
    quadratic_step(adam, adam_point, 0.1);
    quadratic_step(adamw, adamw_point, 0.1);
  }
  CHECK(adam_point[0] == Approx(0.8004122286).epsilon(1e-8));
  CHECK(adamw_point[0] == Approx(0.7815718559).epsilon(1e-8));
  CHECK(adam_point[0] - adamw_point[0] > 0.018);
}

TEST_CASE("AdamW with zero decay is Adam", "[optim][adamw]") {
  AdamW::Params params;
  params.weight_decay = 0.0;
  AdamW adamw(params, 2);
  Adam adam(Adam::Params{}, 2);
  Eigen::VectorXd adam_point = quadratic_start();
  Eigen::VectorXd adamw_point = quadratic_start();
  for (int step = 0; step < 20; ++step) {
    quadratic_step(adam, adam_point, 0.1);
    quadratic_step(adamw, adamw_point, 0.1);
  }
  CHECK(adam_point == adamw_point);
}

TEST_CASE("AdamW: invalid params are rejected with AdamW's name", "[optim][adamw]") {
  AdamW::Params params;
  params.weight_decay = -0.5;
  CHECK(params.validate() == "adamw: weight_decay must be a finite number ≥ 0, got -0.5");
  CHECK_THROWS_WITH(AdamW(params, 2), "adamw: weight_decay must be a finite number ≥ 0, got -0.5");
  AdamW optimizer(AdamW::Params{}, 2);
  Eigen::VectorXd point = quadratic_start();
  CHECK_THROWS_AS(optimizer.step(point, Eigen::VectorXd::Zero(1), 0.1), std::invalid_argument);
  CHECK(point == quadratic_start());  // rejected before the decay touched it
}

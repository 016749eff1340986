#include "descent/optim/rmsprop.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>

#include "optim_test_support.hpp"

using descent::Rmsprop;
using descent::test::quadratic_start;
using descent::test::quadratic_step;
using descent::test::state_value;

TEST_CASE("RMSProp: first two steps on x² + 4y²", "[optim][rmsprop]") {
  // lr 0.01, α 0.99, ε 1e-8 (shifts θ₁ by ~5e-10, which the second step carries on: the
  // checks allow 1e-7).
  // step 1: g = (2, −4), v = 0.01·g² = (0.04, 0.16), √v = (0.2, 0.4)
  //         → θ = (1 − 0.01·2/0.2, −0.5 + 0.01·4/0.4) = (0.9, −0.4)
  // step 2: g = (1.8, −3.2), v = 0.99·(0.04, 0.16) + 0.01·(3.24, 10.24) = (0.072, 0.2608)
  //         → θ = (0.9 − 0.01·1.8/√0.072, −0.4 + 0.01·3.2/√0.2608)
  //             = (0.9 − 0.0670820, −0.4 + 0.0626608) = (0.8329180, −0.3373392)
  Rmsprop optimizer(Rmsprop::Params{}, 2);
  Eigen::VectorXd point = quadratic_start();
  quadratic_step(optimizer, point, 0.01);
  CHECK(point[0] == Approx(0.9).epsilon(1e-8));
  CHECK(point[1] == Approx(-0.4).epsilon(1e-8));
  quadratic_step(optimizer, point, 0.01);
  CHECK(point[0] == Approx(0.9 - 0.018 / std::sqrt(0.072)).epsilon(1e-7));
  CHECK(point[1] == Approx(-0.4 + 0.032 / std::sqrt(0.2608)).epsilon(1e-7));
  const Eigen::VectorXd square_average = state_value(optimizer, "square_average");
  CHECK(square_average[0] == Approx(0.072).epsilon(1e-7));
  CHECK(square_average[1] == Approx(0.2608).epsilon(1e-7));
  // effective step = lr/(√v + ε): a big v means a small step on that coordinate.
  const Eigen::VectorXd effective_step = state_value(optimizer, "effective_step");
  CHECK(effective_step[0] == Approx(0.01 / std::sqrt(0.072)).epsilon(1e-7));
  CHECK(effective_step[1] == Approx(0.01 / std::sqrt(0.2608)).epsilon(1e-7));
  CHECK(optimizer.state().size() == 2);  // no ḡ (not centered), no velocity (μ = 0)
}

TEST_CASE("RMSProp: centered, with momentum and weight decay", "[optim][rmsprop]") {
  // lr 0.01, α 0.9, λ 0.1, μ 0.5, centered.
  // step 1: g + λθ = (2.1, −4.05); v = 0.1·g² = (0.441, 1.64025); ḡ = 0.1·g = (0.21, −0.405);
  //         s = √(v − ḡ²) = √(0.3969, 1.476225) = (0.63, 1.215);
  //         b = g/s = (3.3333333, −3.3333333) → θ = (1 − 0.0333333, −0.5 + 0.0333333)
  //                                            = (0.9666667, −0.4666667)
  // step 2: g + λθ = 2.1x, 8.1y = (2.03, −3.78); v = 0.9v + 0.1g² = (0.80899, 2.905065);
  //         ḡ = 0.9ḡ + 0.1g = (0.392, −0.7425); s = √(v − ḡ²) = (0.8095221, 1.5341965);
  //         b = 0.5b + g/s = (1.6666667 + 2.5076363, −1.6666667 − 2.4638305)
  //           = (4.1743190, −4.1304971) → θ = (0.9249235, −0.4253617)
  Rmsprop::Params params;
  params.alpha = 0.9;
  params.weight_decay = 0.1;
  params.momentum = 0.5;
  params.centered = true;
  Rmsprop optimizer(params, 2);
  Eigen::VectorXd point = quadratic_start();
  quadratic_step(optimizer, point, 0.01);
  CHECK(point[0] == Approx(1.0 - 0.1 / 3.0).epsilon(1e-8));
  CHECK(point[1] == Approx(-0.5 + 0.1 / 3.0).epsilon(1e-8));
  quadratic_step(optimizer, point, 0.01);
  CHECK(point[0] == Approx(0.9249234770).epsilon(1e-8));
  CHECK(point[1] == Approx(-0.4253616956).epsilon(1e-8));
  const Eigen::VectorXd gradient_average = state_value(optimizer, "gradient_average");
  CHECK(gradient_average[0] == Approx(0.392).epsilon(1e-8));
  CHECK(gradient_average[1] == Approx(-0.7425).epsilon(1e-8));
  const Eigen::VectorXd velocity = state_value(optimizer, "momentum_buffer");
  CHECK(velocity[0] == Approx(4.1743190224).epsilon(1e-8));
  CHECK(velocity[1] == Approx(-4.1304971319).epsilon(1e-8));
}

TEST_CASE("RMSProp: state before the first step is zeros", "[optim][rmsprop]") {
  Rmsprop::Params params;
  params.centered = true;
  params.momentum = 0.9;
  const Rmsprop optimizer(params, 2);
  const auto state = optimizer.state();
  REQUIRE(state.size() == 4);
  for (const auto& entry : state) CHECK(entry.value == Eigen::VectorXd::Zero(2));
}

TEST_CASE("RMSProp: invalid params are rejected", "[optim][rmsprop]") {
  Rmsprop::Params params;
  params.alpha = std::nan("");
  CHECK(params.validate() == "rmsprop: alpha must be a finite number ≥ 0, got nan");
  CHECK_THROWS_AS(Rmsprop(params, 2), std::invalid_argument);
}

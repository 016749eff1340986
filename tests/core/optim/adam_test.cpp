#include "descent/optim/adam.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

#include "optim_test_support.hpp"

using descent::Adam;
using descent::test::quadratic_start;
using descent::test::quadratic_step;
using descent::test::state_value;

TEST_CASE("Adam: first two steps on x² + 4y²", "[optim][adam]") {
  // lr 0.1, β₁ 0.9, β₂ 0.999, ε 1e-8 (moves θ by ~1e-9 at most: inside the tolerance).
  // step 1: g = (2, −4); m = 0.1g = (0.2, −0.4); v = 0.001g² = (0.004, 0.016);
  //         m̂ = m/0.1 = g; v̂ = v/0.001 = g² → the step is lr·g/|g| = lr·sign(g)
  //         → θ = (0.9, −0.4)
  // step 2: g = (1.8, −3.2); m = 0.9·(0.2, −0.4) + 0.1g = (0.36, −0.68);
  //         v = 0.999·(0.004, 0.016) + 0.001g² = (0.007236, 0.026224);
  //         m̂ = m/(1 − 0.81) = (1.8947368, −3.5789474);
  //         v̂ = v/(1 − 0.998001) = (3.6198099, 13.1185593), √v̂ = (1.9025798, 3.6219552)
  //         → θ = (0.9 − 0.1·1.8947368/1.9025798, −0.4 + 0.1·3.5789474/3.6219552)
  //             = (0.8004122, −0.3011874)
  Adam optimizer(Adam::Params{}, 2);
  Eigen::VectorXd point = quadratic_start();
  quadratic_step(optimizer, point, 0.1);
  CHECK(point[0] == Approx(0.9).epsilon(1e-8));
  CHECK(point[1] == Approx(-0.4).epsilon(1e-8));
  quadratic_step(optimizer, point, 0.1);
  CHECK(point[0] == Approx(0.8004122287).epsilon(1e-8));
  CHECK(point[1] == Approx(-0.3011874201).epsilon(1e-8));

  const Eigen::VectorXd first_moment = state_value(optimizer, "first_moment");
  CHECK(first_moment[0] == Approx(0.36).epsilon(1e-8));
  CHECK(first_moment[1] == Approx(-0.68).epsilon(1e-8));
  const Eigen::VectorXd second_moment = state_value(optimizer, "second_moment");
  CHECK(second_moment[0] == Approx(0.007236).epsilon(1e-8));
  CHECK(second_moment[1] == Approx(0.026224).epsilon(1e-8));
  const Eigen::VectorXd corrected_first = state_value(optimizer, "corrected_first_moment");
  CHECK(corrected_first[0] == Approx(0.36 / 0.19).epsilon(1e-8));
  CHECK(corrected_first[1] == Approx(-0.68 / 0.19).epsilon(1e-8));
  const Eigen::VectorXd corrected_second = state_value(optimizer, "corrected_second_moment");
  CHECK(corrected_second[0] == Approx(0.007236 / 0.001999).epsilon(1e-8));
  CHECK(corrected_second[1] == Approx(0.026224 / 0.001999).epsilon(1e-8));
}

TEST_CASE("Adam's first moment is the seeds' EMA walk-through", "[optim][adam]") {
  // Gradients 2.0, −1.5, 3.0, −0.5, 2.5 with β = 0.9 (m ← 0.9m + 0.1g, m₀ = 0):
  //   0.2;  0.18 − 0.15 = 0.03;  0.027 + 0.3 = 0.327;  0.2943 − 0.05 = 0.2443;
  //   0.21987 + 0.25 = 0.46987
  Adam optimizer(Adam::Params{}, 1);
  Eigen::VectorXd point = Eigen::VectorXd::Zero(1);
  const double gradients[] = {2.0, -1.5, 3.0, -0.5, 2.5};
  const double averages[] = {0.2, 0.03, 0.327, 0.2443, 0.46987};
  for (int i = 0; i < 5; ++i) {
    optimizer.step(point, Eigen::VectorXd::Constant(1, gradients[i]), 0.01);
    CHECK(state_value(optimizer, "first_moment")[0] == Approx(averages[i]).epsilon(1e-12));
  }
}

TEST_CASE("Seed example: Adam's first step on θ² − 6θ + 12 moves by lr", "[optim][adam]") {
  // f'(θ) = 2θ − 6 = −5 at θ = 0.5. With m̂ = g and √v̂ = |g|, the step is lr·g/(|g| + ε):
  // θ₁ = 0.5 + 0.15·5/(5 + 1e-8) = 0.65 − 3e-10.
  Adam optimizer(Adam::Params{}, 1);
  Eigen::VectorXd theta = Eigen::VectorXd::Constant(1, 0.5);
  optimizer.step(theta, Eigen::VectorXd::Constant(1, 2.0 * theta[0] - 6.0), 0.15);
  CHECK(theta[0] == Approx(0.65).margin(1e-9));
  CHECK(theta[0] < 0.65);  // ε makes the step a hair shorter than lr
}

TEST_CASE("Adam: coupled L2 decay is scaled away on the first step", "[optim][adam]") {
  // λ 0.1: g + λθ = (2.1, −4.05), but the first step is still lr·sign(g + λθ) → θ = (0.9, −0.4).
  // This is why AdamW decouples the decay (see adamw_test.cpp).
  Adam::Params params;
  params.weight_decay = 0.1;
  Adam optimizer(params, 2);
  Eigen::VectorXd point = quadratic_start();
  quadratic_step(optimizer, point, 0.1);
  CHECK(point[0] == Approx(0.9).epsilon(1e-8));
  CHECK(point[1] == Approx(-0.4).epsilon(1e-8));
  CHECK(state_value(optimizer, "first_moment")[0] == Approx(0.21).epsilon(1e-12));
}

TEST_CASE("Adam: state before the first step is zeros", "[optim][adam]") {
  const Adam optimizer(Adam::Params{}, 3);
  const auto state = optimizer.state();
  REQUIRE(state.size() == 4);
  for (const auto& entry : state) {
    CHECK(entry.value == Eigen::VectorXd::Zero(3));
    CHECK_FALSE(entry.label.empty());
    CHECK_FALSE(entry.meaning.empty());
  }
}

TEST_CASE("Adam: invalid params are rejected", "[optim][adam]") {
  Adam::Params params;
  params.beta2 = 1.0;
  CHECK(params.validate() == "adam: beta2 must be in [0, 1), got 1");
  CHECK_THROWS_AS(Adam(params, 2), std::invalid_argument);
}

TEST_CASE("Adam: without the display state the steps are the same, m̂ and v̂ stay zero",
          "[optim][adam]") {
  for (const double weight_decay : {0.0, 0.01}) {
    Adam::Params params;
    params.weight_decay = weight_decay;
    Adam shown(params, 2), lean(params, 2);
    lean.set_keeps_display_state(false);
    Eigen::VectorXd shown_point = quadratic_start(), lean_point = quadratic_start();
    for (int step = 0; step < 5; ++step) {
      quadratic_step(shown, shown_point, 0.1);
      quadratic_step(lean, lean_point, 0.1);
      CHECK(lean_point == shown_point);  // bit for bit
    }
    CHECK(state_value(lean, "first_moment") == state_value(shown, "first_moment"));
    CHECK(state_value(lean, "corrected_first_moment").isZero(0.0));
    CHECK(state_value(lean, "corrected_second_moment").isZero(0.0));
    CHECK_FALSE(state_value(shown, "corrected_second_moment").isZero(0.0));
  }
}

#include "descent/sims/descent_run.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

using namespace descent;

namespace {

DescentRunConfig config_for(const std::string& surface, std::vector<double> start,
                            const std::string& optimizer, double lr, int steps) {
  DescentRunConfig config;
  config.surface.id = surface;
  config.start = std::move(start);
  config.optimizer.id = optimizer;
  config.learning_rate = lr;
  config.steps = steps;
  return config;
}

}  // namespace

TEST_CASE("SGD on θ² − 6θ + 12 follows θₖ − 3 = (1 − 2α)ᵏ (θ₀ − 3)", "[sims]") {
  for (double lr : {0.01, 0.1, 0.3, 0.7, 0.95}) {
    const DescentRun run = run_descent(config_for("quadratic1d", {0.5}, "sgd", lr, 20));
    REQUIRE(run.steps_completed == 20);
    for (int k = 0; k <= 20; ++k) {
      const double expected = 3.0 + std::pow(1.0 - 2.0 * lr, k) * (0.5 - 3.0);
      CHECK(run.positions[k] == Approx(expected).epsilon(1e-12).margin(1e-12));
      CHECK(run.losses[k] == Approx(expected * expected - 6 * expected + 12).epsilon(1e-12));
    }
  }
}

TEST_CASE("The lesson's worked numbers: SGD lr 0.1 from θ = 0.5", "[sims]") {
  const DescentRun run = run_descent(config_for("quadratic1d", {0.5}, "sgd", 0.1, 2));
  CHECK(run.losses[0] == Approx(9.25));
  CHECK(run.gradients[0] == Approx(-5.0));
  CHECK(run.positions[1] == Approx(1.0));
  CHECK(run.losses[1] == Approx(7.0));
  CHECK(run.positions[2] == Approx(1.4));
  CHECK(run.losses[2] == Approx(5.56));
}

TEST_CASE("The seed's default: Adam, lr 0.15, 12 steps from θ = 0.5", "[sims]") {
  const DescentRun run = run_descent(config_for("quadratic1d", {0.5}, "adam", 0.15, 12));
  REQUIRE(run.steps_completed == 12);
  // Adam's first step is lr·sign(g) (bias correction makes m̂/√v̂ = ±1 up to ε).
  CHECK(run.positions[1] == Approx(0.65).epsilon(1e-9));
  // It keeps moving right towards θ* = 3 and the loss falls at every step.
  for (int k = 1; k <= 12; ++k) CHECK(run.losses[k] < run.losses[k - 1]);
  CHECK(run.learning_rates.size() == 12);
  REQUIRE(run.state.size() >= 2);
  CHECK(run.state[0].key == "first_moment");
  // m₁ = (1 − β₁)·g₀ = 0.1 · (−5).
  CHECK(run.state[0].values[0] == Approx(-0.5));
}

TEST_CASE("Recorded arrays have consistent sizes", "[sims]") {
  const DescentRun run = run_descent(config_for("rosenbrock", {-1.5, 2.0}, "adam", 0.01, 50));
  REQUIRE(run.dimension == 2);
  const std::size_t points = run.steps_completed + 1;
  CHECK(run.positions.size() == 2 * points);
  CHECK(run.gradients.size() == 2 * points);
  CHECK(run.losses.size() == points);
  CHECK(run.gradient_norms.size() == points);
  CHECK(run.learning_rates.size() == points - 1);
  for (const auto& track : run.state) CHECK(track.values.size() == 2 * (points - 1));
  for (std::size_t k = 0; k < points; ++k) {
    CHECK(run.gradient_norms[k] ==
          Approx(std::hypot(run.gradients[2 * k], run.gradients[2 * k + 1])));
  }
}

TEST_CASE("The schedule's learning rate is used at each step", "[sims]") {
  auto config = config_for("quadratic1d", {0.5}, "sgd", 0.2, 30);
  config.schedule.id = "step";
  config.schedule.parameters = {{"step_size", 10}, {"gamma", 0.5}};
  const DescentRun run = run_descent(config);
  CHECK(run.learning_rates[0] == Approx(0.2));
  CHECK(run.learning_rates[9] == Approx(0.2));
  CHECK(run.learning_rates[10] == Approx(0.1));
  CHECK(run.learning_rates[29] == Approx(0.05));
  // SGD: θ₁ = θ₀ − α₀·g₀ with the scheduled rate.
  CHECK(run.positions[11] == Approx(run.positions[10] - 0.1 * run.gradients[10]));
}

TEST_CASE("Outcomes: reached minimum, diverging, diverged, stuck", "[sims]") {
  SECTION("SGD with a safe rate reaches the bowl's minimum and reports the step") {
    const DescentRun run = run_descent(config_for("bowl", {1.0, -1.0}, "sgd", 0.1, 200));
    CHECK(run.outcome == RunOutcome::kReachedMinimum);
    REQUIRE(run.reached_minimum_at_step > 0);
    CHECK(run.nearest_minimum == 0);
    CHECK(run.message.find("reached the minimum") != std::string::npos);
  }
  SECTION("α slightly above 1 on the 1-D quadratic: the loss rises every step") {
    const DescentRun run = run_descent(config_for("quadratic1d", {0.5}, "sgd", 1.05, 12));
    CHECK(run.outcome == RunOutcome::kDiverging);
    CHECK(run.steps_completed == 12);
    CHECK(run.message.find("learning rate too large") != std::string::npos);
  }
  SECTION("α = 1.5 doubles |θ − 3| each step: blows past 1e10 at step 32 exactly") {
    // |θₖ − 3| = 2.5·2ᵏ exceeds 1e10 first at k = 32.
    const DescentRun run = run_descent(config_for("quadratic1d", {0.5}, "sgd", 1.5, 100));
    CHECK(run.outcome == RunOutcome::kDiverged);
    CHECK(run.diverged_at_step == 32);
    CHECK(run.steps_completed == 31);
    CHECK(run.losses.size() == 32);
    CHECK(run.message.rfind("diverged at step 32", 0) == 0);
  }
  SECTION("Rosenbrock with SGD lr 0.01 overflows to a non-finite loss and is cut there") {
    const DescentRun run = run_descent(config_for("rosenbrock", {-1.5, 2.0}, "sgd", 0.01, 100));
    CHECK(run.outcome == RunOutcome::kDiverged);
    CHECK(run.diverged_at_step > 0);
    for (double loss : run.losses) CHECK(std::isfinite(loss));
  }
  SECTION("Starting exactly on the saddle's ridge, plain GD converges to the saddle point") {
    const DescentRun run = run_descent(config_for("saddle", {1.0, 0.0}, "sgd", 0.1, 300));
    CHECK(run.outcome == RunOutcome::kStuck);
    CHECK(run.nearest_minimum == -1);
  }
  SECTION("Slightly off the ridge it escapes downhill without bound") {
    const DescentRun run = run_descent(config_for("saddle", {1.0, 0.01}, "sgd", 0.1, 2000));
    CHECK(run.outcome == RunOutcome::kEscaped);
    CHECK(run.diverged_at_step > 0);
    CHECK(run.message.rfind("escaped downhill at step", 0) == 0);
    CHECK(run.message.find("no bottom") != std::string::npos);
  }
}

TEST_CASE("Gradient noise is seeded: same seed same path, other seed other path", "[sims]") {
  auto config = config_for("saddle", {1.0, 0.0}, "sgd", 0.05, 100);
  config.gradient_noise = 0.2;
  config.seed = 5;
  const DescentRun first = run_descent(config);
  const DescentRun again = run_descent(config);
  CHECK(first.positions == again.positions);
  config.seed = 6;
  CHECK(run_descent(config).positions != first.positions);
  // Noise lets SGD leave the ridge that noiseless GD would follow into the saddle.
  CHECK(std::abs(first.positions.back()) > 1e-3);

  config.gradient_noise = 0.0;
  const DescentRun quiet_a = run_descent(config);
  config.seed = 99;
  CHECK(run_descent(config).positions == quiet_a.positions);
}

TEST_CASE("Clipping by norm bounds each step of SGD", "[sims]") {
  auto config = config_for("rosenbrock", {-1.5, 2.0}, "sgd", 0.001, 20);
  config.clip = {"norm", 1.0};
  const DescentRun run = run_descent(config);
  for (int k = 0; k < run.steps_completed; ++k) {
    const double step = std::hypot(run.positions[2 * k + 2] - run.positions[2 * k],
                                   run.positions[2 * k + 3] - run.positions[2 * k + 1]);
    CHECK(step <= 0.001 * 1.0 + 1e-12);
  }
}

TEST_CASE("Invalid configs are rejected with a clear message", "[sims]") {
  const auto good = config_for("rosenbrock", {0.0, 0.0}, "adam", 0.01, 10);
  REQUIRE(validate_descent_config(good).empty());
  const double nan = std::numeric_limits<double>::quiet_NaN();

  auto expect_message = [](DescentRunConfig config, const std::string& fragment) {
    const std::string message = validate_descent_config(config);
    INFO(message);
    CHECK(message.find(fragment) != std::string::npos);
    CHECK_THROWS_AS(run_descent(config), std::invalid_argument);
  };
  auto c = good;
  c.surface.id = "volcano";
  expect_message(c, "volcano");
  c = good;
  c.optimizer.id = "adamx";
  expect_message(c, "adamx");
  c = good;
  c.learning_rate = nan;
  expect_message(c, "learning rate");
  c.learning_rate = 0.0;
  expect_message(c, "learning rate");
  c.learning_rate = -0.1;
  expect_message(c, "learning rate");
  c.learning_rate = 1e6;
  expect_message(c, "learning rate");
  c = good;
  c.steps = 0;
  expect_message(c, "steps");
  c.steps = kMaxDescentSteps + 1;
  expect_message(c, "steps");
  c = good;
  c.start = {1.0};
  expect_message(c, "2 coordinate");
  c.start = {nan, 0.0};
  expect_message(c, "finite");
  c = good;
  c.gradient_noise = -1;
  expect_message(c, "noise");
  c = good;
  c.clip = {"sideways", 1.0};
  expect_message(c, "sideways");
  c = good;
  c.schedule.id = "zigzag";
  expect_message(c, "zigzag");
  c = good;
  c.optimizer.hyper_parameters = {{"beta1", 1.5}};
  expect_message(c, "beta1");
}

TEST_CASE("Runs are deterministic", "[sims]") {
  auto config = config_for("himmelblau", {0.0, 0.0}, "rmsprop", 0.05, 300);
  config.gradient_noise = 0.1;
  const DescentRun a = run_descent(config);
  const DescentRun b = run_descent(config);
  CHECK(a.positions == b.positions);
  CHECK(a.losses == b.losses);
  REQUIRE(a.state.size() == b.state.size());
  for (std::size_t i = 0; i < a.state.size(); ++i) CHECK(a.state[i].values == b.state[i].values);
}

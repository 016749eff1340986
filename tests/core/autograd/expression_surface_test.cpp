#include "descent/autograd/expression_surface.hpp"

#include <catch2/catch.hpp>

#include "../support/numeric_checks.hpp"
#include "descent/sims/descent_run.hpp"
#include "descent/sims/race.hpp"
#include "descent/surfaces/rosenbrock.hpp"

using descent::autograd::ExpressionSurface;

TEST_CASE("a typed Rosenbrock matches the built-in one", "[autograd][expression-surface]") {
  const ExpressionSurface typed("(1 - x)^2 + 100*(y - x^2)^2", 2);
  const descent::RosenbrockSurface builtin;
  CHECK(typed.id() == "custom");
  CHECK(typed.dimension() == 2);
  CHECK(typed.minima().empty());
  const Eigen::Vector2d points[] = {{-1.5, 2.0}, {0.3, -0.7}, {1.0, 1.0}};
  for (const Eigen::Vector2d& point : points) {
    CHECK(typed.value(point) == Approx(builtin.value(point)).epsilon(1e-14));
    CHECK(descent::testing::relative_error(typed.gradient(point), builtin.gradient(point)) < 1e-14);
    // The Hessian is a central difference of the exact gradient.
    CHECK(descent::testing::relative_error(typed.hessian(point), builtin.hessian(point)) < 1e-7);
  }
}

TEST_CASE("1-D typed surfaces and their view box", "[autograd][expression-surface]") {
  const ExpressionSurface parabola("x^2 - 6*x + 12", 1);
  CHECK(parabola.id() == "custom1d");
  CHECK(parabola.gradient(Eigen::VectorXd::Constant(1, 0.5))(0) == -5.0);
  const descent::ViewBox box = parabola.view_box();
  CHECK(box.x_min == -3.0);
  CHECK(box.x_max == 3.0);
  CHECK(box.y_min < 3.0);   // f(3) = 3 is the lowest value shown
  CHECK(box.y_max > 39.0);  // f(−3) = 39 the highest
  // A variable the formula does not use has gradient 0.
  const ExpressionSurface only_x("x^2", 2);
  CHECK(only_x.gradient(Eigen::Vector2d(1.0, 5.0)) == Eigen::VectorXd(Eigen::Vector2d(2.0, 0.0)));
}

TEST_CASE("typed surfaces validate their formula", "[autograd][expression-surface]") {
  CHECK(ExpressionSurface::validate("x^2 + y^2", 2).empty());
  CHECK(ExpressionSurface::validate("x^2 + y^2", 1) ==
        "unknown name 'y': this formula may use x at character 7");
  CHECK(ExpressionSurface::validate("x^2 +", 2) ==
        "the formula ends too early: expected a number, a name or '(' at character 6");
  CHECK_THROWS_AS(ExpressionSurface("x +", 2), std::invalid_argument);
  descent::SurfaceSpec spec;
  spec.id = "custom";
  spec.expression = "x*";
  CHECK(descent::validate_surface_spec(spec) ==
        "the formula ends too early: expected a number, a name or '(' at character 3");
  spec.expression = "x*y";
  CHECK(descent::validate_surface_spec(spec).empty());
  CHECK(descent::make_surface(spec)->formula() == "x*y");
}

TEST_CASE("gradient descent runs on a typed surface", "[autograd][expression-surface]") {
  descent::DescentRunConfig config;
  config.surface.id = "custom";
  config.surface.expression = "x^2 + 10*y^2";
  config.optimizer.id = "sgd";
  config.learning_rate = 0.05;
  config.start = {2.0, 1.0};
  config.steps = 200;
  REQUIRE(descent::validate_descent_config(config).empty());
  const descent::DescentRun run = descent::run_descent(config);
  CHECK(run.steps_completed == 200);
  CHECK(run.losses.back() < 1e-8);
  // No known minimum to reach: the verdict is about the gradient, never "reached the minimum".
  CHECK(run.outcome == descent::RunOutcome::kStuck);
}

TEST_CASE("leaving a typed formula's domain stops the run with the reason",
          "[autograd][expression-surface]") {
  descent::DescentRunConfig config;
  config.surface.id = "custom1d";
  config.surface.expression = "log(x)";  // the gradient 1/x pushes x below 0 quickly
  config.optimizer.id = "sgd";
  config.learning_rate = 1.0;
  config.start = {0.5};
  config.steps = 20;
  const descent::DescentRun run = descent::run_descent(config);
  CHECK(run.outcome == descent::RunOutcome::kDiverged);
  CHECK(run.diverged_at_step == 1);  // 0.5 − 1·(1/0.5) = −1.5
  CHECK(run.message ==
        "stopped at step 1: f is undefined there — log of -1.5 is undefined (log needs a positive "
        "input)");

  config.start = {-1.0};
  CHECK(descent::validate_descent_config(config) ==
        "f is undefined at the start point: log of -1 is undefined (log needs a positive input)");
}

TEST_CASE("the race runs on a typed surface", "[autograd][expression-surface]") {
  descent::RaceConfig config;
  config.surface.id = "custom";
  config.surface.expression = "(x - 1)^2 + (y + 0.5)^2";
  config.start = {-2.0, 2.0};
  config.steps = 100;
  config.racers.resize(2);
  config.racers[0].optimizer.id = "sgd";
  config.racers[1].optimizer.id = "adam";
  REQUIRE(descent::validate_race_config(config).empty());
  const auto runs = descent::run_race(config);
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].positions[200] == Approx(1.0).margin(1e-3));
  CHECK(runs[0].positions[201] == Approx(-0.5).margin(1e-3));
}

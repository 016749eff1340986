#include "descent/surfaces/ravine.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "../support/numeric_checks.hpp"

TEST_CASE("ravine golden values at the default condition number", "[surfaces][ravine]") {
  const descent::RavineSurface surface(10.0);
  CHECK(surface.id() == "ravine");
  CHECK(surface.formula() == "½(x² + 10y²)");
  CHECK(surface.condition_number() == 10.0);
  CHECK(surface.value(Eigen::Vector2d(2.0, 1.0)) == 7.0);
  CHECK(surface.gradient(Eigen::Vector2d(2.0, 1.0)) == Eigen::VectorXd(Eigen::Vector2d(2.0, 10.0)));
  const auto minima = surface.minima();
  REQUIRE(minima.size() == 1);
  CHECK(minima[0].point == Eigen::VectorXd(Eigen::Vector2d(0.0, 0.0)));
  CHECK(minima[0].value == 0.0);
}

TEST_CASE("ravine's Hessian eigenvalue ratio equals the condition number exactly",
          "[surfaces][ravine]") {
  for (const double condition_number : {1.0, 2.5, 10.0, 37.75, 999.0, 1000.0}) {
    const descent::RavineSurface surface(condition_number);
    const Eigen::VectorXd eigenvalues =
        descent::testing::symmetric_eigenvalues(surface.hessian(Eigen::Vector2d(0.3, -0.7)));
    INFO("κ = " << condition_number);
    CHECK(eigenvalues.maxCoeff() / eigenvalues.minCoeff() == condition_number);
  }
}

TEST_CASE("ravine's view box shows a valley elongated along x", "[surfaces][ravine]") {
  const descent::RavineSurface surface(10.0);
  const descent::ViewBox box = surface.view_box();
  CHECK(box.x_max - box.x_min > box.y_max - box.y_min);
  // Even at the edge of the view, the walls across the valley rise above its far end.
  CHECK(surface.value(Eigen::Vector2d(0.0, box.y_max)) >
        surface.value(Eigen::Vector2d(box.x_max, 0.0)));
}

TEST_CASE("gradient descent at lr 0.15 zigzags across the ravine and creeps along it",
          "[surfaces][ravine]") {
  const descent::RavineSurface surface(10.0);
  Eigen::VectorXd point = Eigen::Vector2d(-9.0, 3.0);
  for (int step = 0; step < 6; ++step) {
    const Eigen::VectorXd next = point - 0.15 * surface.gradient(point);
    CHECK(next(1) * point(1) < 0.0);                // crosses the valley floor every step
    CHECK(std::abs(next(1)) < std::abs(point(1)));  // while still converging (lr < 2/κ)
    CHECK(next(0) > point(0));                      // moves along x without overshooting
    CHECK(next(0) < 0.0);
    point = next;
  }
}

TEST_CASE("ravine rejects condition numbers outside [1, 1000]", "[surfaces][ravine]") {
  for (const double condition_number :
       {0.5, 0.0, -3.0, 1000.5, 1e9, std::numeric_limits<double>::quiet_NaN(),
        std::numeric_limits<double>::infinity()}) {
    INFO("κ = " << condition_number);
    const std::string message = descent::RavineSurface::validate_condition_number(condition_number);
    CHECK_THAT(message,
               Catch::Contains("condition number") && Catch::Contains("between 1 and 1000"));
    CHECK_THROWS_AS(descent::RavineSurface(condition_number), std::invalid_argument);
  }
  CHECK(descent::RavineSurface::validate_condition_number(1.0).empty());
  CHECK(descent::RavineSurface::validate_condition_number(1000.0).empty());
}

#include "descent/surfaces/beale.hpp"

#include <catch2/catch.hpp>

TEST_CASE("beale golden values", "[surfaces][beale]") {
  const descent::BealeSurface surface;
  CHECK(surface.id() == "beale");
  CHECK(surface.value(Eigen::Vector2d(3.0, 0.5)) == 0.0);
  CHECK(surface.gradient(Eigen::Vector2d(3.0, 0.5)).norm() == 0.0);
  // 1.5² + 2.25² + 2.625²
  CHECK(surface.value(Eigen::Vector2d(0.0, 0.0)) == 14.203125);
  // At y = 1 every residual is its constant; at (1, 0) they are 0.5, 1.25, 1.625.
  CHECK(surface.value(Eigen::Vector2d(1.0, 1.0)) == 14.203125);
  CHECK(surface.value(Eigen::Vector2d(1.0, 0.0)) == 4.453125);
  // At the origin only ∂f/∂x is non-zero: −2(1.5 + 2.25 + 2.625).
  CHECK(surface.gradient(Eigen::Vector2d(0.0, 0.0)) ==
        Eigen::VectorXd(Eigen::Vector2d(-12.75, 0.0)));
}

TEST_CASE("beale's minimum is (3, 0.5) with value 0", "[surfaces][beale]") {
  const descent::BealeSurface surface;
  const auto minima = surface.minima();
  REQUIRE(minima.size() == 1);
  CHECK(minima[0].point == Eigen::VectorXd(Eigen::Vector2d(3.0, 0.5)));
  CHECK(minima[0].value == 0.0);
  CHECK(minima[0].global);
}

#include "descent/surfaces/rosenbrock.hpp"

#include <catch2/catch.hpp>

TEST_CASE("rosenbrock golden values", "[surfaces][rosenbrock]") {
  const descent::RosenbrockSurface surface;
  CHECK(surface.id() == "rosenbrock");
  CHECK(surface.value(Eigen::Vector2d(0.0, 0.0)) == 1.0);
  CHECK(surface.value(Eigen::Vector2d(1.0, 1.0)) == 0.0);
  CHECK(surface.value(Eigen::Vector2d(-1.0, 1.0)) == 4.0);
  CHECK(surface.value(Eigen::Vector2d(0.0, 1.0)) == 101.0);
  CHECK(surface.gradient(Eigen::Vector2d(0.0, 0.0)) == Eigen::VectorXd(Eigen::Vector2d(-2.0, 0.0)));
  Eigen::Matrix2d hessian_at_minimum;
  hessian_at_minimum << 802.0, -400.0, -400.0, 200.0;
  CHECK(surface.hessian(Eigen::Vector2d(1.0, 1.0)) == Eigen::MatrixXd(hessian_at_minimum));
}

TEST_CASE("rosenbrock's minimum is (1, 1) with value 0", "[surfaces][rosenbrock]") {
  const descent::RosenbrockSurface surface;
  const auto minima = surface.minima();
  REQUIRE(minima.size() == 1);
  CHECK(minima[0].point == Eigen::VectorXd(Eigen::Vector2d(1.0, 1.0)));
  CHECK(minima[0].value == 0.0);
  CHECK(minima[0].global);
}

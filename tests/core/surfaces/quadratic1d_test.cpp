#include "descent/surfaces/quadratic1d.hpp"

#include <catch2/catch.hpp>

namespace {
Eigen::VectorXd theta(double value) { return Eigen::VectorXd::Constant(1, value); }
}  // namespace

TEST_CASE("quadratic1d matches the teaching seed's worked numbers", "[surfaces][quadratic1d]") {
  const descent::Quadratic1dSurface surface;
  CHECK(surface.id() == "quadratic1d");
  CHECK(surface.formula() == "θ² − 6θ + 12");
  CHECK(surface.dimension() == 1);

  CHECK(surface.value(theta(0.5)) == 9.25);
  CHECK(surface.gradient(theta(0.5))(0) == -5.0);
  CHECK(surface.value(theta(0.0)) == 12.0);
  CHECK(surface.value(theta(3.0)) == 3.0);
  CHECK(surface.gradient(theta(3.0))(0) == 0.0);
  CHECK(surface.hessian(theta(-4.0))(0, 0) == 2.0);
}

TEST_CASE("quadratic1d has its single minimum at θ = 3 and the seed's view box",
          "[surfaces][quadratic1d]") {
  const descent::Quadratic1dSurface surface;
  const auto minima = surface.minima();
  REQUIRE(minima.size() == 1);
  CHECK(minima[0].point(0) == 3.0);
  CHECK(minima[0].value == 3.0);
  CHECK(minima[0].global);

  const descent::ViewBox box = surface.view_box();
  CHECK(box.x_min == 0.0);
  CHECK(box.x_max == 7.0);
  CHECK(box.y_min == 2.0);
  CHECK(box.y_max == 15.0);
}

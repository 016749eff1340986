#include "descent/surfaces/bowl.hpp"

#include <catch2/catch.hpp>

TEST_CASE("bowl golden values", "[surfaces][bowl]") {
  const descent::BowlSurface surface;
  CHECK(surface.id() == "bowl");
  CHECK(surface.dimension() == 2);
  CHECK(surface.value(Eigen::Vector2d(3.0, -4.0)) == 25.0);
  CHECK(surface.gradient(Eigen::Vector2d(3.0, -4.0)) ==
        Eigen::VectorXd(Eigen::Vector2d(6.0, -8.0)));
  CHECK(surface.hessian(Eigen::Vector2d(1.0, 2.0)) ==
        Eigen::MatrixXd(2.0 * Eigen::Matrix2d::Identity()));
}

TEST_CASE("bowl's gradient points straight away from its minimum at the origin",
          "[surfaces][bowl]") {
  const descent::BowlSurface surface;
  const auto minima = surface.minima();
  REQUIRE(minima.size() == 1);
  CHECK(minima[0].point == Eigen::VectorXd(Eigen::Vector2d(0.0, 0.0)));
  CHECK(minima[0].value == 0.0);
  const Eigen::Vector2d point(1.25, -0.5);
  CHECK(surface.gradient(point) == Eigen::VectorXd(2.0 * point));
}

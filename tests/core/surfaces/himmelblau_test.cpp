#include "descent/surfaces/himmelblau.hpp"

#include <catch2/catch.hpp>

TEST_CASE("himmelblau golden values", "[surfaces][himmelblau]") {
  const descent::HimmelblauSurface surface;
  CHECK(surface.id() == "himmelblau");
  CHECK(surface.value(Eigen::Vector2d(0.0, 0.0)) == 170.0);
  CHECK(surface.value(Eigen::Vector2d(3.0, 2.0)) == 0.0);
  CHECK(surface.gradient(Eigen::Vector2d(0.0, 0.0)) ==
        Eigen::VectorXd(Eigen::Vector2d(-14.0, -22.0)));
}

TEST_CASE("himmelblau's four minima are zeros of f near the published values",
          "[surfaces][himmelblau]") {
  const descent::HimmelblauSurface surface;
  const Eigen::Vector2d published[] = {
      {3.0, 2.0}, {-2.805118, 3.131312}, {-3.779310, -3.283186}, {3.584428, -1.848126}};
  const auto minima = surface.minima();
  REQUIRE(minima.size() == 4);
  for (std::size_t index = 0; index < minima.size(); ++index) {
    INFO("minimum " << index << " at " << minima[index].point.transpose());
    CHECK((minima[index].point - published[index]).norm() < 1e-6);
    CHECK(minima[index].value == 0.0);
    CHECK(minima[index].global);
    CHECK(surface.value(minima[index].point) < 1e-24);
  }
  CHECK(minima[0].point == Eigen::VectorXd(published[0]));
}

#include "descent/surfaces/monkey_saddle.hpp"

#include <catch2/catch.hpp>
#include <cmath>

TEST_CASE("monkey saddle golden values", "[surfaces][monkey_saddle]") {
  const descent::MonkeySaddleSurface surface;
  CHECK(surface.id() == "monkey_saddle");
  CHECK(surface.value(Eigen::Vector2d(1.0, 1.0)) == -2.0);
  CHECK(surface.value(Eigen::Vector2d(2.0, -1.0)) == 2.0);
  CHECK(surface.gradient(Eigen::Vector2d(1.0, 2.0)) ==
        Eigen::VectorXd(Eigen::Vector2d(-9.0, -12.0)));
}

TEST_CASE("monkey saddle has a degenerate stationary point and three valleys",
          "[surfaces][monkey_saddle]") {
  const descent::MonkeySaddleSurface surface;
  const Eigen::Vector2d origin(0.0, 0.0);
  CHECK(surface.gradient(origin).norm() == 0.0);
  CHECK(surface.hessian(origin).norm() == 0.0);
  CHECK(surface.minima().empty());
  // In polar form f = r³·cos 3φ: three downhill directions at φ = 60°, 180°, 300°.
  const double pi = std::acos(-1.0);
  const double radius = 1.5;
  for (int valley = 0; valley < 3; ++valley) {
    const double angle = pi / 3.0 + valley * 2.0 * pi / 3.0;
    const Eigen::Vector2d point(radius * std::cos(angle), radius * std::sin(angle));
    CHECK(surface.value(point) == Approx(-radius * radius * radius));
  }
}

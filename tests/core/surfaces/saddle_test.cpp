#include "descent/surfaces/saddle.hpp"

#include <catch2/catch.hpp>

#include "../support/numeric_checks.hpp"

TEST_CASE("saddle golden values", "[surfaces][saddle]") {
  const descent::SaddleSurface surface;
  CHECK(surface.id() == "saddle");
  CHECK(surface.value(Eigen::Vector2d(1.0, 2.0)) == -3.0);
  CHECK(surface.gradient(Eigen::Vector2d(1.0, 2.0)) == Eigen::VectorXd(Eigen::Vector2d(2.0, -4.0)));
}

TEST_CASE("saddle's origin is stationary but not a minimum", "[surfaces][saddle]") {
  const descent::SaddleSurface surface;
  const Eigen::Vector2d origin(0.0, 0.0);
  CHECK(surface.gradient(origin).norm() == 0.0);
  const Eigen::VectorXd eigenvalues =
      descent::testing::symmetric_eigenvalues(surface.hessian(origin));
  CHECK(eigenvalues(0) == -2.0);
  CHECK(eigenvalues(1) == 2.0);
  CHECK(surface.minima().empty());
}

#include "descent/surfaces/two_minima.hpp"

#include <catch2/catch.hpp>

#include "../support/numeric_checks.hpp"

using descent::testing::is_positive_definite;
using descent::testing::symmetric_eigenvalues;

TEST_CASE("two_minima reports a sharp global minimum and a wide local one",
          "[surfaces][two_minima]") {
  const descent::TwoMinimaSurface surface;
  CHECK(surface.id() == "two_minima");
  const auto minima = surface.minima();
  REQUIRE(minima.size() == 2);
  const descent::KnownMinimum& sharp = minima[0];
  const descent::KnownMinimum& wide = minima[1];

  CHECK(sharp.global);
  CHECK_FALSE(wide.global);
  CHECK(sharp.value < wide.value);
  // Slightly deeper, not overwhelmingly so.
  CHECK(wide.value - sharp.value < 0.5);

  // Near the well centres (1.5, 1) and (−1.5, −1), pulled towards the origin by the bowl.
  CHECK((sharp.point - Eigen::Vector2d(1.5, 1.0)).norm() < 0.1);
  CHECK((wide.point - Eigen::Vector2d(-1.5, -1.0)).norm() < 0.5);
  CHECK(sharp.point != Eigen::VectorXd(Eigen::Vector2d(1.5, 1.0)));

  // Golden values of the Newton-refined minima.
  CHECK(sharp.point(0) == Approx(1.4889965506204257).margin(1e-12));
  CHECK(sharp.point(1) == Approx(0.99266436708028383).margin(1e-12));
  CHECK(sharp.value == Approx(-1.3020559173516617).margin(1e-12));
  CHECK(wide.point(0) == Approx(-1.3373723562951501).margin(1e-12));
  CHECK(wide.point(1) == Approx(-0.89158157086343337).margin(1e-12));
  CHECK(wide.value == Approx(-1.0550133524912813).margin(1e-12));
}

TEST_CASE("two_minima's minima are true minima, one much sharper than the other",
          "[surfaces][two_minima]") {
  const descent::TwoMinimaSurface surface;
  const auto minima = surface.minima();
  REQUIRE(minima.size() == 2);
  for (const descent::KnownMinimum& minimum : minima) {
    INFO("minimum at " << minimum.point.transpose());
    CHECK(surface.gradient(minimum.point).norm() < 1e-14);
    CHECK(is_positive_definite(surface.hessian(minimum.point)));
    CHECK(surface.value(minimum.point) == minimum.value);
  }
  const Eigen::VectorXd sharp_curvatures = symmetric_eigenvalues(surface.hessian(minima[0].point));
  const Eigen::VectorXd wide_curvatures = symmetric_eigenvalues(surface.hessian(minima[1].point));
  // Gradient descent settles in a minimum only if lr < 2/largest curvature: lr = 0.15
  // is stable in the wide minimum but not in the sharp one.
  CHECK(0.15 * wide_curvatures.maxCoeff() < 2.0);
  CHECK(0.15 * sharp_curvatures.maxCoeff() > 2.0);
  CHECK(sharp_curvatures.minCoeff() > 10.0 * wide_curvatures.maxCoeff());
}

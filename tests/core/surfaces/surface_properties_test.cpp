// Properties every surface in the catalog must have: analytic derivatives that
// agree with finite differences, correct known minima, and a view box showing them.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "../support/numeric_checks.hpp"
#include "descent/math/rng.hpp"
#include "descent/surfaces/newton_refinement.hpp"
#include "descent/surfaces/surface_catalog.hpp"

using descent::testing::central_difference_gradient;
using descent::testing::central_difference_jacobian;
using descent::testing::is_positive_definite;
using descent::testing::relative_error;

namespace {

constexpr int kPointsPerSurface = 200;
constexpr double kDifferenceStep = 1e-5;
// Finite-difference rounding alone reaches ~3e-8 on Rosenbrock's steep walls.
constexpr double kDerivativeTolerance = 1e-6;

// Every catalog surface with its default spec, plus the ravine at the ends of its κ range.
std::vector<descent::SurfaceSpec> every_surface_spec() {
  std::vector<descent::SurfaceSpec> specs;
  for (const descent::SurfaceInfo& info : descent::surface_catalog()) {
    descent::SurfaceSpec spec;
    spec.id = info.id;
    specs.push_back(spec);
  }
  for (const double condition_number : {1.0, 1000.0}) {
    descent::SurfaceSpec spec;
    spec.id = "ravine";
    spec.condition_number = condition_number;
    specs.push_back(spec);
  }
  return specs;
}

// Uniform point in the view box: the plotted inputs (θ only, for a 1-D surface).
Eigen::VectorXd random_point_in_view(const descent::Surface& surface, descent::Rng& rng) {
  const descent::ViewBox box = surface.view_box();
  Eigen::VectorXd point(surface.dimension());
  point(0) = rng.uniform(box.x_min, box.x_max);
  if (surface.dimension() == 2) point(1) = rng.uniform(box.y_min, box.y_max);
  return point;
}

std::string describe(const descent::Surface& surface) {
  return surface.id() + " (" + surface.formula() + ")";
}

}  // namespace

TEST_CASE("Every surface's gradient matches central differences over its view box", "[surfaces]") {
  for (const descent::SurfaceSpec& spec : every_surface_spec()) {
    const auto surface = descent::make_surface(spec);
    descent::Rng rng(20240601);
    double worst_error = 0.0;
    Eigen::VectorXd worst_point;
    for (int sample = 0; sample < kPointsPerSurface; ++sample) {
      const Eigen::VectorXd point = random_point_in_view(*surface, rng);
      const Eigen::VectorXd numeric = central_difference_gradient(
          [&](const Eigen::VectorXd& p) { return surface->value(p); }, point, kDifferenceStep);
      const double error = relative_error(surface->gradient(point), numeric);
      if (error >= worst_error) {
        worst_error = error;
        worst_point = point;
      }
    }
    INFO(describe(*surface) << ", worst point " << worst_point.transpose());
    CHECK(worst_error < kDerivativeTolerance);
  }
}

TEST_CASE("Every surface's Hessian is symmetric and matches central differences of its gradient",
          "[surfaces]") {
  for (const descent::SurfaceSpec& spec : every_surface_spec()) {
    const auto surface = descent::make_surface(spec);
    descent::Rng rng(7);
    double worst_error = 0.0;
    double worst_asymmetry = 0.0;
    Eigen::VectorXd worst_point;
    for (int sample = 0; sample < kPointsPerSurface; ++sample) {
      const Eigen::VectorXd point = random_point_in_view(*surface, rng);
      const Eigen::MatrixXd hessian = surface->hessian(point);
      REQUIRE(hessian.rows() == surface->dimension());
      REQUIRE(hessian.cols() == surface->dimension());
      const Eigen::MatrixXd numeric = central_difference_jacobian(
          [&](const Eigen::VectorXd& p) { return surface->gradient(p); }, point, kDifferenceStep);
      const double error = relative_error(hessian, numeric);
      if (error >= worst_error) {
        worst_error = error;
        worst_point = point;
      }
      worst_asymmetry = std::max(worst_asymmetry, relative_error(hessian, hessian.transpose()));
    }
    INFO(describe(*surface) << ", worst point " << worst_point.transpose());
    CHECK(worst_error < kDerivativeTolerance);
    CHECK(worst_asymmetry == 0.0);
  }
}

TEST_CASE("Every known minimum is a stationary point with a positive definite Hessian",
          "[surfaces]") {
  for (const descent::SurfaceSpec& spec : every_surface_spec()) {
    const auto surface = descent::make_surface(spec);
    for (const descent::KnownMinimum& minimum : surface->minima()) {
      INFO(describe(*surface) << " at " << minimum.point.transpose());
      REQUIRE(minimum.point.size() == surface->dimension());
      CHECK(surface->gradient(minimum.point).norm() < 1e-12);
      CHECK(is_positive_definite(surface->hessian(minimum.point)));
      CHECK(std::abs(surface->value(minimum.point) - minimum.value) < 1e-12);
      // Already at full precision: one more Newton solve does not move it.
      const Eigen::VectorXd refined = descent::refine_stationary_point(*surface, minimum.point);
      CHECK((refined - minimum.point).norm() < 1e-12);
    }
  }
}

TEST_CASE("Every surface's global minima share the lowest listed value", "[surfaces]") {
  for (const descent::SurfaceSpec& spec : every_surface_spec()) {
    const auto surface = descent::make_surface(spec);
    const std::vector<descent::KnownMinimum> minima = surface->minima();
    if (minima.empty()) continue;
    double lowest = minima.front().value;
    for (const descent::KnownMinimum& minimum : minima) lowest = std::min(lowest, minimum.value);
    for (const descent::KnownMinimum& minimum : minima) {
      INFO(describe(*surface) << " at " << minimum.point.transpose());
      CHECK(minimum.global == (minimum.value == lowest));
    }
  }
}

TEST_CASE("Every view box is non-empty and contains the surface's minima", "[surfaces]") {
  for (const descent::SurfaceSpec& spec : every_surface_spec()) {
    const auto surface = descent::make_surface(spec);
    const descent::ViewBox box = surface->view_box();
    INFO(describe(*surface));
    CHECK(box.x_min < box.x_max);
    CHECK(box.y_min < box.y_max);
    for (const descent::KnownMinimum& minimum : surface->minima()) {
      INFO("minimum at " << minimum.point.transpose());
      CHECK(minimum.point(0) >= box.x_min);
      CHECK(minimum.point(0) <= box.x_max);
      // y is an input axis in 2-D and the plotted range of f in 1-D.
      const double vertical = surface->dimension() == 2 ? minimum.point(1) : minimum.value;
      CHECK(vertical >= box.y_min);
      CHECK(vertical <= box.y_max);
    }
  }
}

TEST_CASE("The loss contract returns the value and writes the gradient", "[surfaces]") {
  for (const descent::SurfaceSpec& spec : every_surface_spec()) {
    const auto surface = descent::make_surface(spec);
    descent::Rng rng(99);
    const Eigen::VectorXd point = random_point_in_view(*surface, rng);
    Eigen::VectorXd gradient;
    INFO(describe(*surface));
    CHECK((*surface)(point, gradient) == surface->value(point));
    CHECK(gradient == surface->gradient(point));
  }
}

#include "descent/optim/gradient_clipping.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>

using descent::apply_clipping;
using descent::clip_by_norm;
using descent::clip_by_value;
using descent::ClipSettings;
using descent::validate_clip_settings;

TEST_CASE("Seed example: clipping [1000, 2000, −3000] to norm 1", "[optim][clipping]") {
  // ‖g‖ = √(1e6 + 4e6 + 9e6) = √14e6 = 3741.657; g·(1/(3741.657 + 1e-6))
  //     ≈ [0.267261, 0.534522, −0.801784]
  Eigen::VectorXd grad = Eigen::Vector3d(1000.0, 2000.0, -3000.0);
  const Eigen::VectorXd original = grad;
  const double norm_before = clip_by_norm(grad, 1.0);
  CHECK(norm_before == Approx(std::sqrt(14e6)).epsilon(1e-15));
  CHECK(grad[0] == Approx(0.267261).epsilon(1e-6));
  CHECK(grad[1] == Approx(0.534522).epsilon(1e-6));
  CHECK(grad[2] == Approx(-0.801784).epsilon(1e-6));
  // Direction kept, length just under 1 (torch's + 1e-6 in the denominator).
  CHECK((grad.normalized() - original.normalized()).norm() < 1e-15);
  CHECK(grad.norm() < 1.0);
  CHECK(grad.norm() == Approx(1.0).epsilon(1e-9));
}

TEST_CASE("A gradient under the threshold is untouched", "[optim][clipping]") {
  Eigen::VectorXd grad = Eigen::Vector2d(0.3, -0.4);
  CHECK(clip_by_norm(grad, 1.0) == Approx(0.5).epsilon(1e-15));
  CHECK(grad == Eigen::Vector2d(0.3, -0.4));
}

TEST_CASE("Clip by value clamps each component", "[optim][clipping]") {
  Eigen::VectorXd grad = Eigen::Vector3d(1000.0, -0.5, -3000.0);
  clip_by_value(grad, 5.0);
  CHECK(grad == Eigen::Vector3d(5.0, -0.5, -5.0));  // the direction changes, unlike norm clipping
}

TEST_CASE("apply_clipping follows the mode", "[optim][clipping]") {
  const Eigen::VectorXd original = Eigen::Vector3d(1000.0, 2000.0, -3000.0);
  Eigen::VectorXd unclipped = original;
  apply_clipping(ClipSettings{}, unclipped);
  CHECK(unclipped == original);

  Eigen::VectorXd by_norm = original;
  apply_clipping(ClipSettings{"norm", 1.0}, by_norm);
  CHECK(by_norm.norm() == Approx(1.0).epsilon(1e-9));

  Eigen::VectorXd by_value = original;
  apply_clipping(ClipSettings{"value", 1500.0}, by_value);
  CHECK(by_value == Eigen::Vector3d(1000.0, 1500.0, -1500.0));
}

TEST_CASE("Invalid clip settings give messages and clipping throws", "[optim][clipping]") {
  CHECK(validate_clip_settings(ClipSettings{}).empty());
  CHECK(validate_clip_settings(ClipSettings{"none", 0.0}).empty());  // threshold unused
  CHECK(validate_clip_settings(ClipSettings{"l2", 1.0}) ==
        "unknown clipping mode 'l2' (valid: none, norm, value)");
  CHECK(validate_clip_settings(ClipSettings{"norm", 0.0}) ==
        "clipping: threshold must be a finite number > 0, got 0");
  CHECK(validate_clip_settings(ClipSettings{"value", std::nan("")}) ==
        "clipping: threshold must be a finite number > 0, got nan");

  Eigen::VectorXd grad = Eigen::Vector2d(1.0, 2.0);
  CHECK_THROWS_AS(apply_clipping(ClipSettings{"l2", 1.0}, grad), std::invalid_argument);
  CHECK_THROWS_AS(clip_by_norm(grad, -1.0), std::invalid_argument);
  CHECK_THROWS_AS(clip_by_value(grad, 0.0), std::invalid_argument);
}

TEST_CASE("Clipping is deterministic", "[optim][clipping]") {
  Eigen::VectorXd first = Eigen::Vector3d(0.1, -7.3, 12.9);
  Eigen::VectorXd second = first;
  CHECK(clip_by_norm(first, 2.0) == clip_by_norm(second, 2.0));
  CHECK(first == second);
}

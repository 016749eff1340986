#include "descent/data/feature_map.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace descent;

TEST_CASE("feature map: the seven playground features at a point", "[playground][data]") {
  std::vector<int> all;
  REQUIRE(resolve_features(
              {"sin_x2", "x1", "x2", "x1_squared", "x2_squared", "x1_times_x2", "sin_x1"}, all) ==
          "");
  CHECK(all == std::vector<int>{0, 1, 2, 3, 4, 5, 6});  // catalog order, whatever the order given
  Eigen::MatrixXd points(2, 2);
  points << 0.5, -0.25, -1.0, 2.0;
  const Eigen::MatrixXd f = map_features(points, all);
  REQUIRE(f.rows() == 2);
  REQUIRE(f.cols() == 7);
  const double pi = 3.14159265358979323846;
  CHECK(f(0, 0) == 0.5);
  CHECK(f(0, 1) == -0.25);
  CHECK(f(0, 2) == 0.25);
  CHECK(f(0, 3) == 0.0625);
  CHECK(f(0, 4) == -0.125);
  CHECK(f(0, 5) == Approx(1.0));  // sin(π/2)
  CHECK(f(0, 6) == Approx(std::sin(-0.25 * pi)));
  CHECK(f(1, 4) == -2.0);
  CHECK(f(1, 5) == Approx(0.0).margin(1e-12));
}

TEST_CASE("feature map: unknown, repeated and empty selections give messages",
          "[playground][data]") {
  std::vector<int> indices = {42};
  CHECK(resolve_features({"x3"}, indices).find("unknown feature 'x3'") != std::string::npos);
  CHECK(resolve_features({"x1", "x1"}, indices).find("twice") != std::string::npos);
  CHECK(resolve_features({}, indices) == "choose at least one input feature");
  CHECK(indices == std::vector<int>{42});  // left alone on error
}

#include <catch2/catch.hpp>

#include "descent/surfaces/surface_catalog.hpp"

using namespace descent;

TEST_CASE("Every catalog surface has a default start inside its view box, off its minima",
          "[surfaces]") {
  for (const SurfaceInfo& info : surface_catalog()) {
    INFO(info.id);
    REQUIRE(static_cast<int>(info.default_start.size()) == info.dimension);
    const auto surface = make_surface({info.id, 10.0});
    const ViewBox box = surface->view_box();
    CHECK(info.default_start[0] >= box.x_min);
    CHECK(info.default_start[0] <= box.x_max);
    if (info.dimension == 2) {
      CHECK(info.default_start[1] >= box.y_min);
      CHECK(info.default_start[1] <= box.y_max);
    }
    const Eigen::VectorXd start =
        Eigen::Map<const Eigen::VectorXd>(info.default_start.data(), info.dimension);
    for (const auto& minimum : surface->minima()) CHECK((minimum.point - start).norm() > 0.1);
  }
}

#include "descent/surfaces/surface_catalog.hpp"

#include <catch2/catch.hpp>
#include <limits>
#include <set>
#include <stdexcept>

namespace {

descent::SurfaceSpec spec_for(const std::string& id, double condition_number = 10.0) {
  descent::SurfaceSpec spec;
  spec.id = id;
  spec.condition_number = condition_number;
  return spec;
}

}  // namespace

TEST_CASE("surface catalog lists every surface in menu order", "[surfaces][catalog]") {
  const std::vector<std::string> menu_order = {"quadratic1d", "bowl",       "ravine",
                                               "rosenbrock",  "saddle",     "monkey_saddle",
                                               "two_minima",  "himmelblau", "beale"};
  const auto& catalog = descent::surface_catalog();
  REQUIRE(catalog.size() == menu_order.size());
  for (std::size_t index = 0; index < catalog.size(); ++index) {
    CHECK(catalog[index].id == menu_order[index]);
    CHECK_FALSE(catalog[index].label.empty());
  }
  CHECK(catalog[0].label == "θ² − 6θ + 12 (1-D)");
  CHECK(catalog[2].label == "Elongated ravine");
}

TEST_CASE("every catalog id builds a surface of the declared id and dimension",
          "[surfaces][catalog]") {
  for (const descent::SurfaceInfo& info : descent::surface_catalog()) {
    INFO(info.id);
    const descent::SurfaceSpec spec = spec_for(info.id);
    CHECK(descent::validate_surface_spec(spec).empty());
    const auto surface = descent::make_surface(spec);
    REQUIRE(surface != nullptr);
    CHECK(surface->id() == info.id);
    CHECK(surface->dimension() == info.dimension);
    CHECK_FALSE(surface->formula().empty());
  }
}

TEST_CASE("the default spec is the teaching seed's 1-D quadratic", "[surfaces][catalog]") {
  const auto surface = descent::make_surface(descent::SurfaceSpec{});
  CHECK(surface->id() == "quadratic1d");
}

TEST_CASE("an unknown surface id is rejected with the list of valid ids", "[surfaces][catalog]") {
  const descent::SurfaceSpec spec = spec_for("banana");
  const std::string message = descent::validate_surface_spec(spec);
  CHECK_THAT(message, Catch::Contains("banana"));
  for (const descent::SurfaceInfo& info : descent::surface_catalog()) {
    CHECK_THAT(message, Catch::Contains(info.id));
  }
  CHECK_THROWS_WITH(descent::make_surface(spec), message);
  CHECK_THROWS_AS(descent::make_surface(spec), std::invalid_argument);
}

TEST_CASE("the ravine's condition number must be finite and within [1, 1000]",
          "[surfaces][catalog]") {
  for (const double condition_number : {0.5, std::numeric_limits<double>::quiet_NaN(), 1e9,
                                        -std::numeric_limits<double>::infinity()}) {
    INFO("κ = " << condition_number);
    const descent::SurfaceSpec spec = spec_for("ravine", condition_number);
    const std::string message = descent::validate_surface_spec(spec);
    CHECK_THAT(message, Catch::Contains("condition number"));
    CHECK_THROWS_WITH(descent::make_surface(spec), message);
    CHECK_THROWS_AS(descent::make_surface(spec), std::invalid_argument);
  }
  CHECK(descent::validate_surface_spec(spec_for("ravine", 1.0)).empty());
  CHECK(descent::validate_surface_spec(spec_for("ravine", 1000.0)).empty());
}

TEST_CASE("surfaces other than the ravine ignore the condition number", "[surfaces][catalog]") {
  const descent::SurfaceSpec spec = spec_for("bowl", std::numeric_limits<double>::quiet_NaN());
  CHECK(descent::validate_surface_spec(spec).empty());
  CHECK(descent::make_surface(spec)->id() == "bowl");
}

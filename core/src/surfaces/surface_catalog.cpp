#include "descent/surfaces/surface_catalog.hpp"

#include <stdexcept>
#include <utility>

#include "descent/autograd/expression_surface.hpp"
#include "descent/math/cold_code.hpp"
#include "descent/math/messages.hpp"
#include "descent/surfaces/beale.hpp"
#include "descent/surfaces/bowl.hpp"
#include "descent/surfaces/himmelblau.hpp"
#include "descent/surfaces/monkey_saddle.hpp"
#include "descent/surfaces/quadratic1d.hpp"
#include "descent/surfaces/ravine.hpp"
#include "descent/surfaces/rosenbrock.hpp"
#include "descent/surfaces/saddle.hpp"
#include "descent/surfaces/two_minima.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent {
namespace {

using SurfaceBuilder = std::unique_ptr<Surface> (*)(const SurfaceSpec&);

template <typename ConcreteSurface>
std::unique_ptr<Surface> build_without_parameters(const SurfaceSpec& /*spec*/) {
  return std::make_unique<ConcreteSurface>();
}

std::unique_ptr<Surface> build_ravine(const SurfaceSpec& spec) {
  return std::make_unique<RavineSurface>(spec.condition_number);
}

// The builder of each catalog surface, by id. Kept apart from the menu table (surface_catalog) so
// that code listing the surfaces does not link every surface (the site's core parts,
// CMakeLists.txt); a Catch2 test builds every listed surface.
SurfaceBuilder builder_of(const std::string& id) {
  static const std::pair<const char*, SurfaceBuilder> builders[] = {
      {"quadratic1d", build_without_parameters<Quadratic1dSurface>},
      {"bowl", build_without_parameters<BowlSurface>},
      {"ravine", build_ravine},
      {"rosenbrock", build_without_parameters<RosenbrockSurface>},
      {"saddle", build_without_parameters<SaddleSurface>},
      {"monkey_saddle", build_without_parameters<MonkeySaddleSurface>},
      {"two_minima", build_without_parameters<TwoMinimaSurface>},
      {"himmelblau", build_without_parameters<HimmelblauSurface>},
      {"beale", build_without_parameters<BealeSurface>},
  };
  for (const auto& [builder_id, builder] : builders) {
    if (id == builder_id) return builder;
  }
  return nullptr;
}

// 1 for "custom1d", 2 for "custom", 0 for a built-in surface.
int typed_surface_dimension(const std::string& id) {
  return id == "custom1d" ? 1 : id == "custom" ? 2 : 0;
}

bool is_listed(const std::string& id) {
  for (const SurfaceInfo& info : surface_catalog()) {
    if (info.id == id) return true;
  }
  return false;
}

}  // namespace

const std::vector<SurfaceInfo>& surface_catalog() {
  static const std::vector<SurfaceInfo> infos = {
      {"quadratic1d", "θ² − 6θ + 12 (1-D)", 1, {0.5}},
      {"bowl", "Isotropic bowl", 2, {-2.2, 1.6}},
      {"ravine", "Elongated ravine", 2, {-9.0, 2.0}},
      {"rosenbrock", "Rosenbrock", 2, {-1.5, 2.0}},
      {"saddle", "Saddle x² − y²", 2, {1.8, 0.05}},
      {"monkey_saddle", "Monkey saddle x³ − 3xy²", 2, {1.2, 0.6}},
      {"two_minima", "Two minima (sharp and wide)", 2, {0.5, 2.5}},
      {"himmelblau", "Himmelblau", 2, {0.0, 0.0}},
      {"beale", "Beale", 2, {1.0, 1.5}},
  };
  return infos;
}

std::string validate_surface_spec(const SurfaceSpec& spec) {
  if (const int dimension = typed_surface_dimension(spec.id); dimension > 0) {
    return autograd::ExpressionSurface::validate(spec.expression, dimension);
  }
  if (!is_listed(spec.id)) {
    std::string message = "Unknown surface \"" + shorten_text(spec.id) + "\". Valid surfaces: ";
    const std::vector<SurfaceInfo>& infos = surface_catalog();
    for (std::size_t index = 0; index < infos.size(); ++index) {
      message += (index == 0 ? "" : ", ") + infos[index].id;
    }
    return message + ", or custom / custom1d with an expression.";
  }
  // The condition number only shapes the ravine; other surfaces ignore it.
  if (spec.id == "ravine") return RavineSurface::validate_condition_number(spec.condition_number);
  return "";
}

std::unique_ptr<Surface> make_surface(const SurfaceSpec& spec) {
  const std::string problem = validate_surface_spec(spec);
  if (!problem.empty()) throw std::invalid_argument(problem);
  if (const int dimension = typed_surface_dimension(spec.id); dimension > 0) {
    return std::make_unique<autograd::ExpressionSurface>(spec.expression, dimension);
  }
  return builder_of(spec.id)(spec);
}

}  // namespace descent

DESCENT_END_COLD_CODE

#include "descent/surfaces/surface_catalog.hpp"

#include <functional>
#include <stdexcept>

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

struct CatalogEntry {
  SurfaceInfo info;
  std::function<std::unique_ptr<Surface>(const SurfaceSpec&)> build;
};

template <typename ConcreteSurface>
std::unique_ptr<Surface> build_without_parameters(const SurfaceSpec& /*spec*/) {
  return std::make_unique<ConcreteSurface>();
}

// The single table behind surface_catalog(), validation and make_surface, in menu order.
const std::vector<CatalogEntry>& catalog_entries() {
  static const std::vector<CatalogEntry> entries = {
      {{"quadratic1d", "θ² − 6θ + 12 (1-D)", 1, {0.5}},
       build_without_parameters<Quadratic1dSurface>},
      {{"bowl", "Isotropic bowl", 2, {-2.2, 1.6}}, build_without_parameters<BowlSurface>},
      {{"ravine", "Elongated ravine", 2, {-9.0, 2.0}},
       [](const SurfaceSpec& spec) -> std::unique_ptr<Surface> {
         return std::make_unique<RavineSurface>(spec.condition_number);
       }},
      {{"rosenbrock", "Rosenbrock", 2, {-1.5, 2.0}}, build_without_parameters<RosenbrockSurface>},
      {{"saddle", "Saddle x² − y²", 2, {1.8, 0.05}}, build_without_parameters<SaddleSurface>},
      {{"monkey_saddle", "Monkey saddle x³ − 3xy²", 2, {1.2, 0.6}},
       build_without_parameters<MonkeySaddleSurface>},
      {{"two_minima", "Two minima (sharp and wide)", 2, {0.5, 2.5}},
       build_without_parameters<TwoMinimaSurface>},
      {{"himmelblau", "Himmelblau", 2, {0.0, 0.0}}, build_without_parameters<HimmelblauSurface>},
      {{"beale", "Beale", 2, {1.0, 1.5}}, build_without_parameters<BealeSurface>},
  };
  return entries;
}

// 1 for "custom1d", 2 for "custom", 0 for a built-in surface.
int typed_surface_dimension(const std::string& id) {
  return id == "custom1d" ? 1 : id == "custom" ? 2 : 0;
}

const CatalogEntry* find_entry(const std::string& id) {
  for (const CatalogEntry& entry : catalog_entries()) {
    if (entry.info.id == id) return &entry;
  }
  return nullptr;
}

}  // namespace

const std::vector<SurfaceInfo>& surface_catalog() {
  static const std::vector<SurfaceInfo> infos = [] {
    std::vector<SurfaceInfo> result;
    for (const CatalogEntry& entry : catalog_entries()) result.push_back(entry.info);
    return result;
  }();
  return infos;
}

std::string validate_surface_spec(const SurfaceSpec& spec) {
  if (const int dimension = typed_surface_dimension(spec.id); dimension > 0) {
    return autograd::ExpressionSurface::validate(spec.expression, dimension);
  }
  if (find_entry(spec.id) == nullptr) {
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
  return find_entry(spec.id)->build(spec);
}

}  // namespace descent

DESCENT_END_COLD_CODE

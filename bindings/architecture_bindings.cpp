// embind registration of the architecture calculator (nn/architectures.hpp): architectureCatalog
// (ids and titles) and architectureTable (one network layer by layer, as parallel typed arrays).
// Bad input gives {ok: false, error}.
#include <emscripten/bind.h>

#include <string>
#include <vector>

#include "descent/math/cold_code.hpp"
#include "descent/nn/architectures.hpp"
#include "js_values.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent::bindings {
namespace {

using emscripten::val;

// → {ids, titles}
val architecture_catalog_js() {
  std::vector<std::string> ids, titles;
  for (const nn::ArchitectureEntry& entry : nn::architecture_catalog()) {
    ids.push_back(entry.id);
    titles.push_back(entry.title);
  }
  val catalog = val::object();
  catalog.set("ids", string_array(ids));
  catalog.set("titles", string_array(titles));
  return catalog;
}

// {id} → {ok, id, title, inputShape: {channels, height, width}, layers: {names, kinds, channels,
// heights, widths, parameters, multiplyAdds, fieldSizes, fieldJumps}, totalParameters,
// totalMultiplyAdds}
val architecture_table_js(const val& js) {
  if (!is_object(js)) return error_result("architectureTable needs an object {id}");
  std::string id;
  std::string m = read_string(js, "id", id);
  if (m.empty()) m = nn::validate_architecture_id(id);
  if (!m.empty()) return error_result(m);
  const nn::Architecture net = nn::architecture_table(id);
  std::vector<std::string> names, kinds;
  std::vector<int> channels, heights, widths;
  std::vector<double> parameters, multiply_adds, sizes, jumps;
  for (const nn::ArchitectureLayer& layer : net.layers) {
    names.push_back(layer.name);
    kinds.push_back(layer.kind);
    channels.push_back(layer.channels);
    heights.push_back(layer.height);
    widths.push_back(layer.width);
    parameters.push_back(static_cast<double>(layer.parameters));
    multiply_adds.push_back(static_cast<double>(layer.multiply_adds));
    sizes.push_back(static_cast<double>(layer.field.size));
    jumps.push_back(static_cast<double>(layer.field.jump));
  }
  val layers = val::object();
  layers.set("names", string_array(names));
  layers.set("kinds", string_array(kinds));
  layers.set("channels", to_int32_array(channels));
  layers.set("heights", to_int32_array(heights));
  layers.set("widths", to_int32_array(widths));
  layers.set("parameters", to_float64_array(parameters));
  layers.set("multiplyAdds", to_float64_array(multiply_adds));
  layers.set("fieldSizes", to_float64_array(sizes));
  layers.set("fieldJumps", to_float64_array(jumps));
  val input = val::object();
  set_numbers(input, {{"channels", net.channels}, {"height", net.height}, {"width", net.width}});
  val out = val::object();
  out.set("ok", true);
  out.set("id", net.id);
  out.set("title", net.title);
  out.set("inputShape", input);
  out.set("layers", layers);
  set_numbers(out, {{"totalParameters", static_cast<double>(net.total_parameters)},
                    {"totalMultiplyAdds", static_cast<double>(net.total_multiply_adds)}});
  return out;
}

}  // namespace
}  // namespace descent::bindings

EMSCRIPTEN_BINDINGS(descent_architectures) {
  using namespace descent::bindings;
  emscripten::function("architectureCatalog", &architecture_catalog_js);
  emscripten::function("architectureTable", &architecture_table_js);
}

DESCENT_END_COLD_CODE

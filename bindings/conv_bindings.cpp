// embind registration of the convolution explorer behind <descent-conv> (sims/conv/*,
// data/procedural_images.hpp): exploreConvolution (feature maps, pooling, one cell's sum of
// products and one cell's gradient in one call), receptiveFieldMap, proceduralImage, kernelPreset
// convolutionCosts and convCatalog (the choices and limits). Bulk data crosses as typed arrays; bad
// input gives {ok: false, error}.
#include <emscripten/bind.h>

#include <string>
#include <vector>

#include "descent/data/procedural_images.hpp"
#include "descent/math/cold_code.hpp"
#include "descent/sims/conv/conv_explorer.hpp"
#include "descent/sims/conv/convolution_costs.hpp"
#include "descent/sims/conv/kernel_presets.hpp"
#include "descent/sims/conv/receptive_field_map.hpp"
#include "js_values.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent::bindings {
namespace {

using emscripten::val;

std::string read_floats(const val& js, const char* key, std::vector<float>& out) {
  std::vector<double> values;
  if (auto m = to_number_vector(js[key], key, values); !m.empty()) return m;
  out.assign(values.begin(), values.end());
  return "";
}

// {kernel, stride, padding, dilation} with the window's current values as defaults.
std::string read_window(const val& js, nn::SlidingWindow& window) {
  if (!is_object(js)) return "a window must be an object {kernel, stride?, padding?, dilation?}";
  return read_ints(js, {{"kernel", 1, 64, &window.kernel},
                        {"stride", 1, 64, &window.stride},
                        {"padding", 0, 64, &window.padding},
                        {"dilation", 1, 64, &window.dilation}});
}

std::string read_cell(const val& js, const char* key, MapCell& cell) {
  const val cell_js = js[key];
  if (is_missing(cell_js)) return "";
  if (!is_object(cell_js)) return std::string(key) + " must be an object {channel, row, column}";
  auto m = read_ints(cell_js, {{"channel", 0, 1 << 20, &cell.channel},
                               {"row", 0, 1 << 20, &cell.row},
                               {"column", 0, 1 << 20, &cell.column}});
  return m.empty() ? m : std::string(key) + "." + m;
}

std::string read_explorer_config(const val& js, ConvExplorerConfig& config) {
  std::string activation = nn::activation_name(config.activation.kind);
  std::string pool = pool_kind_name(config.pool);
  std::string m = read_ints(js, {{"channels", 1, kMaxExplorerChannels, &config.channels},
                                 {"height", 1, kMaxExplorerImageSide, &config.height},
                                 {"width", 1, kMaxExplorerImageSide, &config.width},
                                 {"filters", 1, kMaxExplorerFilters, &config.filters},
                                 {"groups", 1, kMaxExplorerFilters, &config.groups}});
  if (m.empty()) m = read_floats(js, "image", config.image);
  if (m.empty()) m = read_window(js["convolution"], config.convolution);
  if (m.empty()) m = read_floats(js, "kernels", config.kernels);
  if (m.empty()) m = read_string(js, "activation", activation);
  if (m.empty()) m = nn::activation_from_name(activation, config.activation);
  if (m.empty()) m = read_string(js, "pool", pool);
  if (m.empty()) m = pool_kind_from_name(pool, config.pool);
  if (m.empty()) m = read_cell(js, "explainedCell", config.explained_cell);
  if (m.empty()) m = read_cell(js, "tracedCell", config.traced_cell);
  if (!m.empty()) return m;
  if (!is_missing(js["biases"])) {
    if (auto m = read_floats(js, "biases", config.biases); !m.empty()) return m;
  }
  if (config.pool != PoolKind::kNone) {
    if (auto m = read_window(js["poolWindow"], config.pool_window); !m.empty()) return m;
  }
  return validate_conv_explorer(config);
}

val cell_sum_to_js(const CellSum& sum) {
  val js = val::object();
  js.set("channels", to_int32_array(sum.channels));
  js.set("rows", to_int32_array(sum.rows));
  js.set("columns", to_int32_array(sum.columns));
  js.set("inputs", to_float32_array(sum.inputs));
  js.set("weights", to_float32_array(sum.weights));
  js.set("products", to_float32_array(sum.products));
  set_numbers(js, {{"bias", sum.bias}, {"value", sum.value}, {"activated", sum.activated}});
  return js;
}

// {channels, height, width, image, filters, convolution: {kernel, stride, padding, dilation},
// groups, kernels, biases?, activation, pool, poolWindow?, explainedCell?, tracedCell?}
// → {ok, convHeight, convWidth, featureMaps, activated, outputHeight, outputWidth, pooled?,
//    parameterCount, multiplyAdds, explained: {channels, rows, columns, inputs, weights, products,
//    bias, value, activated}, inputGradient, featureMapGradient}
val explore_convolution_js(const val& js) {
  if (!is_object(js)) return error_result("exploreConvolution needs an object");
  ConvExplorerConfig config;
  if (auto m = read_explorer_config(js, config); !m.empty()) return error_result(m);
  const ConvExplorerResult result = explore_convolution(config);
  val out = val::object();
  out.set("ok", true);
  set_numbers(out, {{"convHeight", result.conv_height},
                    {"convWidth", result.conv_width},
                    {"outputHeight", result.output_height},
                    {"outputWidth", result.output_width},
                    {"parameterCount", static_cast<double>(result.parameter_count)},
                    {"multiplyAdds", static_cast<double>(result.multiply_adds)}});
  out.set("featureMaps", to_float32_array(result.feature_maps));
  out.set("activated", to_float32_array(result.activated));
  if (!result.pooled.empty()) out.set("pooled", to_float32_array(result.pooled));
  out.set("explained", cell_sum_to_js(result.explained));
  out.set("inputGradient", to_float32_array(result.input_gradient));
  out.set("featureMapGradient", to_float32_array(result.feature_map_gradient));
  return out;
}

// {height, width, layers: [{kernel, stride?, padding?, dilation?}], row, column}
// → {ok, heights, widths, sizes, jumps, paths, firstRow, lastRow, firstColumn, lastColumn}
val receptive_field_map_js(const val& js) {
  if (!is_object(js)) return error_result("receptiveFieldMap needs an object");
  ReceptiveFieldRequest request;
  const val layers = js["layers"];
  if (!is_array(layers)) return error_result("layers must be an array of windows");
  const int count = layers["length"].as<int>();
  if (count < 1 || count > kMaxFieldLayers) {
    return error_result("stack 1 to " + std::to_string(kMaxFieldLayers) + " layers");
  }
  request.layers.assign(count, nn::SlidingWindow{});
  for (int l = 0; l < count; ++l) {
    if (auto m = read_window(layers[l], request.layers[l]); !m.empty()) {
      return error_result("layer " + std::to_string(l + 1) + ": " + m);
    }
  }
  std::string m = read_ints(js, {{"height", 1, kMaxExplorerImageSide, &request.height},
                                 {"width", 1, kMaxExplorerImageSide, &request.width},
                                 {"row", 0, 1 << 20, &request.row},
                                 {"column", 0, 1 << 20, &request.column}});
  if (m.empty()) m = validate_receptive_field_request(request);
  if (!m.empty()) return error_result(m);
  const ReceptiveFieldMap map = receptive_field_map(request);
  std::vector<double> sizes, jumps;
  for (const auto& field : map.fields) {
    sizes.push_back(static_cast<double>(field.size));
    jumps.push_back(static_cast<double>(field.jump));
  }
  val out = val::object();
  out.set("ok", true);
  out.set("heights", to_int32_array(map.heights));
  out.set("widths", to_int32_array(map.widths));
  out.set("sizes", to_float64_array(sizes));
  out.set("jumps", to_float64_array(jumps));
  out.set("paths", to_float64_array(map.paths));
  set_numbers(out, {{"firstRow", map.first_row},
                    {"lastRow", map.last_row},
                    {"firstColumn", map.first_column},
                    {"lastColumn", map.last_column}});
  return out;
}

// {shape, size, jitter?, noise?, seed?} → {ok, channels, size, pixels}
val procedural_image_js(const val& js) {
  if (!is_object(js)) return error_result("proceduralImage needs an object");
  ProceduralImageRequest request;
  std::string m = read_string(js, "shape", request.shape);
  if (m.empty()) m = read_int_in_range(js, "size", 1, kMaxProceduralImageSize, request.size);
  if (m.empty()) m = read_number(js, "jitter", request.jitter);
  if (m.empty()) m = read_number(js, "noise", request.noise);
  if (m.empty()) m = read_seed(js, "seed", request.seed);
  if (m.empty()) m = validate_procedural_image(request);
  if (!m.empty()) return error_result(m);
  val out = val::object();
  out.set("ok", true);
  set_numbers(out,
              {{"channels", procedural_image_channels(request.shape)}, {"size", request.size}});
  out.set("pixels", to_float32_array(procedural_image(request)));
  return out;
}

// {name, size} → {ok, weights}
val kernel_preset_js(const val& js) {
  if (!is_object(js)) return error_result("kernelPreset needs an object");
  std::string name;
  int size = 3;
  std::string m = read_string(js, "name", name);
  if (m.empty()) m = read_int_in_range(js, "size", 1, kMaxExplorerKernel, size);
  if (m.empty()) m = validate_kernel_preset(name, size);
  if (!m.empty()) return error_result(m);
  val out = val::object();
  out.set("ok", true);
  out.set("weights", to_float64_array(kernel_preset(name, size)));
  return out;
}

val layer_cost_to_js(const LayerCost& cost) {
  val js = val::object();
  set_numbers(js, {{"weights", static_cast<double>(cost.weights)},
                   {"multiplyAdds", static_cast<double>(cost.multiply_adds)}});
  return js;
}

// {inputChannels, outputChannels, kernel, height, width, bottleneck} → {ok, standard, depthwise,
// pointwise, separable, reduction, bottlenecked, bottleneck}, each {weights, multiplyAdds}
val convolution_costs_js(const val& js) {
  if (!is_object(js)) return error_result("convolutionCosts needs an object");
  ConvolutionCostRequest request;
  int in = 0, out = 0, height = 0, width = 0, bottleneck = 0;
  constexpr int kChannels = static_cast<int>(kMaxCostChannels);
  constexpr int kSide = static_cast<int>(kMaxCostSide);
  if (auto m = read_ints(js, {{"inputChannels", 1, kChannels, &in},
                              {"outputChannels", 1, kChannels, &out},
                              {"kernel", 1, 11, &request.kernel},
                              {"height", 1, kSide, &height},
                              {"width", 1, kSide, &width},
                              {"bottleneck", 1, kChannels, &bottleneck}});
      !m.empty()) {
    return error_result(m);
  }
  if (in == 0 || out == 0 || height == 0 || width == 0 || bottleneck == 0) {
    return error_result(
        "convolutionCosts needs inputChannels, outputChannels, kernel, height, width and "
        "bottleneck");
  }
  request.input_channels = in;
  request.output_channels = out;
  request.height = height;
  request.width = width;
  request.bottleneck = bottleneck;
  const ConvolutionCosts costs = convolution_costs(request);
  val result = val::object();
  result.set("ok", true);
  for (const auto& [key, cost] : {std::pair{"standard", costs.standard},
                                  {"depthwise", costs.depthwise},
                                  {"pointwise", costs.pointwise},
                                  {"separable", costs.separable},
                                  {"reduction", costs.reduction},
                                  {"bottlenecked", costs.bottlenecked},
                                  {"bottleneck", costs.bottleneck}}) {
    result.set(key, layer_cost_to_js(cost));
  }
  return result;
}

// The explorer's choices and the limits validation enforces.
val conv_catalog() {
  val catalog = val::object();
  catalog.set("kernels", string_array(kernel_preset_names()));
  catalog.set("images", string_array(procedural_image_names()));
  catalog.set("pools", string_array({"none", "max", "average"}));
  val limits = val::object();
  set_numbers(limits, {{"maxFilters", kMaxExplorerFilters},
                       {"maxKernel", kMaxExplorerKernel},
                       {"maxStride", kMaxExplorerStride},
                       {"maxPadding", kMaxExplorerPadding},
                       {"maxDilation", kMaxExplorerDilation},
                       {"maxImageSide", kMaxExplorerImageSide},
                       {"maxChannels", kMaxExplorerChannels},
                       {"maxFieldLayers", kMaxFieldLayers},
                       {"minImageSize", kMinProceduralImageSize},
                       {"maxImageSize", kMaxProceduralImageSize},
                       {"maxJitter", kMaxProceduralImageJitter},
                       {"maxNoise", kMaxProceduralImageNoise}});
  catalog.set("limits", limits);
  return catalog;
}

}  // namespace
}  // namespace descent::bindings

EMSCRIPTEN_BINDINGS(descent_conv_explorer) {
  using namespace descent::bindings;
  emscripten::function("exploreConvolution", &explore_convolution_js);
  emscripten::function("receptiveFieldMap", &receptive_field_map_js);
  emscripten::function("proceduralImage", &procedural_image_js);
  emscripten::function("kernelPreset", &kernel_preset_js);
  emscripten::function("convolutionCosts", &convolution_costs_js);
  emscripten::function("convCatalog", &conv_catalog);
}

DESCENT_END_COLD_CODE

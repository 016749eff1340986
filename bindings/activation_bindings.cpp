// embind registration of the activation explorer behind <descent-activations>
// (sims/activation_explorer.hpp, sims/init_propagation.hpp): activationCurves (f, f', the
// saturated mask, the peak and a probe in one call), softmaxOf, initPropagation and
// activationCatalog (the choices, limits and defaults). Bulk data
// crosses as typed arrays; bad input gives {ok: false, error}.
#include <emscripten/bind.h>

#include <string>
#include <vector>

#include "descent/math/cold_code.hpp"
#include "descent/sims/activation_explorer.hpp"
#include "descent/sims/init_propagation.hpp"
#include "js_values.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent::bindings {
namespace {

using emscripten::val;

// {activation, alpha?} → `activation` (alpha keeps the kind's default when absent).
std::string read_activation(const val& js, nn::Activation& activation) {
  std::string name = nn::activation_name(activation.kind);
  if (auto m = read_string(js, "activation", name); !m.empty()) return m;
  if (auto m = nn::activation_from_name(name, activation); !m.empty()) return m;
  return read_number(js, "alpha", activation.alpha);
}

// {activation, alpha, from, to, samples, probe} → {ok, input, value, derivative, saturated,
// peakDerivative, peakAt, probeValue, probeDerivative}
val activation_curves_js(const val& js) {
  if (!is_object(js)) return error_result("activationCurves needs an object");
  ActivationCurveRequest request;
  for (const auto& m : {read_activation(js, request.activation),
                        read_number(js, "from", request.from), read_number(js, "to", request.to),
                        read_int_in_range(js, "samples", kMinActivationSamples,
                                          kMaxActivationSamples, request.samples),
                        read_number(js, "probe", request.probe)}) {
    if (!m.empty()) return error_result(m);
  }
  if (auto m = validate_activation_curve_request(request); !m.empty()) return error_result(m);
  const ActivationCurves curves = activation_curves(request);
  val result = val::object();
  result.set("ok", true);
  result.set("input", to_float64_array(curves.input));
  result.set("value", to_float64_array(curves.value));
  result.set("derivative", to_float64_array(curves.derivative));
  result.set("saturated", to_uint8_array(curves.saturated));
  result.set("peakDerivative", curves.peak_derivative);
  result.set("peakAt", curves.peak_at);
  result.set("probeValue", curves.probe_value);
  result.set("probeDerivative", curves.probe_derivative);
  return result;
}

// {logits, temperature} → {ok, probabilities}
val softmax_js(const val& js) {
  if (!is_object(js)) return error_result("softmaxOf needs an object");
  std::vector<double> logits;
  double temperature = 1.0;
  if (is_missing(js["logits"])) return error_result("logits is missing");
  for (const auto& m : {to_number_vector(js["logits"], "logits", logits),
                        read_number(js, "temperature", temperature)}) {
    if (!m.empty()) return error_result(m);
  }
  if (auto m = validate_softmax_input(logits, temperature); !m.empty()) return error_result(m);
  val result = val::object();
  result.set("ok", true);
  result.set("probabilities", to_float64_array(softmax_of(logits, temperature)));
  return result;
}

// {initializer, activation, width, depth, samples, bins, seed, shownLayers} → the propagation.
val init_propagation_js(const val& js) {
  if (!is_object(js)) return error_result("initPropagation needs an object");
  InitPropagationConfig config;
  std::string initializer = nn::initializer_name(config.initializer.kind);
  std::vector<double> shown(config.shown_layers.begin(), config.shown_layers.end());
  for (const auto& m :
       {read_string(js, "initializer", initializer), read_activation(js, config.activation),
        read_int_in_range(js, "width", kMinInitWidth, kMaxInitWidth, config.width),
        read_int_in_range(js, "depth", kMinInitDepth, kMaxInitDepth, config.depth),
        read_int_in_range(js, "samples", kMinInitSamples, kMaxInitSamples, config.samples),
        read_int_in_range(js, "bins", kMinInitBins, kMaxInitBins, config.bins),
        read_seed(js, "seed", config.seed), read_number_list(js, "shownLayers", shown)}) {
    if (!m.empty()) return error_result(m);
  }
  if (auto m = nn::initializer_from_name(initializer, config.initializer); !m.empty()) {
    return error_result(m);
  }
  config.shown_layers.clear();
  for (double layer : shown) {
    if (layer != static_cast<int>(layer)) return error_result("shownLayers must be whole numbers");
    config.shown_layers.push_back(static_cast<int>(layer));
  }
  if (auto m = validate_init_propagation(config); !m.empty()) return error_result(m);
  const InitPropagation run = propagate_initialisation(config);
  val result = val::object();
  result.set("ok", true);
  result.set("weightCounts", to_float64_array(run.weight_counts));
  result.set("weightLimit", run.weight_limit);
  result.set("weightVariance", run.weight_variance);
  result.set("weightVarianceTheory", run.weight_variance_theory);
  result.set("inputVariance", run.input_variance);
  result.set("preactivationVariance", to_float64_array(run.preactivation_variance));
  result.set("activationVariance", to_float64_array(run.activation_variance));
  result.set("activationMean", to_float64_array(run.activation_mean));
  result.set("saturatedFraction", to_float64_array(run.saturated_fraction));
  result.set("shownLayers", to_int32_array(run.shown_layers));
  result.set("histograms", to_float64_array(run.histograms));
  result.set("histogramLow", run.histogram_low);
  result.set("histogramHigh", run.histogram_high);
  result.set("bins", config.bins);
  return result;
}

// What the explorer's menus and ranges need: the functions it draws, the initialisation panel's
// initialisers and layer activations, the limits validation enforces and the defaults of a
// request (the z range, the panel's depth, samples, bins, shown layers and width).
val activation_catalog() {
  val catalog = val::object();
  catalog.set("activations", string_array(explorer_activation_names()));
  catalog.set("initializers", string_array(init_propagation_initializer_names()));
  catalog.set("layerActivations", string_array(init_propagation_activation_names()));
  val limits = val::object();
  limits.set("minCurveSamples", kMinActivationSamples);
  limits.set("maxCurveSamples", kMaxActivationSamples);
  limits.set("maxSoftmaxSize", kMaxSoftmaxSize);
  limits.set("minInitWidth", kMinInitWidth);
  limits.set("maxInitWidth", kMaxInitWidth);
  limits.set("minInitDepth", kMinInitDepth);
  limits.set("maxInitDepth", kMaxInitDepth);
  limits.set("minInitSamples", kMinInitSamples);
  limits.set("maxInitSamples", kMaxInitSamples);
  limits.set("minInitBins", kMinInitBins);
  limits.set("maxInitBins", kMaxInitBins);
  catalog.set("limits", limits);
  const ActivationCurveRequest curve;
  const InitPropagationConfig init;
  val defaults = val::object();
  defaults.set("from", curve.from);
  defaults.set("to", curve.to);
  defaults.set("initializer", nn::initializer_name(init.initializer.kind));
  defaults.set("layerActivation", nn::activation_name(init.activation.kind));
  defaults.set("initWidth", init.width);
  defaults.set("initDepth", init.depth);
  defaults.set("initSamples", init.samples);
  defaults.set("initBins", init.bins);
  defaults.set("shownLayers", to_int32_array(init.shown_layers));
  catalog.set("defaults", defaults);
  return catalog;
}

}  // namespace
}  // namespace descent::bindings

EMSCRIPTEN_BINDINGS(descent_activation_explorer) {
  using namespace descent::bindings;
  emscripten::function("activationCurves", &activation_curves_js);
  emscripten::function("softmaxOf", &softmax_js);
  emscripten::function("initPropagation", &init_propagation_js);
  emscripten::function("activationCatalog", &activation_catalog);
}

DESCENT_END_COLD_CODE

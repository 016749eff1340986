// embind registration of the loss-function explorer behind <descent-loss> (sims/loss_explorer.hpp):
// lossCurves (several losses and their gradients over one input range, in one call), fitLines
// (a line fitted under each regression loss), lineFitPoints, categoricalCrossEntropy and
// klDivergence. Bulk data crosses as typed arrays; bad input gives {ok: false, error}.
#include <emscripten/bind.h>

#include <string>
#include <vector>

#include "descent/math/cold_code.hpp"
#include "descent/sims/loss_explorer.hpp"
#include "js_values.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent::bindings {
namespace {

using emscripten::val;

std::string read_string_list(const val& js, const char* key, std::vector<std::string>& out) {
  const val list = js[key];
  if (is_missing(list)) return "";
  const std::string problem = std::string(key) + " must be an array of names";
  if (!is_array(list)) return problem;
  out.clear();
  const int length = list["length"].as<int>();
  for (int i = 0; i < length; ++i) {
    if (!list[i].isString()) return problem;
    out.push_back(list[i].as<std::string>());
  }
  return "";
}

std::string read_required_numbers(const val& js, const char* key, std::vector<double>& out) {
  if (is_missing(js[key])) return std::string(key) + " is missing";
  return to_number_vector(js[key], key, out);
}

// {curves: [names], huberDelta, focalGamma, target, from, to, samples} →
// {ok, input, curves: {name: {value, gradient}}}
val loss_curves_js(const val& js) {
  if (!is_object(js)) return error_result("lossCurves needs an object");
  LossCurveRequest request;
  std::vector<std::string> curves = {"mse"};
  double target = request.target;
  for (const auto& m :
       {read_string_list(js, "curves", curves), read_number(js, "huberDelta", request.huber_delta),
        read_number(js, "focalGamma", request.focal_gamma), read_number(js, "target", target),
        read_number(js, "from", request.from), read_number(js, "to", request.to),
        read_int_in_range(js, "samples", kMinLossCurveSamples, kMaxLossCurveSamples,
                          request.samples)}) {
    if (!m.empty()) return error_result(m);
  }
  if (target != 0.0 && target != 1.0) return error_result("target must be 0 or 1");
  request.target = static_cast<int>(target);
  if (curves.empty()) return error_result("curves must name at least one loss");
  val result = val::object();
  val by_name = val::object();
  for (const auto& name : curves) {
    request.curve = name;
    if (auto m = validate_loss_curve_request(request); !m.empty()) return error_result(m);
    const LossCurve curve = loss_curve(request);
    val entry = val::object();
    entry.set("value", to_float64_array(curve.value));
    entry.set("gradient", to_float64_array(curve.gradient));
    by_name.set(name, entry);
    if (result["input"].isUndefined()) result.set("input", to_float64_array(curve.input));
  }
  result.set("ok", true);
  result.set("curves", by_name);
  return result;
}

// {xs, ys, losses: [mse|mae|huber], huberDelta} → {ok, fits: [{loss, slope, intercept, value,
// residuals, gradients}]}
val fit_lines_js(const val& js) {
  if (!is_object(js)) return error_result("fitLines needs an object");
  std::vector<double> xs, ys;
  std::vector<std::string> losses = {"mse", "mae", "huber"};
  double huber_delta = 1.0;
  for (const auto& m :
       {read_required_numbers(js, "xs", xs), read_required_numbers(js, "ys", ys),
        read_string_list(js, "losses", losses), read_number(js, "huberDelta", huber_delta)}) {
    if (!m.empty()) return error_result(m);
  }
  val fits = val::array();
  for (const auto& name : losses) {
    nn::Loss loss;
    if (auto m = nn::loss_from_name(name, loss); !m.empty()) return error_result(m);
    loss.huber_delta = huber_delta;
    if (auto m = validate_line_fit(xs, ys, loss); !m.empty()) return error_result(m);
    const LineFit fit = fit_line(xs, ys, loss);
    val entry = val::object();
    entry.set("loss", name);
    entry.set("slope", fit.slope);
    entry.set("intercept", fit.intercept);
    entry.set("value", fit.loss);
    entry.set("residuals", to_float64_array(fit.residuals));
    entry.set("gradients", to_float64_array(fit.gradients));
    fits.call<void>("push", entry);
  }
  val result = val::object();
  result.set("ok", true);
  result.set("fits", fits);
  return result;
}

// {count, seed} → {ok, xs, ys}
val line_fit_points_js(const val& js) {
  if (!is_object(js)) return error_result("lineFitPoints needs an object");
  int count = 15;
  std::uint64_t seed = 1;
  for (const auto& m :
       {read_int_in_range(js, "count", 2, kMaxLineFitPoints, count), read_seed(js, "seed", seed)}) {
    if (!m.empty()) return error_result(m);
  }
  const PointSet points = line_fit_points(count, seed);
  val result = val::object();
  result.set("ok", true);
  result.set("xs", to_float64_array(points.xs));
  result.set("ys", to_float64_array(points.ys));
  return result;
}

// {probabilities, trueClass} → {ok, probabilities, logits, loss, logitGradient}
val categorical_cross_entropy_js(const val& js) {
  if (!is_object(js)) return error_result("categoricalCrossEntropy needs an object");
  std::vector<double> probabilities;
  int true_class = 0;
  for (const auto& m : {read_required_numbers(js, "probabilities", probabilities),
                        read_int_in_range(js, "trueClass", 0, kMaxDistributionSize, true_class)}) {
    if (!m.empty()) return error_result(m);
  }
  if (auto m = validate_categorical(probabilities, true_class); !m.empty()) return error_result(m);
  const CategoricalResult ce = categorical_cross_entropy(probabilities, true_class);
  val result = val::object();
  result.set("ok", true);
  result.set("probabilities", to_float64_array(ce.probabilities));
  result.set("logits", to_float64_array(ce.logits));
  result.set("loss", ce.loss);
  result.set("logitGradient", to_float64_array(ce.logit_gradient));
  return result;
}

// {p, q} → {ok, p, q, klPQ, klQP} (Infinity when one puts no mass where the other has some)
val kl_divergence_js(const val& js) {
  if (!is_object(js)) return error_result("klDivergence needs an object");
  std::vector<double> p, q;
  for (const auto& m : {read_required_numbers(js, "p", p), read_required_numbers(js, "q", q)}) {
    if (!m.empty()) return error_result(m);
  }
  if (auto m = validate_kl(p, q); !m.empty()) return error_result(m);
  const KlComparison kl = kl_both_ways(p, q);
  val result = val::object();
  result.set("ok", true);
  result.set("p", to_float64_array(kl.p));
  result.set("q", to_float64_array(kl.q));
  result.set("klPQ", kl.kl_p_q);
  result.set("klQP", kl.kl_q_p);
  return result;
}

}  // namespace
}  // namespace descent::bindings

EMSCRIPTEN_BINDINGS(descent_loss_explorer) {
  using namespace descent::bindings;
  emscripten::function("lossCurves", &loss_curves_js);
  emscripten::function("fitLines", &fit_lines_js);
  emscripten::function("lineFitPoints", &line_fit_points_js);
  emscripten::function("categoricalCrossEntropy", &categorical_cross_entropy_js);
  emscripten::function("klDivergence", &kl_divergence_js);
}

DESCENT_END_COLD_CODE

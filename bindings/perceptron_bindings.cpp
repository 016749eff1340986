// embind registration of the perceptron-vs-MLP simulation behind <descent-perceptron>
// (sims/perceptron_vs_mlp.hpp): perceptronVsMlp runs both models on a logic data set in one call;
// perceptronMlpField gives the MLP's decision field for one epoch's parameters (the widget's
// epoch slider); perceptronCatalog gives its data sets, limits and defaults. Bulk data crosses as
// typed arrays; bad input gives {ok: false, error}.
#include <emscripten/bind.h>

#include <string>
#include <vector>

#include "descent/math/cold_code.hpp"
#include "descent/sims/perceptron_vs_mlp.hpp"
#include "js_values.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent::bindings {
namespace {

using emscripten::val;

// {dataset, epochs, learningRate, seed, fieldResolution} → {ok, dataset, inputs, labels,
// perceptron: {w1, w2, bias, predictions, errors, converged, epochsToConverge},
// mlp: {loss, accuracy, parameters, parameterCount, pointProbability, epochsToSolve, stopReason,
// field: {resolution, probability}}, view: {min, max}}. Per-state arrays start with the state
// before training (see sims/perceptron_vs_mlp.hpp).
val perceptron_vs_mlp_js(const val& js) {
  if (!is_object(js)) return error_result("perceptronVsMlp needs an object");
  PerceptronVsMlpConfig config;
  for (const auto& m :
       {read_string(js, "dataset", config.dataset),
        read_int_in_range(js, "epochs", kMinPerceptronVsMlpEpochs, kMaxPerceptronVsMlpEpochs,
                          config.epochs),
        read_number(js, "learningRate", config.learning_rate), read_seed(js, "seed", config.seed),
        read_int_in_range(js, "fieldResolution", kMinPerceptronFieldResolution,
                          kMaxPerceptronFieldResolution, config.field_resolution)}) {
    if (!m.empty()) return error_result(m);
  }
  if (auto m = validate_perceptron_vs_mlp(config); !m.empty()) return error_result(m);
  const PerceptronVsMlpRun run = run_perceptron_vs_mlp(config);

  std::vector<double> inputs;
  for (int i = 0; i < run.data.size(); ++i) {
    inputs.push_back(run.data.inputs(i, 0));
    inputs.push_back(run.data.inputs(i, 1));
  }
  val perceptron = val::object();
  perceptron.set("w1", to_float64_array(run.perceptron_w1));
  perceptron.set("w2", to_float64_array(run.perceptron_w2));
  perceptron.set("bias", to_float64_array(run.perceptron_bias));
  perceptron.set("predictions", to_int32_array(run.perceptron_predictions));
  perceptron.set("errors", to_int32_array(run.perceptron_errors));
  perceptron.set("converged", run.perceptron_converged);
  perceptron.set("epochsToConverge", run.perceptron_epochs_to_converge);

  val field = val::object();
  field.set("resolution", run.mlp_field.resolution);
  field.set("probability", to_float64_array(run.mlp_field.probability));
  val mlp = val::object();
  mlp.set("loss", to_float64_array(run.mlp_loss));
  mlp.set("accuracy", to_float64_array(run.mlp_accuracy));
  mlp.set("parameters", to_float64_array(run.mlp_parameters));
  mlp.set("parameterCount", kMlpParameterCount);
  mlp.set("pointProbability", to_float64_array(run.mlp_point_probability));
  mlp.set("stopReason", run.mlp_stop_reason);
  mlp.set("epochsToSolve", run.mlp_epochs_to_solve);
  mlp.set("field", field);

  val view = val::object();
  view.set("min", kLogicViewMin);
  view.set("max", kLogicViewMax);
  val result = val::object();
  result.set("ok", true);
  result.set("dataset", config.dataset);
  result.set("inputs", to_float64_array(inputs));
  result.set("labels", to_int32_array(run.data.labels));
  result.set("perceptron", perceptron);
  result.set("mlp", mlp);
  result.set("view", view);
  return result;
}

// {parameters: 9 numbers, resolution} → {ok, resolution, probability}
val perceptron_mlp_field_js(const val& js) {
  if (!is_object(js)) return error_result("perceptronMlpField needs an object");
  if (is_missing(js["parameters"])) return error_result("parameters is missing");
  std::vector<double> parameters;
  int resolution = 40;
  for (const auto& m : {to_number_vector(js["parameters"], "parameters", parameters),
                        read_int_in_range(js, "resolution", kMinPerceptronFieldResolution,
                                          kMaxPerceptronFieldResolution, resolution)}) {
    if (!m.empty()) return error_result(m);
  }
  if (auto m = validate_logic_field(parameters, resolution); !m.empty()) return error_result(m);
  const LogicField field = mlp_logic_field(parameters, resolution);
  val result = val::object();
  result.set("ok", true);
  result.set("resolution", field.resolution);
  result.set("probability", to_float64_array(field.probability));
  return result;
}

// What the widget's menus and ranges need: the data sets, the limits validation enforces and the
// defaults of a run.
val perceptron_catalog() {
  val catalog = val::object();
  catalog.set("datasets", string_array(logic_dataset_names()));
  val limits = val::object();
  limits.set("minEpochs", kMinPerceptronVsMlpEpochs);
  limits.set("maxEpochs", kMaxPerceptronVsMlpEpochs);
  limits.set("minLearningRate", kMinPerceptronVsMlpLearningRate);
  limits.set("maxLearningRate", kMaxPerceptronVsMlpLearningRate);
  limits.set("minFieldResolution", kMinPerceptronFieldResolution);
  limits.set("maxFieldResolution", kMaxPerceptronFieldResolution);
  catalog.set("limits", limits);
  const PerceptronVsMlpConfig config;
  val defaults = val::object();
  defaults.set("dataset", config.dataset);
  defaults.set("epochs", config.epochs);
  defaults.set("learningRate", config.learning_rate);
  defaults.set("seed", static_cast<double>(config.seed));
  defaults.set("fieldResolution", config.field_resolution);
  catalog.set("defaults", defaults);
  return catalog;
}

}  // namespace
}  // namespace descent::bindings

EMSCRIPTEN_BINDINGS(descent_perceptron_vs_mlp) {
  using namespace descent::bindings;
  emscripten::function("perceptronVsMlp", &perceptron_vs_mlp_js);
  emscripten::function("perceptronMlpField", &perceptron_mlp_field_js);
  emscripten::function("perceptronCatalog", &perceptron_catalog);
}

DESCENT_END_COLD_CODE

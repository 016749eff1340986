// embind registration of the regularization explorer's core: runRegularization (one whole run),
// createRegularizationRun (a RegularizationTraining advanced a few epochs at a time, so a widget
// can show progress; call delete() when done), runBiasVariance, compareWeightPenalties and
// regularizationCatalog (capacities, optimizers, limits, defaults). Like
// the other binding files, every entry point validates its input and returns {ok: false, error}
// instead of throwing; bulk data crosses as typed arrays.
#include <emscripten/bind.h>

#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "descent/math/cold_code.hpp"
#include "descent/nn/regularization.hpp"
#include "descent/sims/regularization/bias_variance.hpp"
#include "descent/sims/regularization/run.hpp"
#include "descent/sims/regularization/weights.hpp"
#include "js_values.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent::bindings {
namespace {

using emscripten::val;

// {trainPoints, validationPoints, noise, seed, trainingSet, capacity, width, depth, epochs,
// batchSize, optimizer, lr, dropout, weightDecay, l1, earlyStopping, patience, curvePoints}, every
// key optional → a validated config.
std::string read_regularization_config(const val& js, RegularizationRunConfig& config) {
  if (!is_object(js)) return "regularization config must be an object";
  for (auto [key, target, low, high] : std::vector<std::tuple<const char*, int*, int, int>>{
           {"trainPoints", &config.train_points, kMinRegularizationTrainPoints,
            kMaxRegularizationTrainPoints},
           {"validationPoints", &config.validation_points, kMinRegularizationTrainPoints,
            kMaxRegularizationValidationPoints},
           {"trainingSet", &config.training_set, 0, kMaxTrainingSet},
           {"width", &config.width, kMinRegularizationWidth, kMaxRegularizationWidth},
           {"depth", &config.depth, kMinRegularizationDepth, kMaxRegularizationDepth},
           {"epochs", &config.epochs, kMinRegularizationEpochs, kMaxRegularizationEpochs},
           {"batchSize", &config.batch_size, 0, kMaxRegularizationTrainPoints},
           {"patience", &config.patience, 1, kMaxRegularizationPatience},
           {"curvePoints", &config.curve_points, kMinRegularizationCurvePoints,
            kMaxRegularizationCurvePoints}}) {
    if (auto m = read_int_in_range(js, key, low, high, *target); !m.empty()) return m;
  }
  for (auto [key, target] :
       std::vector<std::pair<const char*, double*>>{{"noise", &config.noise},
                                                    {"lr", &config.learning_rate},
                                                    {"dropout", &config.dropout},
                                                    {"weightDecay", &config.weight_decay},
                                                    {"l1", &config.l1}}) {
    if (auto m = read_number(js, key, *target); !m.empty()) return m;
  }
  if (auto m = read_string(js, "capacity", config.capacity); !m.empty()) return m;
  if (auto m = read_string(js, "optimizer", config.optimizer); !m.empty()) return m;
  if (auto m = read_bool(js, "earlyStopping", config.early_stopping); !m.empty()) return m;
  if (auto m = read_seed(js, "seed", config.seed); !m.empty()) return m;
  return validate_regularization_run_config(config);
}

const char* verdict_name(FitVerdict verdict) {
  switch (verdict) {
    case FitVerdict::kUnderfitting:
      return "underfitting";
    case FitVerdict::kGoodFit:
      return "good_fit";
    case FitVerdict::kOverfitting:
      return "overfitting";
  }
  return "good_fit";
}

val column(const Eigen::MatrixXd& matrix) {
  return to_float64_array(std::vector<double>(matrix.data(), matrix.data() + matrix.rows()));
}

// The run as it stands (partial while running): see descent-core.d.ts, RegularizationResult.
val run_to_js(const RegularizationRun& run) {
  val js = val::object();
  js.set("ok", true);
  js.set("finished", run.finished());
  js.set("epochs", run.config().epochs);
  js.set("epochsCompleted", run.epochs_completed());
  js.set("trainX", column(run.train().inputs));
  js.set("trainY", column(run.train().targets));
  js.set("validationX", column(run.validation().inputs));
  js.set("validationY", column(run.validation().targets));
  js.set("curveX", to_float64_array(run.curve_x()));
  js.set("trueCurve", to_float64_array(run.true_curve()));
  js.set("curvePoints", static_cast<int>(run.curve_x().size()));
  js.set("curves", to_float64_array(run.curves()));
  js.set("trainLoss", to_float64_array(run.train_loss()));
  js.set("validationLoss", to_float64_array(run.validation_loss()));
  js.set("gap", to_float64_array(run.gap()));
  js.set("zeroWeights", to_int32_array(run.zero_weights()));
  val verdicts = val::array();
  for (FitVerdict verdict : run.verdicts()) verdicts.call<void>("push", val(verdict_name(verdict)));
  js.set("verdicts", verdicts);
  js.set("bestEpoch", run.best_epoch());
  js.set("bestValidationLoss", run.best_validation_loss());
  js.set("keptEpoch", run.kept_epoch());
  js.set("sweetSpotFirst", run.sweet_spot_first());
  js.set("sweetSpotLast", run.sweet_spot_last());
  js.set("stopKind", std::string(nn::stop_kind_id(run.stop_kind())));
  js.set("stopReason", run.stop_reason());
  js.set("weights", to_float64_array(run.weights()));
  js.set("weightCount", run.weight_count());
  return js;
}

val penalty_run_to_js(const PenaltyRunSummary& summary) {
  val js = val::object();
  js.set("penalty", summary.penalty);
  js.set("strength", summary.strength);
  js.set("weights", to_float64_array(summary.weights));
  js.set("counts", to_int32_array(summary.histogram.counts));
  js.set("exactZeros", summary.histogram.exact_zeros);
  js.set("total", summary.histogram.total);
  js.set("finalTrainLoss", summary.final_train_loss);
  js.set("finalValidationLoss", summary.final_validation_loss);
  js.set("stopReason", summary.stop_reason);
  return js;
}

val bias_variance_model_to_js(const BiasVarianceModel& model) {
  val js = val::object();
  js.set("capacity", model.capacity);
  js.set("curves", to_float64_array(model.curves));
  js.set("meanCurve", to_float64_array(model.mean_curve));
  js.set("biasSquared", model.bias_squared);
  js.set("variance", model.variance);
  js.set("meanValidationLoss", model.mean_validation_loss);
  js.set("divergedRuns", model.diverged_runs);
  return js;
}

}  // namespace

// A RegularizationRun owned by JavaScript: advance(maxEpochs) a few epochs per animation frame,
// result() for what is computed so far.
class RegularizationTraining {
 public:
  // Held by pointer so that embind can move the object into JavaScript's hands.
  explicit RegularizationTraining(const RegularizationRunConfig& config)
      : run_(std::make_unique<RegularizationRun>(config)) {}

  // Runs up to maxEpochs more epochs (a whole number ≥ 1); returns {ok, finished, epochsCompleted}.
  val advance(const val& js_epochs) {
    int epochs = 0;
    if (auto m = to_int_in_range(js_epochs, "epochs", kMinRegularizationEpochs,
                                 kMaxRegularizationEpochs, epochs);
        !m.empty()) {
      return error_result(m);
    }
    run_->advance(epochs);
    val js = val::object();
    js.set("ok", true);
    js.set("finished", run_->finished());
    js.set("epochsCompleted", run_->epochs_completed());
    return js;
  }

  bool finished() const { return run_->finished(); }
  int epochs_completed() const { return run_->epochs_completed(); }
  val result() const { return run_to_js(*run_); }

 private:
  std::unique_ptr<RegularizationRun> run_;
};

namespace {

// {ok, run} — the caller owns run and must delete() it — or {ok: false, error}.
val create_regularization_run(const val& js) {
  RegularizationRunConfig config;
  if (auto m = read_regularization_config(js, config); !m.empty()) return error_result(m);
  val result = val::object();
  result.set("ok", true);
  result.set("run", val(RegularizationTraining(config)));
  return result;
}

val run_regularization(const val& js) {
  RegularizationRunConfig config;
  if (auto m = read_regularization_config(js, config); !m.empty()) return error_result(m);
  RegularizationRun run(config);
  run.run();
  return run_to_js(run);
}

// The config keys plus sets, simpleCapacity, complexCapacity.
val run_bias_variance_js(const val& js) {
  BiasVarianceConfig config;
  if (auto m = read_regularization_config(js, config.base); !m.empty()) return error_result(m);
  if (auto m = read_int_in_range(js, "sets", 2, kMaxBiasVarianceSets, config.training_sets);
      !m.empty()) {
    return error_result(m);
  }
  if (auto m = read_string(js, "simpleCapacity", config.simple_capacity); !m.empty()) {
    return error_result(m);
  }
  if (auto m = read_string(js, "complexCapacity", config.complex_capacity); !m.empty()) {
    return error_result(m);
  }
  if (auto m = validate_bias_variance_config(config); !m.empty()) return error_result(m);
  const BiasVarianceResult result = run_bias_variance(config);
  val out = val::object();
  out.set("ok", true);
  out.set("sets", config.training_sets);
  out.set("curveX", to_float64_array(result.curve_x));
  out.set("trueCurve", to_float64_array(result.true_curve));
  out.set("simple", bias_variance_model_to_js(result.simple));
  out.set("complex", bias_variance_model_to_js(result.complex));
  return out;
}

// The config keys plus l1Strength, l2Strength, bins.
val compare_weight_penalties_js(const val& js) {
  RegularizationRunConfig config;
  if (auto m = read_regularization_config(js, config); !m.empty()) return error_result(m);
  double l1 = 0.01, l2 = 0.01;
  int bins = 41;
  if (auto m = read_number(js, "l1Strength", l1); !m.empty()) return error_result(m);
  if (auto m = read_number(js, "l2Strength", l2); !m.empty()) return error_result(m);
  if (auto m = read_int_in_range(js, "bins", 1, kMaxHistogramBins, bins); !m.empty()) {
    return error_result(m);
  }
  if (auto m = validate_weight_penalty_comparison(config, l1, l2, bins); !m.empty()) {
    return error_result(m);
  }
  const WeightPenaltyComparison comparison = compare_weight_penalties(config, l1, l2, bins);
  val out = val::object();
  out.set("ok", true);
  out.set("limit", comparison.l1.histogram.limit);
  out.set("bins", bins);
  out.set("l1", penalty_run_to_js(comparison.l1));
  out.set("l2", penalty_run_to_js(comparison.l2));
  return out;
}

// What the explorer's menus and ranges need: the capacities (with their hidden layers), the
// optimizers with their default learning rate and weight decay and largest weight decay, the
// limits validation enforces and the defaults of a run.
val regularization_catalog() {
  const RegularizationRunConfig defaults;
  val capacities = val::array();
  for (const auto& id : capacity_names()) {
    RegularizationRunConfig config = defaults;
    config.capacity = id;
    val entry = val::object();
    entry.set("id", id);
    entry.set("layers", to_int32_array(capacity_layers(config)));
    capacities.call<void>("push", entry);
  }
  val optimizers = val::array();
  for (const auto& info : regularization_optimizer_catalog()) {
    val entry = val::object();
    entry.set("id", info.id);
    entry.set("defaultLearningRate", info.default_learning_rate);
    entry.set("defaultWeightDecay", info.default_weight_decay);
    entry.set("maxWeightDecay", info.max_weight_decay);
    optimizers.call<void>("push", entry);
  }
  val limits = val::object();
  limits.set("minEpochs", kMinRegularizationEpochs);
  limits.set("maxEpochs", kMaxRegularizationEpochs);
  limits.set("minWidth", kMinRegularizationWidth);
  limits.set("maxWidth", kMaxRegularizationWidth);
  limits.set("minDepth", kMinRegularizationDepth);
  limits.set("maxDepth", kMaxRegularizationDepth);
  limits.set("minTrainPoints", kMinRegularizationTrainPoints);
  limits.set("maxTrainPoints", kMaxRegularizationTrainPoints);
  limits.set("maxLearningRate", kMaxRegularizationLearningRate);
  limits.set("maxDropout", kMaxRegularizationDropout);
  limits.set("maxPenalty", nn::kMaxRegularizationStrength);
  limits.set("maxPatience", kMaxRegularizationPatience);
  val js_defaults = val::object();
  js_defaults.set("capacity", defaults.capacity);
  js_defaults.set("width", defaults.width);
  js_defaults.set("depth", defaults.depth);
  js_defaults.set("epochs", defaults.epochs);
  js_defaults.set("optimizer", defaults.optimizer);
  js_defaults.set("patience", defaults.patience);
  js_defaults.set("noise", defaults.noise);
  js_defaults.set("trainPoints", defaults.train_points);
  js_defaults.set("validationPoints", defaults.validation_points);
  js_defaults.set("seed", static_cast<double>(defaults.seed));
  val catalog = val::object();
  catalog.set("capacities", capacities);
  catalog.set("optimizers", optimizers);
  catalog.set("limits", limits);
  catalog.set("defaults", js_defaults);
  return catalog;
}

}  // namespace
}  // namespace descent::bindings

EMSCRIPTEN_BINDINGS(descent_regularization) {
  using namespace descent::bindings;
  emscripten::class_<RegularizationTraining>("RegularizationTraining")
      .function("advance", &RegularizationTraining::advance)
      .function("finished", &RegularizationTraining::finished)
      .function("epochsCompleted", &RegularizationTraining::epochs_completed)
      .function("result", &RegularizationTraining::result);
  emscripten::function("createRegularizationRun", &create_regularization_run);
  emscripten::function("runRegularization", &run_regularization);
  emscripten::function("runBiasVariance", &run_bias_variance_js);
  emscripten::function("compareWeightPenalties", &compare_weight_penalties_js);
  emscripten::function("regularizationCatalog", &regularization_catalog);
}

DESCENT_END_COLD_CODE

// embind registration of the live-trained recurrent network behind <descent-rnn> (sims/rnn/):
// createRnnSession → an RnnSession trained a few steps per call (the live-run transport), evaluated
// on its test set and looked inside one test sequence at a time (inputs, hidden and cell states,
// gates, outputs, ‖∂L/∂h_t‖ per step); rnnCatalog, its tasks, cells, limits and defaults. Results
// cross as typed arrays; bad input gives {ok: false, error}.
#include <emscripten/bind.h>

#include <memory>
#include <stdexcept>

#include "descent/math/cold_code.hpp"
#include "descent/sims/rnn/rnn_session.hpp"
#include "js_values.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent::bindings {
namespace {

using emscripten::val;

val ok_result() {
  val js = val::object();
  js.set("ok", true);
  return js;
}

// {task, cell, hiddenSize, sequenceLength, truncation, optimizer, hyper, learningRate, clipNorm,
// batchSize, seed}; absent keys keep RnnConfig's defaults.
std::string read_rnn_config(const val& js, RnnConfig& config) {
  std::string task = rnn_task_info(config.task).id;
  std::string cell = nn::cell_name(config.cell);
  double unused_lr = 0.0;
  ScheduleSettings unused_schedule;
  ClipSettings unused_clip;
  for (const auto& m :
       {read_string(js, "task", task), read_string(js, "cell", cell),
        read_ints(js, {{"hiddenSize", 1, kMaxRnnHiddenSize, &config.hidden_size},
                       {"sequenceLength", 1, kMaxSequenceLength, &config.sequence_length},
                       {"truncation", 0, kMaxRnnTruncation, &config.truncation},
                       {"batchSize", 1, kMaxRnnBatchSize, &config.batch_size}}),
        read_optimizer_choice(js, config.optimizer, unused_lr, unused_schedule, unused_clip),
        read_number(js, "learningRate", config.learning_rate),
        read_number(js, "clipNorm", config.clip_norm), read_seed(js, "seed", config.seed)}) {
    if (!m.empty()) return m;
  }
  for (const auto& m :
       {rnn_task_from_name(task, config.task), rnn_cell_from_name(cell, config.cell)}) {
    if (!m.empty()) return m;
  }
  return validate_rnn_config(config);
}

class RnnSessionJs {
 public:
  explicit RnnSessionJs(std::unique_ptr<RnnSession> session) : session_(std::move(session)) {}

  // {ok, losses, gradientNorms (the steps trained by this call), steps, diverged, divergedStep,
  // stopReason}
  val train(const val& js_steps) {
    int steps = 0;
    if (auto m = to_int_in_range(js_steps, "steps", 0, kMaxRnnStepsPerCall, steps); !m.empty()) {
      return error_result(m);
    }
    session_->clear_log();
    session_->train(steps);
    val js = ok_result();
    js.set("losses", to_float64_array(session_->logged_losses()));
    js.set("gradientNorms", to_float64_array(session_->logged_gradient_norms()));
    set_numbers(js, {{"steps", session_->steps()}, {"divergedStep", session_->diverged_step()}});
    js.set("diverged", session_->diverged());
    js.set("stopReason", session_->stop_reason());
    return js;
  }

  // Scores up to `sequences` more test sequences of the evaluation in progress (one starts at the
  // current weights when none is): {ok, done, and the last complete evaluation: steps (−1 before
  // the first), metric, loss, value, baseline}.
  val evaluate(const val& js_sequences) {
    int sequences = 0;
    if (auto m = to_int_in_range(js_sequences, "sequences", 1, session_->test_count(), sequences);
        !m.empty()) {
      return error_result(m);
    }
    const bool done = session_->evaluate(sequences);
    const RnnEvaluation& evaluation = session_->last_evaluation();
    val js = ok_result();
    js.set("done", done);
    js.set("metric", std::string(evaluation.metric));
    set_numbers(js, {{"steps", evaluation.steps},
                     {"loss", evaluation.loss},
                     {"value", evaluation.value},
                     {"baseline", evaluation.baseline}});
    return js;
  }

  val inspect(const val& js_index) {
    int index = 0;
    if (auto m = to_int_in_range(js_index, "index", 0, session_->test_count() - 1, index);
        !m.empty()) {
      return error_result(m);
    }
    const RnnInspection r = session_->inspect(index);
    val js = ok_result();
    set_numbers(js, {{"index", index},
                     {"time", r.time},
                     {"inputSize", r.input_size},
                     {"outputTime", r.output_time},
                     {"outputSize", r.output_size},
                     {"targetSize", r.target_size},
                     {"hiddenSize", r.hidden_size},
                     {"gateCount", r.gate_count},
                     {"loss", r.loss},
                     {"steps", session_->steps()}});
    js.set("gateNames", string_array(rnn_gate_names(session_->config().cell)));
    js.set("inputs", to_float32_array(r.inputs));
    js.set("targets", to_float32_array(r.targets));
    js.set("mask", to_float32_array(r.mask));
    js.set("outputs", to_float32_array(r.outputs));
    js.set("hiddenStates", to_float32_array(r.hidden_states));
    js.set("cellStates", to_float32_array(r.cell_states));
    js.set("gates", to_float32_array(r.gates));
    js.set("gradientNorms", to_float64_array(r.hidden_gradient_norms));
    return js;
  }

  // What the session is: {task, cell, metric, timeSteps, parameterCount, trainCount, testCount,
  // steps}
  val info() const {
    const RnnConfig& config = session_->config();
    val js = ok_result();
    js.set("task", std::string(rnn_task_info(config.task).id));
    js.set("cell", nn::cell_name(config.cell));
    js.set("metric", std::string(rnn_task_info(config.task).metric));
    set_numbers(js, {{"timeSteps", session_->time_steps()},
                     {"parameterCount", session_->parameter_count()},
                     {"trainCount", session_->train_count()},
                     {"testCount", session_->test_count()},
                     {"steps", session_->steps()}});
    return js;
  }

 private:
  std::unique_ptr<RnnSession> session_;
};

val create_rnn_session(const val& js) {
  if (!is_object(js)) return error_result("createRnnSession needs an object");
  RnnConfig config;
  if (auto m = read_rnn_config(js, config); !m.empty()) return error_result(m);
  val result = ok_result();
  result.set("session", val(RnnSessionJs(std::make_unique<RnnSession>(config))));
  return result;
}

val rnn_catalog() {
  val catalog = val::object();
  val tasks = val::array();
  for (const RnnTaskInfo& info : rnn_task_catalog()) {
    val task = val::object();
    for (const auto& [key, text] : {std::pair{"id", info.id},
                                    {"label", info.label},
                                    {"summary", info.summary},
                                    {"metric", info.metric},
                                    {"baseline", info.baseline}}) {
      task.set(key, std::string(text));
    }
    set_numbers(task, {{"minLength", info.min_length},
                       {"maxLength", info.max_length},
                       {"defaultLength", info.default_length}});
    tasks.call<void>("push", task);
  }
  catalog.set("tasks", tasks);
  catalog.set("cells", string_array({"rnn", "lstm", "gru"}));
  std::vector<std::string> optimizers;
  for (const auto& info : optimizer_catalog()) optimizers.push_back(info.id);
  catalog.set("optimizers", string_array(optimizers));
  val limits = val::object();
  set_numbers(limits, {{"maxHiddenSize", kMaxRnnHiddenSize},
                       {"maxStepWork", kMaxRnnStepWork},
                       {"maxBatchSize", kMaxRnnBatchSize},
                       {"maxTruncation", kMaxRnnTruncation},
                       {"maxStepsPerCall", kMaxRnnStepsPerCall},
                       {"trainCount", kRnnTrainCount},
                       {"testCount", kRnnTestCount}});
  catalog.set("limits", limits);
  const RnnConfig defaults;
  val js = val::object();
  js.set("task", std::string(rnn_task_info(defaults.task).id));
  js.set("cell", nn::cell_name(defaults.cell));
  js.set("optimizer", defaults.optimizer.id);
  set_numbers(js, {{"hiddenSize", defaults.hidden_size},
                   {"sequenceLength", defaults.sequence_length},
                   {"truncation", defaults.truncation},
                   {"learningRate", defaults.learning_rate},
                   {"clipNorm", defaults.clip_norm},
                   {"batchSize", defaults.batch_size},
                   {"seed", static_cast<double>(defaults.seed)}});
  catalog.set("defaults", js);
  return catalog;
}

}  // namespace
}  // namespace descent::bindings

EMSCRIPTEN_BINDINGS(descent_rnn) {
  using namespace descent::bindings;
  emscripten::class_<RnnSessionJs>("RnnSession")
      .function("train", &RnnSessionJs::train)
      .function("evaluate", &RnnSessionJs::evaluate)
      .function("inspect", &RnnSessionJs::inspect)
      .function("info", &RnnSessionJs::info);
  emscripten::function("createRnnSession", &create_rnn_session);
  emscripten::function("rnnCatalog", &rnn_catalog);
}

DESCENT_END_COLD_CODE

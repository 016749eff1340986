// The live-trained recurrent network of <descent-rnn>: validation messages, determinism however
// the steps are sliced, learning on each task, and the unrolled view of one test sequence (shapes,
// gates, truncation's cut in ‖∂L/∂h_t‖).
#include "descent/sims/rnn/rnn_session.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
#include <string>

using descent::RnnConfig;
using descent::RnnSession;
using descent::RnnTask;
using descent::nn::CellKind;

namespace {

RnnConfig config_of(RnnTask task, CellKind cell, int length) {
  RnnConfig config;
  config.task = task;
  config.cell = cell;
  config.sequence_length = length;
  config.hidden_size = 8;
  config.batch_size = 16;
  config.seed = 3;
  return config;
}

std::string message_of(RnnConfig config) { return descent::validate_rnn_config(config); }

// The whole test set scored at once.
descent::RnnEvaluation evaluated(RnnSession& session) {
  REQUIRE(session.evaluate(session.test_count()));
  return session.last_evaluation();
}

}  // namespace

TEST_CASE("rnn config: every field is checked with a short message", "[rnn]") {
  const RnnConfig valid;
  CHECK(message_of(valid).empty());
  RnnConfig c = valid;
  c.hidden_size = 0;
  CHECK(message_of(c) == "hidden size must be in [1, 128], got 0");
  c = valid;
  c.sequence_length = 201;
  CHECK(message_of(c) == "sequence length of the adding task must be in [2, 200], got 201");
  c = valid;
  c.task = RnnTask::kCopy;
  c.sequence_length = 51;
  CHECK(message_of(c) == "sequence length of the copy task must be in [1, 50], got 51");
  c = valid;
  c.truncation = -1;
  CHECK(message_of(c).rfind("truncation must be in [0, ", 0) == 0);
  c = valid;
  c.learning_rate = 0.0;
  CHECK(message_of(c) == "learning rate must be in (0, 10], got 0");
  c = valid;
  c.clip_norm = -1.0;
  CHECK(message_of(c) == "clip norm must be ≥ 0 (0: no clipping), got -1");
  c = valid;
  c.batch_size = 257;
  CHECK(message_of(c) == "batch size must be in [1, 256], got 257");
  c = valid;
  c.task = RnnTask::kCopy;
  c.sequence_length = 50;
  c.hidden_size = 128;
  CHECK(message_of(c) ==
        "too big to train live: batch × steps × gates·hidden × (input + hidden) is 225.1 M "
        "multiply-adds a step, at most 40 M — lower the batch, the length or the hidden size");
  c = valid;
  c.optimizer.id = "adamx";
  CHECK_FALSE(message_of(c).empty());
  CHECK_THROWS_AS(RnnSession(c), std::invalid_argument);
  descent::RnnTask task;
  CHECK(descent::rnn_task_from_name("sum", task) ==
        "task must be one of sine, adding, parity, copy, got 'sum'");
  CellKind cell;
  CHECK(descent::rnn_cell_from_name("lstm", cell).empty());
  CHECK(cell == CellKind::kLstm);
  CHECK(descent::rnn_cell_from_name("tcn", cell) ==
        "cell must be one of rnn, lstm, gru, got 'tcn'");
}

TEST_CASE("rnn session: the same seed gives the same run however the steps are sliced", "[rnn]") {
  for (CellKind cell : {CellKind::kRnn, CellKind::kLstm, CellKind::kGru}) {
    RnnConfig config = config_of(RnnTask::kAdding, cell, 12);
    config.truncation = 4;
    config.clip_norm = 0.5;
    RnnSession whole(config), sliced(config);
    CHECK(whole.train(20) == 20);
    CHECK(whole.logged_losses().size() == 20);
    std::vector<double> losses;
    for (int slice : {3, 7, 10}) {
      sliced.clear_log();
      CHECK(sliced.train(slice) == slice);
      losses.insert(losses.end(), sliced.logged_losses().begin(), sliced.logged_losses().end());
    }
    CHECK(losses == whole.logged_losses());
    CHECK(sliced.parameters() == whole.parameters());
    CHECK(sliced.steps() == 20);
    CHECK(evaluated(whole).loss == evaluated(sliced).loss);
  }
}

TEST_CASE("rnn session: each task learns, and the metric has its baseline", "[rnn]") {
  struct Case {
    RnnTask task;
    int length, steps;
    const char* metric;
    double baseline;
  };
  for (const Case& c : {Case{RnnTask::kSine, 20, 300, "mse", -1.0},
                        Case{RnnTask::kAdding, 10, 600, "mse", 1.0 / 6.0},
                        Case{RnnTask::kParity, 6, 600, "accuracy", 0.5},
                        Case{RnnTask::kCopy, 3, 600, "accuracy", 0.25}}) {
    RnnConfig config = config_of(c.task, CellKind::kLstm, c.length);
    config.hidden_size = 16;
    RnnSession session(config);
    const descent::RnnEvaluation before = evaluated(session);
    session.train(c.steps);
    const descent::RnnEvaluation after = evaluated(session);
    INFO(descent::rnn_task_info(c.task).id << ": " << before.value << " → " << after.value
                                           << ", baseline " << after.baseline);
    CHECK(std::string(after.metric) == c.metric);
    if (c.baseline >= 0) CHECK(after.baseline == Approx(c.baseline));
    CHECK(after.loss < before.loss);
    if (after.metric == std::string("mse")) {
      CHECK(after.value == after.loss);
      CHECK(after.value < after.baseline);
    } else {
      CHECK(after.value > after.baseline + 0.2);
    }
  }
}

TEST_CASE("rnn evaluation: sliced over calls, at the weights it started with", "[rnn]") {
  RnnSession session(config_of(RnnTask::kParity, CellKind::kGru, 6));
  RnnSession twin(config_of(RnnTask::kParity, CellKind::kGru, 6));
  CHECK(session.last_evaluation().steps == -1);
  session.train(10);
  twin.train(10);
  CHECK_FALSE(session.evaluate(100));
  session.train(5);  // training goes on; the evaluation keeps the weights of step 10
  CHECK_FALSE(session.evaluate(100));
  CHECK(session.evaluate(100));
  const descent::RnnEvaluation whole = evaluated(twin);
  CHECK(session.last_evaluation().steps == 10);
  CHECK(session.last_evaluation().value == whole.value);
  // Float means of 100-sequence slices against one of all 256: the same to float rounding.
  CHECK(session.last_evaluation().loss == Approx(whole.loss).epsilon(1e-6));
  CHECK(evaluated(session).steps == 15);
}

TEST_CASE("rnn inspection: one test sequence unrolled, per cell", "[rnn]") {
  for (CellKind cell : {CellKind::kRnn, CellKind::kLstm, CellKind::kGru}) {
    RnnSession session(config_of(RnnTask::kCopy, cell, 4));
    session.train(5);
    const descent::RnnInspection r = session.inspect(7);
    const int gates = cell == CellKind::kRnn ? 0 : cell == CellKind::kLstm ? 4 : 3;
    CHECK(r.time == 9);
    CHECK(r.input_size == 1);
    CHECK(r.output_time == 9);
    CHECK(r.output_size == 4);
    CHECK(r.target_size == 1);
    CHECK(r.gate_count == gates);
    CHECK(descent::rnn_gate_names(cell).size() == static_cast<std::size_t>(gates));
    CHECK(r.inputs.size() == 9);
    CHECK(r.inputs[4] == 4.0f);  // the delimiter
    CHECK(r.targets.size() == 9);
    CHECK(r.mask == std::vector<float>{0, 0, 0, 0, 0, 1, 1, 1, 1});
    CHECK(r.outputs.size() == 36);
    for (int t = 0; t < 9; ++t) {
      double sum = 0;
      for (int k = 0; k < 4; ++k) sum += r.outputs[static_cast<std::size_t>(t * 4 + k)];
      CHECK(sum == Approx(1.0).epsilon(1e-5));
    }
    CHECK(r.hidden_states.size() == 9 * 8);
    CHECK(r.cell_states.size() == (cell == CellKind::kLstm ? 9u * 8 : 0u));
    CHECK(r.gates.size() == static_cast<std::size_t>(9 * 8 * gates));
    for (float g : r.gates) CHECK((g >= -1.0f && g <= 1.0f));
    REQUIRE(r.hidden_gradient_norms.size() == 9);
    for (double n : r.hidden_gradient_norms) CHECK(n > 0.0);
    CHECK(std::isfinite(r.loss));
    // The session's own training is untouched by an inspection.
    RnnSession twin(config_of(RnnTask::kCopy, cell, 4));
    twin.train(5);
    session.clear_log();
    twin.clear_log();
    session.train(3);
    twin.train(3);
    CHECK(session.logged_losses() == twin.logged_losses());
  }
  RnnSession session(config_of(RnnTask::kCopy, CellKind::kLstm, 2));
  CHECK_THROWS_AS(session.inspect(-1), std::out_of_range);
  CHECK_THROWS_AS(session.inspect(session.test_count()), std::out_of_range);
}

TEST_CASE("rnn inspection: truncation cuts ‖∂L/∂h_t‖ of the adding problem's last-step loss",
          "[rnn]") {
  RnnConfig config = config_of(RnnTask::kAdding, CellKind::kLstm, 12);
  config.truncation = 5;
  RnnSession session(config);
  session.train(3);
  const descent::RnnInspection r = session.inspect(0);
  REQUIRE(r.hidden_gradient_norms.size() == 12);
  CHECK(r.output_time == 1);
  CHECK(r.input_size == 2);
  CHECK(r.cell_states.size() == 12u * 8);
  for (int t = 0; t < 7; ++t) CHECK(r.hidden_gradient_norms[static_cast<std::size_t>(t)] == 0.0);
  for (int t = 7; t < 12; ++t) CHECK(r.hidden_gradient_norms[static_cast<std::size_t>(t)] > 0.0);
}

TEST_CASE("rnn session: a diverging run stops with its step, the weights at the last finite one",
          "[rnn]") {
  RnnConfig config = config_of(RnnTask::kSine, CellKind::kRnn, 30);
  config.optimizer.id = "sgd";
  config.learning_rate = 10.0;
  config.hidden_size = 64;
  RnnSession session(config);
  const int trained = session.train(2000);
  if (!session.diverged()) {
    WARN("no divergence at lr 10 within 2000 steps: nothing to check");
    return;
  }
  CHECK(trained == session.diverged_step() - 1);
  CHECK(session.steps() == trained);
  REQUIRE(session.logged_losses().size() == static_cast<std::size_t>(trained + 1));
  CHECK(session.stop_reason().rfind("diverged at step " + std::to_string(trained + 1) + ": ", 0) ==
        0);
  CHECK(session.parameters().allFinite());
  CHECK(session.train(5) == 0);
}

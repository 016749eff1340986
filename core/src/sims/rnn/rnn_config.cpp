#include "descent/sims/rnn/rnn_config.hpp"

#include <cmath>

#include "descent/data/adding_problem.hpp"
#include "descent/data/parity_sequence.hpp"
#include "descent/data/sine_sequence.hpp"
#include "descent/data/token_copy.hpp"
#include "descent/math/cold_code.hpp"
#include "descent/math/messages.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent {

namespace {

std::string out_of_range(const std::string& what, int value, int low, int high) {
  return what + " must be in [" + std::to_string(low) + ", " + std::to_string(high) + "], got " +
         std::to_string(value);
}

}  // namespace

const std::vector<RnnTaskInfo>& rnn_task_catalog() {
  static const std::vector<RnnTaskInfo> tasks = {
      {RnnTask::kSine, "sine", "Noisy sine: predict the next value",
       "Each sequence is a sine of its own frequency and phase plus noise; at every step the "
       "network predicts the next value.",
       "mse", "repeating the last value", 2, 200, 30},
      {RnnTask::kAdding, "adding", "Adding problem",
       "Random values, two of them marked; at the end the network must output the sum of the "
       "two marked values — it has to carry the first one across the sequence.",
       "mse", "always predicting 1, MSE 1/6", 2, 200, 20},
      {RnnTask::kParity, "parity", "Running parity of bits",
       "A random bit sequence; at every step the network outputs the XOR of the bits so far.",
       "accuracy", "chance, 50 %", 1, 200, 10},
      {RnnTask::kCopy, "copy", "Copy a token sequence",
       "The network reads L symbols (4 kinds), a delimiter and L blanks, and must write the "
       "symbols back in order while it reads the blanks.",
       "accuracy", "chance, 25 %", 1, 50, 5},
  };
  return tasks;
}

const RnnTaskInfo& rnn_task_info(RnnTask task) {
  for (const RnnTaskInfo& info : rnn_task_catalog()) {
    if (info.task == task) return info;
  }
  return rnn_task_catalog().front();
}

std::string rnn_task_from_name(const std::string& name, RnnTask& task) {
  std::string ids;
  for (const RnnTaskInfo& info : rnn_task_catalog()) {
    if (name == info.id) {
      task = info.task;
      return "";
    }
    ids += std::string(ids.empty() ? "" : ", ") + info.id;
  }
  return "task must be one of " + ids + ", got " + quote_value(name);
}

std::string rnn_cell_from_name(const std::string& name, nn::CellKind& cell) {
  for (nn::CellKind kind : {nn::CellKind::kRnn, nn::CellKind::kLstm, nn::CellKind::kGru}) {
    if (name == nn::cell_name(kind)) {
      cell = kind;
      return "";
    }
  }
  return "cell must be one of rnn, lstm, gru, got " + quote_value(name);
}

std::string validate_rnn_config(const RnnConfig& config) {
  const RnnTaskInfo& task = rnn_task_info(config.task);
  if (config.hidden_size < 1 || config.hidden_size > kMaxRnnHiddenSize) {
    return out_of_range("hidden size", config.hidden_size, 1, kMaxRnnHiddenSize);
  }
  if (config.sequence_length < task.min_length || config.sequence_length > task.max_length) {
    return out_of_range(std::string("sequence length of the ") + task.id + " task",
                        config.sequence_length, task.min_length, task.max_length);
  }
  if (config.truncation < 0 || config.truncation > kMaxRnnTruncation) {
    return out_of_range("truncation", config.truncation, 0, kMaxRnnTruncation);
  }
  if (auto m = validate_optimizer_settings(config.optimizer); !m.empty()) return m;
  if (!std::isfinite(config.learning_rate) || config.learning_rate <= 0.0 ||
      config.learning_rate > 10.0) {
    return "learning rate must be in (0, 10], got " + format_number(config.learning_rate);
  }
  if (!std::isfinite(config.clip_norm) || config.clip_norm < 0.0) {
    return "clip norm must be ≥ 0 (0: no clipping), got " + format_number(config.clip_norm);
  }
  if (config.batch_size < 1 || config.batch_size > kMaxRnnBatchSize) {
    return out_of_range("batch size", config.batch_size, 1, kMaxRnnBatchSize);
  }
  if (rnn_step_work(config) > kMaxRnnStepWork) {
    return "too big to train live: batch × steps × gates·hidden × (input + hidden) is " +
           format_number(std::round(rnn_step_work(config) / 1e5) / 10) +
           " M multiply-adds a step, at most " + format_number(kMaxRnnStepWork / 1e6) +
           " M — lower the batch, the length or the hidden size";
  }
  return "";
}

double rnn_step_work(const RnnConfig& config) {
  const nn::SequenceNetworkConfig network = rnn_network_config(config);
  const double input = network.vocabulary > 0 ? network.embedding_size : network.input_size;
  return static_cast<double>(config.batch_size) * rnn_time_steps(config) *
         nn::cell_gate_count(config.cell) * config.hidden_size * (input + config.hidden_size);
}

int rnn_time_steps(const RnnConfig& config) {
  return config.task == RnnTask::kCopy ? 2 * config.sequence_length + 1 : config.sequence_length;
}

nn::SequenceNetworkConfig rnn_network_config(const RnnConfig& config) {
  nn::SequenceNetworkConfig network;
  network.cell = config.cell;
  network.hidden_size = config.hidden_size;
  network.truncation = config.truncation;
  if (config.cell == nn::CellKind::kLstm) network.forget_gate_bias = kRnnForgetGateBias;
  network.seed = config.seed;
  switch (config.task) {
    case RnnTask::kSine:
      break;  // the defaults: 1 value in, 1 out at every step, MSE
    case RnnTask::kAdding:
      network.input_size = 2;
      network.head = nn::SequenceHead::kLastStep;
      break;
    case RnnTask::kParity:
      network.output_size = 2;
      network.loss = nn::SequenceLossKind::kCrossEntropy;
      break;
    case RnnTask::kCopy:
      network.vocabulary = kRnnCopyVocabulary + 2;
      network.embedding_size = kRnnEmbeddingSize;
      network.output_size = kRnnCopyVocabulary;
      network.loss = nn::SequenceLossKind::kCrossEntropy;
      break;
  }
  return network;
}

SequenceDataset make_rnn_task_data(const RnnConfig& config, int count, Rng& rng) {
  const int length = config.sequence_length;
  switch (config.task) {
    case RnnTask::kSine:
      return make_sine_sequences({count, length, 1, kRnnSineNoise}, rng);
    case RnnTask::kAdding:
      return make_adding_problem({count, length}, rng);
    case RnnTask::kParity:
      return make_parity_sequences({count, length, true}, rng);
    case RnnTask::kCopy:
      return make_token_copy({count, length, kRnnCopyVocabulary, false}, rng);
  }
  return {};
}

}  // namespace descent

DESCENT_END_COLD_CODE

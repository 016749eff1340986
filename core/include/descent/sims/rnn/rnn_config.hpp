#pragma once
// What the recurrent-network widget trains (<descent-rnn>): one recurrent cell (vanilla RNN, LSTM
// or GRU; nn/recurrent_layer.hpp) with a linear head on one of four procedural, seeded tasks, with
// BPTT full or truncated, an optimizer at a constant learning rate and optional gradient-norm
// clipping. The tasks (data/*.hpp), with what "sequence length" means for each:
//
//   sine     next-step prediction of a noisy sine (one frequency and phase per sequence, noise
//            0.05): a prediction at every step, MSE. Length: the steps read. Baseline: repeating
//            the last value (x̂_{t+1} = x_t), its MSE on the test set.
//   adding   the adding problem: the sum of the two marked values, one prediction at the last
//            step, MSE. Length: the steps read. Baseline: always 1, MSE 1/6.
//   parity   running parity of a bit sequence: the XOR of the bits so far at every step, 2
//            classes, cross-entropy. Length: the bits read. Baseline: chance, 50 %.
//   copy     copy 4-symbol tokens: read L symbols, a delimiter and L blanks, write the symbols back
//            while reading the blanks (an 8-dimensional embedding of the 6 token ids first), 4
//            classes, cross-entropy on the last L steps. Length: L, so 2L + 1 steps are read.
//            Baseline: chance, 25 %.
//
// An LSTM's forget-gate bias starts at 1 (Jozefowicz et al. 2015); the head's weights are Xavier
// uniform, its bias 0; the recurrent weights torch's U[±1/√hidden).
#include <cstdint>
#include <string>
#include <vector>

#include "descent/data/sequence_dataset.hpp"
#include "descent/nn/recurrent_step.hpp"
#include "descent/nn/sequence_network.hpp"
#include "descent/optim/optimizer_catalog.hpp"

namespace descent {

enum class RnnTask { kSine, kAdding, kParity, kCopy };

constexpr int kMaxRnnHiddenSize = 128;
constexpr int kMaxRnnBatchSize = 256;
constexpr int kMaxRnnTruncation = kMaxSequenceLength;  // any k ≥ the length is full BPTT
constexpr int kRnnTrainCount = 2048;                   // training sequences, drawn once
constexpr int kRnnTestCount = 256;                     // test sequences, drawn once
constexpr int kMaxRnnStepsPerCall = 10000;             // RnnSession::train's steps per call
constexpr int kRnnCopyVocabulary = 4;
constexpr int kRnnEmbeddingSize = 8;
constexpr double kRnnForgetGateBias = 1.0;
// The most multiply-adds the recurrent products of one training step's forward pass may take
// (rnn_step_work): about 25 ms a step with its backward pass in WebAssembly on a laptop, so a frame
// that trains one step still stays under 50 ms. LSTM, 64 units, 100 steps, batch 32 is 35 M.
constexpr double kMaxRnnStepWork = 40e6;
constexpr double kRnnSineNoise = 0.05;

// A task as the widget lists it: its id ("sine", "adding", "parity", "copy"), words for people,
// the metric ("mse" or "accuracy"), what the baseline is, and the sequence lengths it takes.
struct RnnTaskInfo {
  RnnTask task;
  const char* id;
  const char* label;
  const char* summary;
  const char* metric;
  const char* baseline;
  int min_length;
  int max_length;
  int default_length;
};

const std::vector<RnnTaskInfo>& rnn_task_catalog();
const RnnTaskInfo& rnn_task_info(RnnTask task);
// "" and `task` set, or a message listing the ids.
std::string rnn_task_from_name(const std::string& name, RnnTask& task);
// "" and `cell` set for "rnn", "lstm", "gru", or a message listing them.
std::string rnn_cell_from_name(const std::string& name, nn::CellKind& cell);

struct RnnConfig {
  RnnTask task = RnnTask::kAdding;
  nn::CellKind cell = nn::CellKind::kLstm;
  int hidden_size = 16;
  int sequence_length = 20;  // see the table above; in the task's [min_length, max_length]
  int truncation = 0;        // BPTT steps; 0: full
  OptimizerSettings optimizer;
  double learning_rate = 0.01;
  double clip_norm = 0.0;  // > 0: the gradient's L2 norm clipped to it before each step
  int batch_size = 32;
  std::uint64_t seed = 1;
};

// batch × time × gates·hidden × (input + hidden): the forward products' multiply-adds of a step.
double rnn_step_work(const RnnConfig& config);

// "" when valid, else one short message naming the field.
std::string validate_rnn_config(const RnnConfig& config);

// The time steps a sequence of the config's task has (2L + 1 for copy, else the length).
int rnn_time_steps(const RnnConfig& config);

// The network of a valid config: sizes, head and loss of its task.
nn::SequenceNetworkConfig rnn_network_config(const RnnConfig& config);

// `count` sequences of the config's task, drawn from `rng`.
SequenceDataset make_rnn_task_data(const RnnConfig& config, int count, Rng& rng);

}  // namespace descent

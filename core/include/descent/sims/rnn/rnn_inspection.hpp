#pragma once
// One sequence through a recurrent sequence network, step by step (<descent-rnn>'s unrolled view):
// a forward and backward pass on that sequence alone (a batch of 1, training mode — no module of a
// sequence network behaves differently in it), read off the recurrent layer's diagnostics
// (nn/recurrent_layer.hpp): every step's input, hidden state, cell state and gate activations,
// ‖∂L/∂h_t‖ of this sequence's loss (within the truncation window, as training sees it), and
// the predictions — softmax probabilities for a classifier, values otherwise. Matrices are
// row-major flat vectors: row t is step t.
#include <string>
#include <vector>

#include "descent/nn/sequence_network.hpp"

namespace descent {

struct RnnInspection {
  int time = 0;         // steps read
  int input_size = 0;   // values per step (1 token id with an embedding)
  int output_time = 0;  // steps with a prediction (1 with a last-step head, else time)
  int output_size = 0;  // values (mse) or classes (cross-entropy) per prediction
  int target_size = 0;  // values per target step (output_size for mse, 1 class id otherwise)
  int hidden_size = 0;
  int gate_count = 0;                // gates per step: 0 rnn, 4 lstm (i, f, g, o), 3 gru (r, z, n)
  double loss = 0.0;                 // this sequence's loss
  std::vector<float> inputs;         // time × input_size
  std::vector<float> targets;        // output_time × target_size
  std::vector<float> mask;           // output_time of 0/1 (1: the step counts in the loss)
  std::vector<float> outputs;        // output_time × output_size
  std::vector<float> hidden_states;  // time × hidden: h_t
  std::vector<float> cell_states;    // time × hidden: c_t (LSTM only, else empty)
  std::vector<float> gates;          // time × gate_count·hidden, gate g in columns g·hidden…
  std::vector<double> hidden_gradient_norms;  // time: ‖∂L/∂h_t‖
};

// The gate names of a cell in the order of RnnInspection::gates ("input", "forget", "candidate",
// "output" for an LSTM; "reset", "update", "candidate" for a GRU; none for a vanilla RNN).
std::vector<std::string> rnn_gate_names(nn::CellKind cell);

// `network`'s pass over one sequence: inputs 1 × time·input_size, targets 1 × its target columns,
// mask 1 × output_time or empty. Runs loss_and_gradient on `network` (its caches and `gradient`
// are overwritten). Throws std::invalid_argument like SequenceNetwork::loss_and_gradient.
RnnInspection inspect_rnn_sequence(nn::SequenceNetwork<float>& network,
                                   const nn::Matrix<float>& inputs,
                                   const nn::Matrix<float>& targets, const nn::Matrix<float>& mask,
                                   Eigen::VectorXd& gradient);

}  // namespace descent

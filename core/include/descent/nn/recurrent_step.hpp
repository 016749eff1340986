#pragma once
// One time step of a recurrent cell, as the recurrent layer (recurrent_layer.hpp) hands it to the
// vanilla RNN, LSTM and GRU cells (rnn_cell.hpp, lstm_cell.hpp, gru_cell.hpp). The layer does the
// matrix products, the cell the elementwise maths between them:
//
//   input part   a_t = x_t·W_x + b_x       (batch × gates·hidden)
//   hidden part  u_t = h_{t−1}·W_h + b_h   (batch × gates·hidden; just b_h at t = 0, h_{−1} = 0)
//   cell         h_t (and c_t) from a_t, u_t, h_{t−1}, c_{t−1}
//
// Every pointer is the start of a batch × (k·hidden) block of column-major storage (a sequence
// tensor's step t, tensor_shape.hpp), so gate g's batch × hidden slice starts g·hidden·batch
// entries in and the cells work on plain contiguous runs of hidden·batch values.
#include <Eigen/Core>

namespace descent::nn {

enum class CellKind {
  kRnn,   // h_t = tanh(a_t + u_t)
  kLstm,  // gates i, f, g, o; cell state c_t
  kGru,   // gates r, z, n (PyTorch's convention)
};

template <typename Scalar>
struct RecurrentStep {
  Eigen::Index batch;
  Eigen::Index hidden;
  const Scalar* input_part;       // a_t, batch × gates·hidden
  const Scalar* hidden_part;      // u_t, batch × gates·hidden
  const Scalar* previous_hidden;  // h_{t−1}, batch × hidden (zeros at t = 0)
  const Scalar* previous_cell;    // c_{t−1}, batch × hidden (LSTM only; zeros at t = 0)
  Scalar* hidden_state;           // h_t, written by the forward step
  Scalar* cell_state;             // c_t, written by the LSTM's forward step
  Scalar* cache;                  // the cell's activations, batch × cached_width·hidden
};

// The backward step's ∂L/∂ blocks, next to a forward step's RecurrentStep.
template <typename Scalar>
struct RecurrentStepGradient {
  const Scalar* hidden;     // ∂L/∂h_t: from the output at t plus from step t + 1
  Scalar* cell;             // LSTM: in ∂L/∂c_t from step t + 1, out ∂L/∂c_{t−1}
  Scalar* input_part;       // out ∂L/∂a_t (batch × gates·hidden)
  Scalar* hidden_part;      // out ∂L/∂u_t (batch × gates·hidden)
  Scalar* previous_hidden;  // out ∂L/∂h_{t−1} by paths that skip W_h (GRU's z ⊙ h_{t−1})
};

}  // namespace descent::nn

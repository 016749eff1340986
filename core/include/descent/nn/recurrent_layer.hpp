#pragma once
// A recurrent layer on (batch, time, features) tensors: one cell — vanilla RNN (rnn_cell.hpp),
// LSTM (lstm_cell.hpp) or GRU (gru_cell.hpp) — unrolled over the sequence from a zero initial
// state (h_{−1} = c_{−1} = 0), returning every step's hidden state: (batch, time, input) →
// (batch, time, hidden), like torch's nn.RNN / nn.LSTM / nn.GRU with batch_first=True and one
// layer. At step t the layer computes the input part a_t = x_t·W_x + b_x and the hidden part
// u_t = h_{t−1}·W_h + b_h with the dense layer's matrix kernel (matrix_product.hpp: native and
// WebAssembly agree bit for bit) and the cell turns them into h_t (recurrent_step.hpp). The time
// length is read off each input's columns (time = columns / input size), so one layer takes
// sequences of any length.
//
// Storage (tensor_shape.hpp): step t of a sample is columns t·F … t·F + F − 1, so step t of the
// whole batch is one contiguous batch × F block of the column-major matrix; the layer keeps its
// per-step caches (hidden states, LSTM cell states, the cells' gate activations) the same way,
// sized by batch × time and resized only when either changes: a steady training step allocates
// nothing.
//
// Backpropagation through time (BPTT) runs the steps backwards, carrying ∂L/∂h_{t−1} (and, for
// the LSTM, ∂L/∂c_{t−1}) from step t to step t − 1. Truncation k ≥ 1 cuts the sequence into
// windows of k steps counted back from the last one — [T − k, T), [T − 2k, T − k), …, the first
// window possibly shorter — and carries nothing across a window's first step, as if the state
// entering each window were a constant (torch's h.detach() every k steps, aligned to the end).
// So gradients flow through at most k steps of the recurrence: the loss at the last step reaches
// exactly the last k steps, the loss at step t reaches t back to its window's first step. The
// forward pass is unchanged. Truncation 0, or any k ≥ time, is full BPTT.
//
// An encoder–decoder (seq2seq_network.hpp) starts its decoder from the encoder's last state:
// forward_from takes h_{−1} (and the LSTM's c_{−1}) instead of zeros, and the next backward also
// returns ∂L/∂h_{−1}, ∂L/∂c_{−1} (initial_state_gradient) — zero under truncation to k < time,
// which treats the state entering the first window as a constant like every window's. On the
// encoder's side, backward_with_final_cell_gradient adds ∂L/∂c_{T−1} coming from outside.
//
// Parameter blocks (module.hpp), in torch's gate order (LSTM i, f, g, o; GRU r, z, n; columns
// g·hidden … g·hidden + hidden − 1 are gate g's units):
//   0  W_x  input size × gates·hidden   (torch's weight_ih_l0 transposed)
//   1  W_h  hidden × gates·hidden       (weight_hh_l0 transposed)
//   2  b_x  1 × gates·hidden            (bias_ih_l0)
//   3  b_h  1 × gates·hidden            (bias_hh_l0)
// Two biases as in torch, although only their sum matters except for the GRU's candidate n.
// Initialisation is torch's: every entry U[−1/√hidden, 1/√hidden), drawn in that block order,
// row by row; the LSTM's forget-gate bias option then sets b_x's f columns to its value and b_h's
// to 0 (1 is the usual choice, Jozefowicz et al. 2015: remember by default).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "descent/math/rng.hpp"
#include "descent/nn/matrix_product.hpp"
#include "descent/nn/module.hpp"
#include "descent/nn/recurrent_step.hpp"
#include "descent/nn/tensor.hpp"

namespace descent::nn {

struct RecurrentSettings {
  CellKind cell = CellKind::kLstm;
  int input_size = 1;
  int hidden_size = 1;
  int truncation = 0;                      // k steps of BPTT; 0: full
  std::optional<double> forget_gate_bias;  // LSTM only; empty: torch's uniform draw
};

// "rnn", "lstm", "gru".
std::string cell_name(CellKind cell);
// Gates per cell: 1, 4, 3.
int cell_gate_count(CellKind cell);
// "" when valid: sizes ≥ 1, truncation ≥ 0, a forget-gate bias only on an LSTM and finite.
std::string validate_recurrent(const RecurrentSettings& settings);

template <typename Scalar>
class RecurrentLayer : public Module<Scalar> {
 public:
  // Throws std::invalid_argument with validate_recurrent's message when invalid.
  RecurrentLayer(const RecurrentSettings& settings, Rng& rng);

  const RecurrentSettings& settings() const { return settings_; }
  const Matrix<Scalar>& input_weights() const { return input_weights_; }
  const Matrix<Scalar>& hidden_weights() const { return hidden_weights_; }
  const RowVector<Scalar>& input_bias() const { return input_bias_; }
  const RowVector<Scalar>& hidden_bias() const { return hidden_bias_; }
  const Matrix<Scalar>& input_weight_gradient() const { return input_weight_gradient_; }
  const Matrix<Scalar>& hidden_weight_gradient() const { return hidden_weight_gradient_; }
  const RowVector<Scalar>& input_bias_gradient() const { return input_bias_gradient_; }
  const RowVector<Scalar>& hidden_bias_gradient() const { return hidden_bias_gradient_; }

  // Diagnostics of the last forward (states, gates) and backward (gradient norms), for one sample
  // of its batch; each throws std::out_of_range, naming the layer, for a sample outside it.
  int time_steps() const { return time_steps_; }
  // time × hidden: row t is h_t.
  Matrix<Scalar> hidden_states(int sample) const;
  // time × hidden: row t is c_t. Throws std::logic_error unless the cell is an LSTM.
  Matrix<Scalar> cell_states(int sample) const;
  // time × gates·hidden: row t is the gates' activations at step t in the parameter order (LSTM
  // i, f, g, o; GRU r, z, n); a vanilla RNN has no gates (no columns).
  Matrix<Scalar> gate_activations(int sample) const;
  // ‖∂L/∂h_t‖ for t = 0 … time − 1 (Frobenius over the batch × hidden entries): the gradient that
  // reaches step t's hidden state in the last backward — from the output at t and, within the
  // truncation window, from later steps. How much the loss still reaches step t.
  const std::vector<double>& hidden_gradient_norms() const { return hidden_gradient_norms_; }

  std::unique_ptr<Module<Scalar>> clone() const override;
  // "lstm 3→8", with ", truncated to 5 steps" when truncated.
  std::string name() const override;
  TensorShape output_shape(const TensorShape& input) const override;
  Matrix<Scalar> apply(const Matrix<Scalar>& input) const override;
  const Matrix<Scalar>& forward(const Matrix<Scalar>& input, Mode mode, Rng& rng) override;
  const Matrix<Scalar>& output() const override { return states_.hidden; }
  const Matrix<Scalar>& backward(const Matrix<Scalar>& input,
                                 const Matrix<Scalar>& grad_output) override;

  // forward from h_{−1} = initial_hidden and c_{−1} = initial_cell (batch × hidden each; the cell
  // state only for an LSTM, ignored otherwise) instead of zeros. Both are copied: they may be
  // another layer's final_hidden_state(). A plain forward() starts from zeros again.
  const Matrix<Scalar>& forward_from(const Matrix<Scalar>& input,
                                     const ConstMatrixView<Scalar>& initial_hidden,
                                     const ConstMatrixView<Scalar>& initial_cell, Mode mode,
                                     Rng& rng);
  // The last forward's h_{T−1} and (LSTM) c_{T−1}, batch × hidden views into the layer's caches.
  ConstMatrixView<Scalar> final_hidden_state() const;
  ConstMatrixView<Scalar> final_cell_state() const;
  // ∂L/∂h_{−1}, ∂L/∂c_{−1} of the last backward after forward_from (batch × hidden; zero without
  // an initial state, under truncation, and for a non-LSTM's cell).
  const Matrix<Scalar>& initial_hidden_gradient() const { return initial_hidden_gradient_; }
  const Matrix<Scalar>& initial_cell_gradient() const { return initial_cell_gradient_; }
  // backward with ∂L/∂c_{T−1} (batch × hidden) arriving from outside the layer: an LSTM encoder
  // whose last cell state started a decoder. Any other cell ignores it.
  const Matrix<Scalar>& backward_with_final_cell_gradient(
      const Matrix<Scalar>& input, const Matrix<Scalar>& grad_output,
      const Matrix<Scalar>& final_cell_gradient);
  // Skips ∂L/∂input (the products ∂L/∂a_t·W_xᵀ): a first layer's input is data.
  void accumulate_parameter_gradients(const Matrix<Scalar>& input,
                                      const Matrix<Scalar>& grad_output) override;
  void zero_gradients() override;
  int parameter_block_count() const override { return 4; }
  ParameterBlock<Scalar> parameter_block(int index) override;
  std::optional<GradientNorms> gradient_norms() const override;

 private:
  // What a forward writes: every step's h_t, c_t (LSTM) and cell cache, plus one step's a_t, u_t.
  struct States {
    Matrix<Scalar> hidden;          // batch × time·hidden (the output)
    Matrix<Scalar> cell;            // batch × time·hidden (LSTM)
    Matrix<Scalar> cache;           // batch × time·cached_width·hidden
    Matrix<Scalar> input_part;      // batch × gates·hidden
    Matrix<Scalar> hidden_part;     // batch × gates·hidden
    Matrix<Scalar> initial_hidden;  // batch × hidden: h_{−1} (zeros unless forward_from)
    Matrix<Scalar> initial_cell;    // batch × hidden: c_{−1}
    bool from_initial_state = false;
  };
  int gates() const { return cell_gate_count(settings_.cell); }
  int time_of(const Matrix<Scalar>& input) const;
  void require_sample(int sample) const;
  template <typename Cell>
  void run_forward(const Matrix<Scalar>& input, States& states) const;
  void forward_by_cell(const Matrix<Scalar>& input);
  template <typename Cell>
  void run_backward(const Matrix<Scalar>& input, const Matrix<Scalar>& grad_output,
                    bool input_gradient, const Scalar* final_cell_gradient);
  void backward_by_cell(const Matrix<Scalar>& input, const Matrix<Scalar>& grad_output,
                        bool input_gradient, const Scalar* final_cell_gradient = nullptr);

  RecurrentSettings settings_;
  Matrix<Scalar> input_weights_;
  Matrix<Scalar> hidden_weights_;
  RowVector<Scalar> input_bias_;
  RowVector<Scalar> hidden_bias_;
  Matrix<Scalar> input_weight_gradient_;
  Matrix<Scalar> hidden_weight_gradient_;
  RowVector<Scalar> input_bias_gradient_;
  RowVector<Scalar> hidden_bias_gradient_;
  States states_;
  int time_steps_ = 0;
  // backward's working storage: ∂L/∂h_t, ∂L/∂c_t, the carry to step t − 1, one step's ∂L/∂a_t and
  // ∂L/∂u_t, x_tᵀ and h_{t−1}ᵀ (the kernel reads its left operand column-major), ∂L/∂input.
  Matrix<Scalar> grad_hidden_;
  Matrix<Scalar> grad_cell_;
  Matrix<Scalar> grad_carry_;
  Matrix<Scalar> grad_input_part_;
  Matrix<Scalar> grad_hidden_part_;
  Matrix<Scalar> transposed_input_;
  Matrix<Scalar> transposed_hidden_;
  Matrix<Scalar> grad_input_;
  Matrix<Scalar> initial_hidden_gradient_;
  Matrix<Scalar> initial_cell_gradient_;
  std::vector<double> hidden_gradient_norms_;
};

extern template class RecurrentLayer<float>;
extern template class RecurrentLayer<double>;

}  // namespace descent::nn

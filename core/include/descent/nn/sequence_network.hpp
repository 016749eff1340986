#pragma once
// A trainable sequence model: [embedding] → recurrent layer → head → sequence loss, with a flat θ
// and its gradient like Network's (network.hpp), so the optimizers (optim/) train it the same way:
// θ ← optimizer.step(θ, loss_and_gradient(…)).
//
//   inputs  raw: (batch, time, input_size) values; with a vocabulary: (batch, time, 1) token ids,
//           embedded into embedding_size values per step (embedding.hpp)
//   body    one RecurrentLayer (RNN / LSTM / GRU, BPTT full or truncated: recurrent_layer.hpp)
//   head    every step: TimeDistributedDense hidden → output_size, one prediction per step
//           (batch, time, output_size) — tagging, next-step prediction, copy/reverse;
//           last step: LastStep then a DenseLayer, one prediction per sequence (batch,
//           output_size), the time = 1 case of the loss — classification, the adding problem
//   loss    sequence_loss.hpp on the head's output: per-step cross-entropy over output_size
//           classes (the head is linear: it gives logits) or per-step MSE, with an optional
//           batch × output-time 0/1 mask, the mean over unmasked steps
//
// Why its own class rather than new LayerKinds in NetworkConfig: Network's config, validation and
// diagnostics are about per-sample feature and image layers, and its loss takes targets of the
// predictions' shape (loss.hpp); a sequence model has a fixed three-stage shape, integer per-step
// targets and a mask, and a time length that varies per batch. Sharing the Module contract, the
// parameter-block plumbing and the optimizers keeps this class small; widening Network would have
// put sequence cases into every one of its checks.
//
// Flat parameter order: the modules' blocks in order (module.hpp) — the embedding's table
// (vocabulary × embedding_size) if any, the recurrent layer's W_x, W_h, b_x, b_h, then the head's
// W (hidden × output_size) and b. Module m's initial values come from Rng(derive_seed(seed, m)),
// m = 0 embedding, 1 recurrent, 2 head, so adding the embedding leaves the others unchanged. The
// head's weights use `initializer`, its bias starts at 0; the recurrent layer uses torch's
// initialisation (recurrent_layer.hpp), the embedding N(0, 1).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "descent/math/rng.hpp"
#include "descent/nn/initializer.hpp"
#include "descent/nn/recurrent_layer.hpp"
#include "descent/nn/sequence_loss.hpp"
#include "descent/nn/sequential.hpp"
#include "descent/nn/tensor.hpp"

namespace descent::nn {

enum class SequenceHead {
  kEveryStep,  // TimeDistributedDense: (batch, time, output_size)
  kLastStep,   // LastStep + DenseLayer: (batch, output_size)
};

struct SequenceNetworkConfig {
  int input_size = 1;      // values per step (raw inputs; 1 with a vocabulary: the id)
  int vocabulary = 0;      // > 0: inputs are token ids in [0, vocabulary), embedded first
  int embedding_size = 8;  // with a vocabulary: the embedding's dimension
  CellKind cell = CellKind::kLstm;
  int hidden_size = 16;
  int truncation = 0;                      // BPTT steps; 0: full
  std::optional<double> forget_gate_bias;  // LSTM only
  int output_size = 1;                     // classes (cross_entropy, ≥ 2) or values per step
  SequenceHead head = SequenceHead::kEveryStep;
  SequenceLossKind loss = SequenceLossKind::kMse;
  Initializer initializer;  // the head's weights
  std::uint64_t seed = 0;
};

// "" when valid, otherwise a message naming the field: sizes in [1, kMaxLayerWidth] (network.hpp),
// input_size 1 with a vocabulary, the recurrent settings valid (validate_recurrent), output_size
// ≥ 2 for cross_entropy, the initializer valid.
std::string validate_sequence_network_config(const SequenceNetworkConfig& config);

template <typename Scalar>
class SequenceNetwork {
 public:
  // Throws std::invalid_argument with validate_sequence_network_config's message when invalid.
  explicit SequenceNetwork(const SequenceNetworkConfig& config);
  // Copies are deep (their own modules and caches).
  SequenceNetwork(const SequenceNetwork& other);
  SequenceNetwork& operator=(const SequenceNetwork& other);

  const SequenceNetworkConfig& config() const { return config_; }
  const Sequential<Scalar>& modules() const { return modules_; }
  // The recurrent layer, for its per-step diagnostics (states, gates, ‖∂L/∂h_t‖) after a pass.
  const RecurrentLayer<Scalar>& recurrent() const { return *recurrent_; }

  int parameter_count() const { return parameter_count_; }
  Vector<Scalar> get_parameters() const;
  // Throws std::invalid_argument unless parameters has parameter_count() entries; Source double
  // takes the trainer's θ without a copy.
  template <typename Source>
  void set_parameters(const Vector<Source>& parameters);

  // The time length of a batch of inputs (columns / input values per step); throws
  // std::invalid_argument for an empty batch or columns that are not a multiple of it.
  int input_time(const Matrix<Scalar>& inputs) const;
  // The time length of the predictions for it: input_time, or 1 with a last-step head. The
  // targets and mask of a batch are laid out for this time (sequence_loss.hpp).
  int output_time(const Matrix<Scalar>& inputs) const;

  // Evaluation-mode predictions (logits for cross_entropy) for a batch: batch × output_time ·
  // output_size.
  Matrix<Scalar> predict(const Matrix<Scalar>& inputs) const;
  // The loss of predict's output (the mask may be empty: every step counts).
  Scalar loss(const Matrix<Scalar>& inputs, const Matrix<Scalar>& targets,
              const Matrix<Scalar>& mask) const;
  // Forward and backward in training mode: returns the loss and writes ∂loss/∂θ in the flat order
  // into `gradient` (its storage reused: a steady training step allocates nothing). Throws
  // std::invalid_argument like input_time and sequence_loss_value.
  template <typename GradientScalar>
  Scalar loss_and_gradient(const Matrix<Scalar>& inputs, const Matrix<Scalar>& targets,
                           const Matrix<Scalar>& mask, Vector<GradientScalar>& gradient);

 private:
  void index_modules();

  SequenceNetworkConfig config_;
  Sequential<Scalar> modules_;
  RecurrentLayer<Scalar>* recurrent_ = nullptr;
  std::vector<ParameterBlock<Scalar>> parameter_blocks_;
  Rng rng_;  // forward's Rng (no module here draws from it)
  Matrix<Scalar> loss_gradient_;
  int parameter_count_ = 0;
};

extern template class SequenceNetwork<float>;
extern template class SequenceNetwork<double>;

}  // namespace descent::nn

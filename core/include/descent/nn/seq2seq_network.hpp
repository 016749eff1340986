#pragma once
// An encoder–decoder (Sutskever et al. 2014; Cho et al. 2014) with optional attention (Bahdanau
// et al. 2015, Luong et al. 2015), trainable like SequenceNetwork (sequence_network.hpp): a flat
// θ, loss_and_gradient, and the optimizers of optim/.
//
//   source  (batch, T_s) token ids → embedding → encoder (RNN / LSTM / GRU, recurrent_layer.hpp)
//           → encoder states m_0 … m_{T_s−1}
//   target  teacher forcing: the decoder reads a start token then the targets y_0 … y_{T_d−2}
//           (ids in [0, target_classes), the start token is id target_classes) → embedding →
//           decoder (same cell and hidden size), starting from the encoder's last state (h and,
//           for an LSTM, c) → decoder states s_0 … s_{T_d−1}
//   attend  none, or attention over the encoder states with s_t as the query (additive or dot /
//           general: additive_attention.hpp, dot_product_attention.hpp) → contexts c_t
//   head    Luong's variant, not Bahdanau's: the context is computed from the decoder's current
//           state s_t after the recurrence (so the decoder runs as one recurrent layer and its
//           steps stay on the SIMD kernel) and the head reads [s_t; c_t] — a time-distributed
//           dense layer 2·hidden → target_classes (hidden → target_classes without attention);
//           Luong's extra tanh layer and input feeding are left out
//   loss    per-step cross-entropy over the target classes with a batch × T_d mask
//           (sequence_loss.hpp): the mean over unmasked steps
//
// Padding: the source mask only tells attention which steps are padding (they get weight
// exactly 0); the encoder reads every step, so put a source's padding at its front — its last
// state then follows its last real token — as the date task does (data/date_translation.hpp).
// Targets are padded at the end and masked out of the loss.
//
// Flat parameter order (module.hpp's blocks): source embedding (source_vocabulary × embedding),
// encoder W_x, W_h, b_x, b_h, target embedding ((target_classes + 1) × embedding), decoder's four,
// the attention's (none; general W; additive W_q, W_k, v), the head's W and b. Module m draws its
// initial values from Rng(derive_seed(seed, m)), m = 0 … 5 in that order.
//
// A steady training step allocates nothing: every module and the network keep their buffers.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "descent/math/rng.hpp"
#include "descent/nn/attention.hpp"
#include "descent/nn/embedding.hpp"
#include "descent/nn/initializer.hpp"
#include "descent/nn/recurrent_layer.hpp"
#include "descent/nn/tensor.hpp"
#include "descent/nn/time_distributed_dense.hpp"

namespace descent::nn {

enum class AttentionKind {
  kNone,      // the fixed-context bottleneck: the decoder only has the encoder's last state
  kAdditive,  // Bahdanau: vᵀ tanh(W_q s_t + W_k m_s)
  kDot,       // Luong: s_tᵀ m_s
  kGeneral,   // Luong: s_tᵀ W m_s
};

// "none", "additive", "dot", "general".
const char* attention_kind_name(AttentionKind kind);

struct Seq2SeqConfig {
  int source_vocabulary = 8;  // source ids in [0, source_vocabulary)
  int target_classes = 8;     // target ids in [0, target_classes); ≥ 2
  int embedding_size = 8;     // both embeddings
  CellKind cell = CellKind::kGru;
  int hidden_size = 32;                    // encoder and decoder
  std::optional<double> forget_gate_bias;  // LSTM only
  AttentionKind attention = AttentionKind::kAdditive;
  int attention_width = 0;  // additive attention's hidden units; 0: hidden_size
  Initializer initializer;  // the head's weights
  std::uint64_t seed = 0;
};

// "" when valid, otherwise a message naming the field: sizes in [1, kMaxLayerWidth]
// (network.hpp), target_classes ≥ 2, attention_width ≥ 0, the recurrent settings valid
// (validate_recurrent), the initializer valid.
std::string validate_seq2seq_config(const Seq2SeqConfig& config);

template <typename Scalar>
class Seq2SeqNetwork {
 public:
  // Throws std::invalid_argument with validate_seq2seq_config's message when invalid.
  explicit Seq2SeqNetwork(const Seq2SeqConfig& config);
  // Copies are deep.
  Seq2SeqNetwork(const Seq2SeqNetwork& other);
  Seq2SeqNetwork& operator=(const Seq2SeqNetwork& other);

  const Seq2SeqConfig& config() const { return config_; }
  // The encoder and decoder, for their per-step diagnostics after a pass; the attention (null
  // without), for its alignment.
  const RecurrentLayer<Scalar>& encoder() const { return encoder_; }
  const RecurrentLayer<Scalar>& decoder() const { return decoder_; }
  const Attention<Scalar>* attention() const { return attention_.get(); }
  // The decoder's start token: target_classes.
  int start_token() const { return config_.target_classes; }

  int parameter_count() const { return parameter_count_; }
  Vector<Scalar> get_parameters() const;
  // Throws std::invalid_argument unless parameters has parameter_count() entries.
  template <typename Source>
  void set_parameters(const Vector<Source>& parameters);

  // Teacher-forced logits (batch × T_d·target_classes) for a batch: sources batch × T_s ids,
  // targets batch × T_d ids, the source mask batch × T_s of 0/1 or empty. Runs the modules'
  // forward in evaluation mode (their caches change; nothing else does). Throws
  // std::invalid_argument for mismatched shapes, invalid ids or an invalid mask.
  const Matrix<Scalar>& teacher_forced_logits(const Matrix<Scalar>& sources,
                                              const Matrix<Scalar>& targets,
                                              const Matrix<Scalar>& source_mask);
  // The masked mean cross-entropy of those logits (the target mask batch × T_d or empty).
  Scalar loss(const Matrix<Scalar>& sources, const Matrix<Scalar>& targets,
              const Matrix<Scalar>& source_mask, const Matrix<Scalar>& target_mask);
  // Forward and backward: returns the loss and writes ∂loss/∂θ in the flat order into `gradient`
  // (its storage reused). Throws like teacher_forced_logits and sequence_loss_value.
  template <typename GradientScalar>
  Scalar loss_and_gradient(const Matrix<Scalar>& sources, const Matrix<Scalar>& targets,
                           const Matrix<Scalar>& source_mask, const Matrix<Scalar>& target_mask,
                           Vector<GradientScalar>& gradient);

  // Inference without teacher forcing: the decoder reads its own previous argmax (the start token
  // first) for `steps` steps. tokens batch × steps; alignment batch × steps·T_s, (n, t, s) in
  // column t·T_s + s (empty without attention). Throws std::invalid_argument for steps outside
  // [1, kMaxSequenceLength] and like teacher_forced_logits.
  struct Decoding {
    Matrix<Scalar> tokens;
    Matrix<Scalar> alignment;
  };
  Decoding greedy_decode(const Matrix<Scalar>& sources, const Matrix<Scalar>& source_mask,
                         int steps);

 private:
  void index_parameters();
  void require_batch(const Matrix<Scalar>& sources, const Matrix<Scalar>& targets) const;
  // Encoder forward; the attention's memory set to its states.
  void encode(const Matrix<Scalar>& sources, const Matrix<Scalar>& source_mask);
  // Decoder (from `initial_hidden`, `initial_cell`), attention and head forward on embedded ids.
  const Matrix<Scalar>& decode_steps(const Matrix<Scalar>& decoder_inputs,
                                     const ConstMatrixView<Scalar>& initial_hidden,
                                     const ConstMatrixView<Scalar>& initial_cell);

  Seq2SeqConfig config_;
  Embedding<Scalar> source_embedding_;
  RecurrentLayer<Scalar> encoder_;
  Embedding<Scalar> target_embedding_;
  RecurrentLayer<Scalar> decoder_;
  std::unique_ptr<Attention<Scalar>> attention_;  // null: no attention
  TimeDistributedDense<Scalar> head_;
  std::vector<ParameterBlock<Scalar>> parameter_blocks_;
  int parameter_count_ = 0;
  Rng rng_;  // the modules' forward Rng (none of them draws from it)
  // Working storage: the decoder's inputs (start token, shifted targets), the head's input
  // [s_t; c_t], the loss gradient, ∂L/∂ decoder and encoder states, ∂L/∂ contexts.
  Matrix<Scalar> decoder_inputs_;
  Matrix<Scalar> head_input_;
  Matrix<Scalar> loss_gradient_;
  Matrix<Scalar> grad_decoded_;
  Matrix<Scalar> grad_encoded_;
  Matrix<Scalar> grad_context_;
};

extern template class Seq2SeqNetwork<float>;
extern template class Seq2SeqNetwork<double>;

}  // namespace descent::nn

#include "descent/nn/seq2seq_network.hpp"

#include <algorithm>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "descent/data/sequence_dataset.hpp"
#include "descent/nn/additive_attention.hpp"
#include "descent/nn/attention_softmax.hpp"
#include "descent/nn/dot_product_attention.hpp"
#include "descent/nn/network.hpp"
#include "descent/nn/sequence_loss.hpp"

namespace descent::nn {
namespace {

enum ModuleStream : std::uint64_t {
  kSourceEmbedding,
  kEncoder,
  kTargetEmbedding,
  kDecoder,
  kAttention,
  kHead,
};

Rng module_rng(const Seq2SeqConfig& config, ModuleStream stream) {
  return Rng(derive_seed(config.seed, stream));
}

RecurrentSettings recurrent_settings(const Seq2SeqConfig& config) {
  const std::optional<double> bias =
      config.cell == CellKind::kLstm ? config.forget_gate_bias : std::nullopt;
  return RecurrentSettings{config.cell, config.embedding_size, config.hidden_size, 0, bias};
}

const Seq2SeqConfig& validated(const Seq2SeqConfig& config) {
  const std::string message = validate_seq2seq_config(config);
  if (!message.empty()) throw std::invalid_argument(message);
  return config;
}

template <typename Scalar>
Embedding<Scalar> make_embedding(const Seq2SeqConfig& config, int vocabulary, ModuleStream stream) {
  Rng rng = module_rng(config, stream);
  return Embedding<Scalar>(vocabulary, config.embedding_size, rng);
}

template <typename Scalar>
RecurrentLayer<Scalar> make_recurrent(const Seq2SeqConfig& config, ModuleStream stream) {
  Rng rng = module_rng(config, stream);
  return RecurrentLayer<Scalar>(recurrent_settings(config), rng);
}

template <typename Scalar>
std::unique_ptr<Attention<Scalar>> make_attention(const Seq2SeqConfig& config) {
  Rng rng = module_rng(config, kAttention);
  const int hidden = config.hidden_size;
  switch (config.attention) {
    case AttentionKind::kNone:
      return nullptr;
    case AttentionKind::kAdditive:
      return std::make_unique<AdditiveAttention<Scalar>>(
          hidden, hidden, config.attention_width > 0 ? config.attention_width : hidden, rng);
    case AttentionKind::kDot:
      return std::make_unique<DotProductAttention<Scalar>>(hidden);
    case AttentionKind::kGeneral:
      return std::make_unique<DotProductAttention<Scalar>>(hidden, hidden, rng);
  }
  return nullptr;
}

template <typename Scalar>
TimeDistributedDense<Scalar> make_head(const Seq2SeqConfig& config) {
  Rng rng = module_rng(config, kHead);
  const int fan_in = (config.attention == AttentionKind::kNone ? 1 : 2) * config.hidden_size;
  return TimeDistributedDense<Scalar>(fan_in, config.target_classes, config.initializer, rng);
}

std::string check_size(const char* field, int value, int minimum = 1) {
  if (value >= minimum && value <= kMaxLayerWidth) return "";
  return std::string("seq2seq: ") + field + " must be in [" + std::to_string(minimum) + ", " +
         std::to_string(kMaxLayerWidth) + "], got " + std::to_string(value);
}

// Step t of [s_t; c_t] is the batch × hidden block of s_t, then that of c_t (tensor_shape.hpp).
template <typename Scalar>
void join_steps(const Matrix<Scalar>& states, const Matrix<Scalar>& contexts, Eigen::Index hidden,
                Matrix<Scalar>& joined) {
  const Eigen::Index block = states.rows() * hidden, steps = states.cols() / hidden;
  joined.resize(states.rows(), 2 * states.cols());
  for (Eigen::Index t = 0; t < steps; ++t) {
    std::copy_n(states.data() + t * block, block, joined.data() + 2 * t * block);
    std::copy_n(contexts.data() + t * block, block, joined.data() + (2 * t + 1) * block);
  }
}

template <typename Scalar>
void split_steps(const Matrix<Scalar>& joined, Eigen::Index hidden, Matrix<Scalar>& states,
                 Matrix<Scalar>& contexts) {
  const Eigen::Index block = joined.rows() * hidden, steps = joined.cols() / (2 * hidden);
  states.resize(joined.rows(), steps * hidden);
  contexts.resize(joined.rows(), steps * hidden);
  for (Eigen::Index t = 0; t < steps; ++t) {
    std::copy_n(joined.data() + 2 * t * block, block, states.data() + t * block);
    std::copy_n(joined.data() + (2 * t + 1) * block, block, contexts.data() + t * block);
  }
}

}  // namespace

const char* attention_kind_name(AttentionKind kind) {
  switch (kind) {
    case AttentionKind::kNone:
      return "none";
    case AttentionKind::kAdditive:
      return "additive";
    case AttentionKind::kDot:
      return "dot";
    case AttentionKind::kGeneral:
      return "general";
  }
  return "attention";
}

std::string validate_seq2seq_config(const Seq2SeqConfig& config) {
  for (const auto& [field, value, minimum] :
       {std::tuple{"source_vocabulary", config.source_vocabulary, 1},
        std::tuple{"target_classes", config.target_classes, 2},
        std::tuple{"embedding_size", config.embedding_size, 1},
        std::tuple{"hidden_size", config.hidden_size, 1},
        std::tuple{"attention_width", config.attention_width, 0}}) {
    std::string message = check_size(field, value, minimum);
    if (!message.empty()) return message;
  }
  std::string message = validate_recurrent(RecurrentSettings{
      config.cell, config.embedding_size, config.hidden_size, 0, config.forget_gate_bias});
  if (!message.empty()) return "seq2seq: " + message;
  message = validate_initializer(config.initializer);
  if (!message.empty()) return "seq2seq: " + message;
  return "";
}

template <typename Scalar>
Seq2SeqNetwork<Scalar>::Seq2SeqNetwork(const Seq2SeqConfig& config)
    : config_(validated(config)),
      source_embedding_(make_embedding<Scalar>(config, config.source_vocabulary, kSourceEmbedding)),
      encoder_(make_recurrent<Scalar>(config, kEncoder)),
      target_embedding_(
          make_embedding<Scalar>(config, config.target_classes + 1, kTargetEmbedding)),
      decoder_(make_recurrent<Scalar>(config, kDecoder)),
      attention_(make_attention<Scalar>(config)),
      head_(make_head<Scalar>(config)),
      rng_(config.seed) {
  index_parameters();
}

template <typename Scalar>
Seq2SeqNetwork<Scalar>::Seq2SeqNetwork(const Seq2SeqNetwork& other)
    : config_(other.config_),
      source_embedding_(other.source_embedding_),
      encoder_(other.encoder_),
      target_embedding_(other.target_embedding_),
      decoder_(other.decoder_),
      head_(other.head_),
      rng_(other.rng_) {
  if (other.attention_) {
    attention_.reset(static_cast<Attention<Scalar>*>(other.attention_->clone().release()));
  }
  index_parameters();
}

template <typename Scalar>
Seq2SeqNetwork<Scalar>& Seq2SeqNetwork<Scalar>::operator=(const Seq2SeqNetwork& other) {
  if (this != &other) {
    Seq2SeqNetwork copy(other);
    std::swap(config_, copy.config_);
    std::swap(source_embedding_, copy.source_embedding_);
    std::swap(encoder_, copy.encoder_);
    std::swap(target_embedding_, copy.target_embedding_);
    std::swap(decoder_, copy.decoder_);
    std::swap(attention_, copy.attention_);
    std::swap(head_, copy.head_);
    std::swap(rng_, copy.rng_);
    index_parameters();
  }
  return *this;
}

template <typename Scalar>
void Seq2SeqNetwork<Scalar>::index_parameters() {
  parameter_blocks_.clear();
  Module<Scalar>* modules[] = {&source_embedding_, &encoder_,        &target_embedding_,
                               &decoder_,          attention_.get(), &head_};
  for (Module<Scalar>* module : modules) {
    if (module == nullptr) continue;
    for (const ParameterBlock<Scalar>& block : parameter_blocks(*module)) {
      parameter_blocks_.push_back(block);
    }
  }
  parameter_count_ = 0;
  for (const ParameterBlock<Scalar>& block : parameter_blocks_) {
    parameter_count_ += static_cast<int>(block.rows * block.cols);
  }
}

template <typename Scalar>
Vector<Scalar> Seq2SeqNetwork<Scalar>::get_parameters() const {
  Vector<Scalar> parameters(parameter_count_);
  write_block_values(parameter_blocks_, parameters.data());
  return parameters;
}

template <typename Scalar>
template <typename Source>
void Seq2SeqNetwork<Scalar>::set_parameters(const Vector<Source>& parameters) {
  if (parameters.size() != parameter_count_) {
    throw std::invalid_argument("seq2seq: expected " + std::to_string(parameter_count_) +
                                " parameters, got " + std::to_string(parameters.size()));
  }
  read_blocks(parameter_blocks_, parameters.data());
}

template <typename Scalar>
void Seq2SeqNetwork<Scalar>::require_batch(const Matrix<Scalar>& sources,
                                           const Matrix<Scalar>& targets) const {
  if (sources.rows() < 1 || sources.cols() < 1 || targets.rows() != sources.rows() ||
      targets.cols() < 1) {
    throw std::invalid_argument(
        "seq2seq: sources are " + std::to_string(sources.rows()) + " × " +
        std::to_string(sources.cols()) + " and targets " + std::to_string(targets.rows()) + " × " +
        std::to_string(targets.cols()) +
        ", expected ≥ 1 samples (rows, the same in both) of ≥ 1 steps (columns)");
  }
}

template <typename Scalar>
void Seq2SeqNetwork<Scalar>::encode(const Matrix<Scalar>& sources,
                                    const Matrix<Scalar>& source_mask) {
  if (sources.rows() < 1 || sources.cols() < 1) {
    throw std::invalid_argument("seq2seq: sources are " + std::to_string(sources.rows()) + " × " +
                                std::to_string(sources.cols()) +
                                ", expected ≥ 1 samples (rows) of ≥ 1 steps (columns)");
  }
  const std::string message = check_attention_mask(source_mask, sources.rows(), sources.cols());
  if (!message.empty()) throw std::invalid_argument("seq2seq: " + message);
  const Matrix<Scalar>& embedded = source_embedding_.forward(sources, Mode::kEvaluation, rng_);
  const Matrix<Scalar>& encoded = encoder_.forward(embedded, Mode::kEvaluation, rng_);
  if (attention_) attention_->set_memory(encoded, source_mask);
}

template <typename Scalar>
const Matrix<Scalar>& Seq2SeqNetwork<Scalar>::decode_steps(
    const Matrix<Scalar>& decoder_inputs, const ConstMatrixView<Scalar>& initial_hidden,
    const ConstMatrixView<Scalar>& initial_cell) {
  const Matrix<Scalar>& embedded =
      target_embedding_.forward(decoder_inputs, Mode::kEvaluation, rng_);
  const Matrix<Scalar>& decoded =
      decoder_.forward_from(embedded, initial_hidden, initial_cell, Mode::kEvaluation, rng_);
  if (!attention_) return head_.forward(decoded, Mode::kEvaluation, rng_);
  const Matrix<Scalar>& contexts = attention_->forward(decoded, Mode::kEvaluation, rng_);
  join_steps(decoded, contexts, config_.hidden_size, head_input_);
  return head_.forward(head_input_, Mode::kEvaluation, rng_);
}

template <typename Scalar>
const Matrix<Scalar>& Seq2SeqNetwork<Scalar>::teacher_forced_logits(
    const Matrix<Scalar>& sources, const Matrix<Scalar>& targets,
    const Matrix<Scalar>& source_mask) {
  require_batch(sources, targets);
  encode(sources, source_mask);
  const Eigen::Index steps = targets.cols();
  decoder_inputs_.resize(targets.rows(), steps);
  decoder_inputs_.col(0).setConstant(static_cast<Scalar>(start_token()));
  decoder_inputs_.rightCols(steps - 1) = targets.leftCols(steps - 1);
  // A non-LSTM decoder ignores the initial cell state: any batch × hidden view does.
  const bool lstm = config_.cell == CellKind::kLstm;
  return decode_steps(decoder_inputs_, encoder_.final_hidden_state(),
                      lstm ? encoder_.final_cell_state() : encoder_.final_hidden_state());
}

template <typename Scalar>
Scalar Seq2SeqNetwork<Scalar>::loss(const Matrix<Scalar>& sources, const Matrix<Scalar>& targets,
                                    const Matrix<Scalar>& source_mask,
                                    const Matrix<Scalar>& target_mask) {
  const Matrix<Scalar>& logits = teacher_forced_logits(sources, targets, source_mask);
  return sequence_loss_value(SequenceLossKind::kCrossEntropy, static_cast<int>(targets.cols()),
                             logits, targets, target_mask);
}

template <typename Scalar>
template <typename GradientScalar>
Scalar Seq2SeqNetwork<Scalar>::loss_and_gradient(const Matrix<Scalar>& sources,
                                                 const Matrix<Scalar>& targets,
                                                 const Matrix<Scalar>& source_mask,
                                                 const Matrix<Scalar>& target_mask,
                                                 Vector<GradientScalar>& gradient) {
  const Matrix<Scalar>& logits = teacher_forced_logits(sources, targets, source_mask);
  const Scalar value =
      sequence_loss_and_gradient(SequenceLossKind::kCrossEntropy, static_cast<int>(targets.cols()),
                                 logits, targets, target_mask, loss_gradient_);
  for (Module<Scalar>* module :
       {static_cast<Module<Scalar>*>(&source_embedding_), static_cast<Module<Scalar>*>(&encoder_),
        static_cast<Module<Scalar>*>(&target_embedding_), static_cast<Module<Scalar>*>(&decoder_),
        static_cast<Module<Scalar>*>(&head_)}) {
    module->zero_gradients();
  }
  const Eigen::Index hidden = config_.hidden_size;
  const Matrix<Scalar>& decoded = decoder_.output();
  if (attention_) {
    attention_->zero_gradients();
    split_steps(head_.backward(head_input_, loss_gradient_), hidden, grad_decoded_, grad_context_);
    grad_decoded_ += attention_->backward(decoded, grad_context_);
    grad_encoded_ = attention_->memory_gradient();
  } else {
    grad_decoded_ = head_.backward(decoded, loss_gradient_);
    grad_encoded_.setZero(sources.rows(), sources.cols() * hidden);
  }
  target_embedding_.accumulate_parameter_gradients(
      decoder_inputs_, decoder_.backward(target_embedding_.output(), grad_decoded_));
  // The decoder started from the encoder's last state: its gradient joins the encoder's there.
  grad_encoded_.rightCols(hidden) += decoder_.initial_hidden_gradient();
  source_embedding_.accumulate_parameter_gradients(
      sources, encoder_.backward_with_final_cell_gradient(source_embedding_.output(), grad_encoded_,
                                                          decoder_.initial_cell_gradient()));
  gradient.resize(parameter_count_);
  write_block_gradients(parameter_blocks_, gradient.data());
  return value;
}

template <typename Scalar>
typename Seq2SeqNetwork<Scalar>::Decoding Seq2SeqNetwork<Scalar>::greedy_decode(
    const Matrix<Scalar>& sources, const Matrix<Scalar>& source_mask, int steps) {
  if (steps < 1 || steps > kMaxSequenceLength) {
    throw std::invalid_argument("seq2seq: decoding steps must be in [1, " +
                                std::to_string(kMaxSequenceLength) + "], got " +
                                std::to_string(steps));
  }
  encode(sources, source_mask);
  const Eigen::Index batch = sources.rows(), source_steps = sources.cols();
  const int classes = config_.target_classes;
  const bool lstm = config_.cell == CellKind::kLstm;
  Matrix<Scalar> hidden = encoder_.final_hidden_state();
  Matrix<Scalar> cell = lstm ? Matrix<Scalar>(encoder_.final_cell_state()) : hidden;
  Matrix<Scalar> token = Matrix<Scalar>::Constant(batch, 1, static_cast<Scalar>(start_token()));
  Decoding result{Matrix<Scalar>(batch, steps), Matrix<Scalar>()};
  if (attention_) result.alignment.resize(batch, steps * source_steps);
  // One step at a time from the state the previous step left (inference: allocations allowed).
  for (int t = 0; t < steps; ++t) {
    const Matrix<Scalar>& logits =
        decode_steps(token, ConstMatrixView<Scalar>(hidden.data(), batch, hidden.cols()),
                     ConstMatrixView<Scalar>(cell.data(), batch, cell.cols()));
    hidden = decoder_.final_hidden_state();
    if (lstm) cell = decoder_.final_cell_state();
    if (attention_)
      result.alignment.middleCols(t * source_steps, source_steps) = attention_->alignment();
    for (Eigen::Index n = 0; n < batch; ++n) {
      Eigen::Index best = 0;
      logits.row(n).head(classes).maxCoeff(&best);
      token(n, 0) = result.tokens(n, t) = static_cast<Scalar>(best);
    }
  }
  return result;
}

template class Seq2SeqNetwork<float>;
template class Seq2SeqNetwork<double>;
template void Seq2SeqNetwork<float>::set_parameters(const Vector<float>&);
template void Seq2SeqNetwork<float>::set_parameters(const Vector<double>&);
template void Seq2SeqNetwork<double>::set_parameters(const Vector<double>&);
template float Seq2SeqNetwork<float>::loss_and_gradient(const Matrix<float>&, const Matrix<float>&,
                                                        const Matrix<float>&, const Matrix<float>&,
                                                        Vector<float>&);
template float Seq2SeqNetwork<float>::loss_and_gradient(const Matrix<float>&, const Matrix<float>&,
                                                        const Matrix<float>&, const Matrix<float>&,
                                                        Vector<double>&);
template double Seq2SeqNetwork<double>::loss_and_gradient(const Matrix<double>&,
                                                          const Matrix<double>&,
                                                          const Matrix<double>&,
                                                          const Matrix<double>&, Vector<double>&);

}  // namespace descent::nn

#pragma once
// Attention for an encoder–decoder (Bahdanau et al. 2015, Luong et al. 2015): each decoder step
// t looks up a weighted average of the encoder's states. With queries q_t (the decoder's states,
// the module's input) and a memory of encoder states m_s serving as keys and values:
//
//   e_ts = score(q_t, m_s)                        a subclass: additive_attention.hpp,
//                                                 dot_product_attention.hpp
//   α_ts = softmax over unmasked s of e_ts        padding steps get weight exactly 0
//                                                 (attention_softmax.hpp)
//   c_t  = Σ_s α_ts · m_s                         the context, the module's output
//
// So the module maps queries (batch, T_q, query_size) to contexts (batch, T_q, memory_size) for the
// memory set by set_memory (batch, T_k, memory_size) and its padding mask (batch × T_k of 0/1, or
// empty). The memory is not the module's input because the layer contract has one input tensor:
// backward returns ∂L/∂queries and leaves ∂L/∂memory (through the keys and the values) in
// memory_gradient(). The alignment α — (batch, T_q, T_k), α(n, t, s) in column t·T_k + s — is the
// module's diagnostic: the matrix a widget draws.
//
// Buffers are kept and resized only when a shape changes (module.hpp): a steady training step
// allocates nothing. Subclasses compute the scores and their backward on the same layout.
#include <memory>
#include <string>

#include "descent/nn/module.hpp"
#include "descent/nn/tensor.hpp"

namespace descent::nn {

template <typename Scalar>
class Attention : public Module<Scalar> {
 public:
  int query_size() const { return query_size_; }
  int memory_size() const { return memory_size_; }

  // Copies the memory (batch × T_k·memory_size, T_k ≥ 1) and its mask for the next forward or
  // apply. Throws std::invalid_argument, naming the module, for a wrong shape or an invalid mask
  // (check_attention_mask).
  void set_memory(const Matrix<Scalar>& memory, const Matrix<Scalar>& mask);
  const Matrix<Scalar>& memory() const { return memory_; }
  const Matrix<Scalar>& mask() const { return mask_; }
  int memory_steps() const { return static_cast<int>(memory_.cols() / memory_size_); }

  // The last forward's alignment (batch × T_q·T_k), and one sample's as T_q × T_k (row t: the
  // weights of decoder step t over the encoder steps; throws std::out_of_range outside the batch).
  const Matrix<Scalar>& alignment() const { return workspace_.alignment; }
  Matrix<Scalar> alignment(int sample) const;
  // ∂L/∂memory of the last backward: batch × T_k·memory_size.
  const Matrix<Scalar>& memory_gradient() const { return grad_memory_; }

  TensorShape output_shape(const TensorShape& input) const override;
  Matrix<Scalar> apply(const Matrix<Scalar>& input) const override;
  const Matrix<Scalar>& forward(const Matrix<Scalar>& input, Mode mode, Rng& rng) override;
  const Matrix<Scalar>& output() const override { return workspace_.context; }
  // Throws std::logic_error before any forward, std::invalid_argument for a gradient that is not
  // the last output's shape or an input that is not the last forward's.
  const Matrix<Scalar>& backward(const Matrix<Scalar>& input,
                                 const Matrix<Scalar>& grad_output) override;

 protected:
  // What a forward computes; the score caches are the subclasses'.
  struct Workspace {
    Matrix<Scalar> projected_queries;  // general: q·W; additive: q·W_q (batch × T_q·width)
    Matrix<Scalar> projected_keys;     // additive: m·W_k (batch × T_k·width)
    Matrix<Scalar> activations;        // additive: tanh(q·W_q + m·W_k) (batch × T_q·T_k·width)
    Matrix<Scalar> alignment;          // the scores e, then the weights α (batch × T_q·T_k)
    Matrix<Scalar> context;            // batch × T_q·memory_size
  };

  Attention(int query_size, int memory_size);
  Attention(const Attention&) = default;

  // "kind query→memory", e.g. "additive attention 8→8".
  std::string sizes_name(const char* kind) const;
  // Writes e(n, t, s) into workspace.alignment (batch × T_q·T_k, already sized) and caches what
  // backward_scores needs in the workspace.
  virtual void compute_scores(const Matrix<Scalar>& queries, const Matrix<Scalar>& memory,
                              Eigen::Index query_steps, Workspace& workspace) const = 0;
  // From ∂L/∂e (grad_scores, batch × T_q·T_k): writes ∂L/∂queries into grad_queries (sized,
  // zeroed), adds ∂L/∂memory through the keys into grad_memory, and ∂L/∂θ into the accumulators.
  virtual void backward_scores(const Matrix<Scalar>& queries, const Matrix<Scalar>& grad_scores,
                               Eigen::Index query_steps, Matrix<Scalar>& grad_queries,
                               Matrix<Scalar>& grad_memory) = 0;
  const Workspace& workspace() const { return workspace_; }

 private:
  Eigen::Index query_steps_of(const Matrix<Scalar>& queries) const;
  void attend(const Matrix<Scalar>& queries, Workspace& workspace) const;

  int query_size_;
  int memory_size_;
  Matrix<Scalar> memory_;
  Matrix<Scalar> mask_;
  Workspace workspace_;
  Eigen::Index aligned_memory_steps_ = 0;  // T_k of the last forward
  // backward's working storage: ∂L/∂α then ∂L/∂e, ∂L/∂queries, ∂L/∂memory.
  Matrix<Scalar> grad_alignment_;
  Matrix<Scalar> grad_queries_;
  Matrix<Scalar> grad_memory_;
};

extern template class Attention<float>;
extern template class Attention<double>;

}  // namespace descent::nn

#pragma once
// Bahdanau et al. (2015)'s additive scores for attention (attention.hpp), a one-hidden-layer
// network on each (decoder step, encoder step) pair:
//
//   e_ts = vᵀ tanh(W_q q_t + W_k m_s)     (written q_t·W_q + m_s·W_k in our row-vector layout)
//
// with `width` hidden units (Bahdanau's alignment model size). The projections are computed once
// per step (q·W_q for every t, m·W_k for every s) and tanh on every pair, its values cached for
// backward: with ĝ_ts = ∂L/∂e_ts · v ⊙ (1 − tanh²), ∂L/∂v = Σ ∂L/∂e_ts tanh(·),
// ∂L/∂(q_t·W_q) = Σ_s ĝ_ts, ∂L/∂(m_s·W_k) = Σ_t ĝ_ts, then through the projections.
//
// Parameter blocks (module.hpp), no bias (Bahdanau's score has none): W_q (query_size × width),
// W_k (memory_size × width), v (1 × width); each drawn like torch's nn.Linear weight,
// U[±1/√fan_in) (fan_in: query_size, memory_size, width), in that order.
#include <memory>
#include <string>

#include "descent/math/rng.hpp"
#include "descent/nn/attention.hpp"

namespace descent::nn {

template <typename Scalar>
class AdditiveAttention : public Attention<Scalar> {
 public:
  // Throws std::invalid_argument when a size is < 1.
  AdditiveAttention(int query_size, int memory_size, int width, Rng& rng);

  int width() const { return static_cast<int>(score_vector_.cols()); }
  const Matrix<Scalar>& query_weights() const { return query_weights_; }
  const Matrix<Scalar>& key_weights() const { return key_weights_; }
  const RowVector<Scalar>& score_vector() const { return score_vector_; }

  std::unique_ptr<Module<Scalar>> clone() const override;
  // "additive attention 8→8, width 16".
  std::string name() const override;
  void zero_gradients() override;
  int parameter_block_count() const override { return 3; }
  ParameterBlock<Scalar> parameter_block(int index) override;

 protected:
  using typename Attention<Scalar>::Workspace;
  void compute_scores(const Matrix<Scalar>& queries, const Matrix<Scalar>& memory,
                      Eigen::Index query_steps, Workspace& workspace) const override;
  void backward_scores(const Matrix<Scalar>& queries, const Matrix<Scalar>& grad_scores,
                       Eigen::Index query_steps, Matrix<Scalar>& grad_queries,
                       Matrix<Scalar>& grad_memory) override;

 private:
  Matrix<Scalar> query_weights_;    // W_q
  Matrix<Scalar> key_weights_;      // W_k
  RowVector<Scalar> score_vector_;  // v
  Matrix<Scalar> query_weight_gradient_;
  Matrix<Scalar> key_weight_gradient_;
  RowVector<Scalar> score_vector_gradient_;
  // backward's working storage: ∂L/∂(q·W_q), ∂L/∂(m·W_k), one step transposed.
  Matrix<Scalar> grad_projected_queries_;
  Matrix<Scalar> grad_projected_keys_;
  Matrix<Scalar> transposed_step_;
};

extern template class AdditiveAttention<float>;
extern template class AdditiveAttention<double>;

}  // namespace descent::nn

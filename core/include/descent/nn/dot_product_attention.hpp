#pragma once
// Luong et al. (2015)'s multiplicative scores for attention (attention.hpp):
//
//   dot      e_ts = q_tᵀ m_s        no parameters; queries and memory of the same size
//   general  e_ts = q_tᵀ W m_s      W query_size × memory_size, computed as (q_t·W)·m_s
//
// Unscaled, as Luong's (the transformer's 1/√d came later). Backward: ∂L/∂q_t = Σ_s ∂L/∂e_ts·m_s
// (then ·Wᵀ for general), ∂L/∂m_s += Σ_t ∂L/∂e_ts·(q_t or q_t·W), ∂L/∂W = Σ_t q_tᵀ·∂L/∂(q_t·W).
//
// Parameter blocks (module.hpp): none (dot), or W (general), drawn like torch's nn.Linear
// weight: U[±1/√query_size).
#include <memory>
#include <string>

#include "descent/math/rng.hpp"
#include "descent/nn/attention.hpp"

namespace descent::nn {

template <typename Scalar>
class DotProductAttention : public Attention<Scalar> {
 public:
  // Dot: one size for queries and memory.
  explicit DotProductAttention(int size);
  // General: q_tᵀ W m_s with W drawn from rng.
  DotProductAttention(int query_size, int memory_size, Rng& rng);

  bool general() const { return weights_.size() != 0; }
  const Matrix<Scalar>& weights() const { return weights_; }
  const Matrix<Scalar>& weight_gradient() const { return weight_gradient_; }

  std::unique_ptr<Module<Scalar>> clone() const override;
  // "dot attention 8→8", "general attention 8→6".
  std::string name() const override;
  void zero_gradients() override;
  int parameter_block_count() const override { return general() ? 1 : 0; }
  ParameterBlock<Scalar> parameter_block(int index) override;

 protected:
  using typename Attention<Scalar>::Workspace;
  void compute_scores(const Matrix<Scalar>& queries, const Matrix<Scalar>& memory,
                      Eigen::Index query_steps, Workspace& workspace) const override;
  void backward_scores(const Matrix<Scalar>& queries, const Matrix<Scalar>& grad_scores,
                       Eigen::Index query_steps, Matrix<Scalar>& grad_queries,
                       Matrix<Scalar>& grad_memory) override;

 private:
  Matrix<Scalar> weights_;  // empty for dot
  Matrix<Scalar> weight_gradient_;
  // backward's working storage: ∂L/∂(q·W), one step's queries transposed.
  Matrix<Scalar> grad_projected_;
  Matrix<Scalar> transposed_step_;
};

extern template class DotProductAttention<float>;
extern template class DotProductAttention<double>;

}  // namespace descent::nn

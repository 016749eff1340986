#include "descent/nn/dot_product_attention.hpp"

#include <cmath>

#include "descent/nn/initializer.hpp"
#include "descent/nn/step_projection.hpp"

namespace descent::nn {

template <typename Scalar>
DotProductAttention<Scalar>::DotProductAttention(int size) : Attention<Scalar>(size, size) {}

template <typename Scalar>
DotProductAttention<Scalar>::DotProductAttention(int query_size, int memory_size, Rng& rng)
    : Attention<Scalar>(query_size, memory_size) {
  // torch's nn.Linear weight: U[±1/√fan_in); the uniform initializer's bound is σ√3.
  const Initializer uniform{InitKind::kUniform, 0.0, 1.0 / std::sqrt(3.0 * query_size)};
  weights_ = initialize_weights<Scalar>(uniform, query_size, memory_size, rng);
  weight_gradient_ = Matrix<Scalar>::Zero(query_size, memory_size);
}

template <typename Scalar>
std::unique_ptr<Module<Scalar>> DotProductAttention<Scalar>::clone() const {
  return std::make_unique<DotProductAttention>(*this);
}

template <typename Scalar>
std::string DotProductAttention<Scalar>::name() const {
  return this->sizes_name(general() ? "general" : "dot");
}

template <typename Scalar>
void DotProductAttention<Scalar>::zero_gradients() {
  weight_gradient_.setZero();
}

template <typename Scalar>
ParameterBlock<Scalar> DotProductAttention<Scalar>::parameter_block(int index) {
  if (index == 0 && general()) {
    return {weights_.data(), weight_gradient_.data(), weights_.rows(), weights_.cols()};
  }
  return Module<Scalar>::parameter_block(index);
}

template <typename Scalar>
void DotProductAttention<Scalar>::compute_scores(const Matrix<Scalar>& queries,
                                                 const Matrix<Scalar>& memory,
                                                 Eigen::Index query_steps,
                                                 Workspace& workspace) const {
  const Matrix<Scalar>* projected = &queries;
  if (general()) {
    project_steps(queries, weights_, workspace.projected_queries);
    projected = &workspace.projected_queries;
  }
  const Eigen::Index batch = queries.rows(), width = this->memory_size();
  const Eigen::Index memory_steps = memory.cols() / width;
  workspace.alignment.setZero();
  for (Eigen::Index t = 0; t < query_steps; ++t) {
    for (Eigen::Index s = 0; s < memory_steps; ++s) {
      Scalar* const score = workspace.alignment.data() + (t * memory_steps + s) * batch;
      for (Eigen::Index f = 0; f < width; ++f) {
        const Scalar* const query = projected->data() + (t * width + f) * batch;
        const Scalar* const key = memory.data() + (s * width + f) * batch;
        for (Eigen::Index n = 0; n < batch; ++n) score[n] += query[n] * key[n];
      }
    }
  }
}

template <typename Scalar>
void DotProductAttention<Scalar>::backward_scores(const Matrix<Scalar>& queries,
                                                  const Matrix<Scalar>& grad_scores,
                                                  Eigen::Index query_steps,
                                                  Matrix<Scalar>& grad_queries,
                                                  Matrix<Scalar>& grad_memory) {
  const Matrix<Scalar>& memory = this->memory();
  const Matrix<Scalar>& projected = general() ? this->workspace().projected_queries : queries;
  Matrix<Scalar>& grad_projected = general() ? grad_projected_ : grad_queries;
  const Eigen::Index batch = queries.rows(), width = this->memory_size();
  const Eigen::Index memory_steps = memory.cols() / width;
  if (general()) grad_projected_.setZero(batch, query_steps * width);
  for (Eigen::Index t = 0; t < query_steps; ++t) {
    for (Eigen::Index s = 0; s < memory_steps; ++s) {
      const Scalar* const grad_score = grad_scores.data() + (t * memory_steps + s) * batch;
      for (Eigen::Index f = 0; f < width; ++f) {
        const Scalar* const query = projected.data() + (t * width + f) * batch;
        const Scalar* const key = memory.data() + (s * width + f) * batch;
        Scalar* const grad_query = grad_projected.data() + (t * width + f) * batch;
        Scalar* const grad_key = grad_memory.data() + (s * width + f) * batch;
        for (Eigen::Index n = 0; n < batch; ++n) {
          grad_query[n] += grad_score[n] * key[n];
          grad_key[n] += grad_score[n] * query[n];
        }
      }
    }
  }
  if (general()) {
    project_steps_backward(queries, weights_, grad_projected_, transposed_step_, weight_gradient_,
                           &grad_queries);
  }
}

template class DotProductAttention<float>;
template class DotProductAttention<double>;

}  // namespace descent::nn

#include "descent/nn/additive_attention.hpp"

#include <cmath>
#include <stdexcept>

#include "descent/nn/activation.hpp"
#include "descent/nn/initializer.hpp"
#include "descent/nn/step_projection.hpp"

namespace descent::nn {
namespace {

// torch's nn.Linear weight: U[±1/√fan_in); the uniform initializer's bound is σ√3.
Initializer linear_uniform(int fan_in) {
  return Initializer{InitKind::kUniform, 0.0, 1.0 / std::sqrt(3.0 * fan_in)};
}

}  // namespace

template <typename Scalar>
AdditiveAttention<Scalar>::AdditiveAttention(int query_size, int memory_size, int width, Rng& rng)
    : Attention<Scalar>(query_size, memory_size) {
  if (width < 1) {
    throw std::invalid_argument("additive attention: width must be ≥ 1, got " +
                                std::to_string(width));
  }
  query_weights_ = initialize_weights<Scalar>(linear_uniform(query_size), query_size, width, rng);
  key_weights_ = initialize_weights<Scalar>(linear_uniform(memory_size), memory_size, width, rng);
  score_vector_ = initialize_weights<Scalar>(linear_uniform(width), 1, width, width, 1, rng);
  query_weight_gradient_ = Matrix<Scalar>::Zero(query_size, width);
  key_weight_gradient_ = Matrix<Scalar>::Zero(memory_size, width);
  score_vector_gradient_ = RowVector<Scalar>::Zero(width);
}

template <typename Scalar>
std::unique_ptr<Module<Scalar>> AdditiveAttention<Scalar>::clone() const {
  return std::make_unique<AdditiveAttention>(*this);
}

template <typename Scalar>
std::string AdditiveAttention<Scalar>::name() const {
  return this->sizes_name("additive") + ", width " + std::to_string(width());
}

template <typename Scalar>
void AdditiveAttention<Scalar>::zero_gradients() {
  query_weight_gradient_.setZero();
  key_weight_gradient_.setZero();
  score_vector_gradient_.setZero();
}

template <typename Scalar>
ParameterBlock<Scalar> AdditiveAttention<Scalar>::parameter_block(int index) {
  switch (index) {
    case 0:
      return {query_weights_.data(), query_weight_gradient_.data(), query_weights_.rows(),
              query_weights_.cols()};
    case 1:
      return {key_weights_.data(), key_weight_gradient_.data(), key_weights_.rows(),
              key_weights_.cols()};
    case 2:
      return {score_vector_.data(), score_vector_gradient_.data(), 1, score_vector_.cols()};
    default:
      return Module<Scalar>::parameter_block(index);
  }
}

template <typename Scalar>
void AdditiveAttention<Scalar>::compute_scores(const Matrix<Scalar>& queries,
                                               const Matrix<Scalar>& memory,
                                               Eigen::Index query_steps,
                                               Workspace& workspace) const {
  project_steps(queries, query_weights_, workspace.projected_queries);
  project_steps(memory, key_weights_, workspace.projected_keys);
  const Eigen::Index batch = queries.rows(), width = this->width();
  const Eigen::Index memory_steps = memory.cols() / this->memory_size();
  const Eigen::Index pair_size = batch * width;  // one (t, s) pair's batch × width block
  workspace.activations.resize(batch, query_steps * memory_steps * width);
  for (Eigen::Index t = 0; t < query_steps; ++t) {
    const Scalar* const query = workspace.projected_queries.data() + t * pair_size;
    for (Eigen::Index s = 0; s < memory_steps; ++s) {
      const Scalar* const key = workspace.projected_keys.data() + s * pair_size;
      Scalar* const pair = workspace.activations.data() + (t * memory_steps + s) * pair_size;
      for (Eigen::Index k = 0; k < pair_size; ++k) pair[k] = query[k] + key[k];
    }
  }
  // One vectorised tanh over every pair at once.
  tanh_in_place(workspace.activations.data(), workspace.activations.size());
  workspace.alignment.setZero();
  for (Eigen::Index pair_index = 0; pair_index < query_steps * memory_steps; ++pair_index) {
    const Scalar* const pair = workspace.activations.data() + pair_index * pair_size;
    Scalar* const score = workspace.alignment.data() + pair_index * batch;
    for (Eigen::Index a = 0; a < width; ++a) {
      const Scalar weight = score_vector_[a];
      for (Eigen::Index n = 0; n < batch; ++n) score[n] += weight * pair[a * batch + n];
    }
  }
}

template <typename Scalar>
void AdditiveAttention<Scalar>::backward_scores(const Matrix<Scalar>& queries,
                                                const Matrix<Scalar>& grad_scores,
                                                Eigen::Index query_steps,
                                                Matrix<Scalar>& grad_queries,
                                                Matrix<Scalar>& grad_memory) {
  const Workspace& workspace = this->workspace();
  const Matrix<Scalar>& memory = this->memory();
  const Eigen::Index batch = queries.rows(), width = this->width();
  const Eigen::Index memory_steps = memory.cols() / this->memory_size();
  const Eigen::Index pair_size = batch * width;
  grad_projected_queries_.setZero(batch, query_steps * width);
  grad_projected_keys_.setZero(batch, memory_steps * width);
  const Scalar one(1);
  for (Eigen::Index t = 0; t < query_steps; ++t) {
    Scalar* const grad_query = grad_projected_queries_.data() + t * pair_size;
    for (Eigen::Index s = 0; s < memory_steps; ++s) {
      const Eigen::Index pair_index = t * memory_steps + s;
      const Scalar* const pair = workspace.activations.data() + pair_index * pair_size;
      const Scalar* const grad_score = grad_scores.data() + pair_index * batch;
      Scalar* const grad_key = grad_projected_keys_.data() + s * pair_size;
      for (Eigen::Index a = 0; a < width; ++a) {
        const Scalar weight = score_vector_[a];
        Scalar weight_gradient(0);
        for (Eigen::Index n = 0; n < batch; ++n) {
          const Eigen::Index k = a * batch + n;
          weight_gradient += grad_score[n] * pair[k];
          const Scalar grad_sum = grad_score[n] * weight * (one - pair[k] * pair[k]);
          grad_query[k] += grad_sum;
          grad_key[k] += grad_sum;
        }
        score_vector_gradient_[a] += weight_gradient;
      }
    }
  }
  project_steps_backward(queries, query_weights_, grad_projected_queries_, transposed_step_,
                         query_weight_gradient_, &grad_queries);
  project_steps_backward(memory, key_weights_, grad_projected_keys_, transposed_step_,
                         key_weight_gradient_, &grad_memory);
}

template class AdditiveAttention<float>;
template class AdditiveAttention<double>;

}  // namespace descent::nn

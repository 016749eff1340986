#include "descent/nn/attention.hpp"

#include <stdexcept>
#include <string>

#include "descent/nn/attention_softmax.hpp"

namespace descent::nn {

template <typename Scalar>
Attention<Scalar>::Attention(int query_size, int memory_size)
    : query_size_(query_size), memory_size_(memory_size) {
  if (query_size < 1 || memory_size < 1) {
    throw std::invalid_argument("attention: query and memory sizes must be ≥ 1, got " +
                                std::to_string(query_size) + " and " + std::to_string(memory_size));
  }
}

template <typename Scalar>
std::string Attention<Scalar>::sizes_name(const char* kind) const {
  return std::string(kind) + " attention " + std::to_string(query_size_) + "→" +
         std::to_string(memory_size_);
}

template <typename Scalar>
void Attention<Scalar>::set_memory(const Matrix<Scalar>& memory, const Matrix<Scalar>& mask) {
  if (memory.rows() < 1 || memory.cols() < memory_size_ || memory.cols() % memory_size_ != 0) {
    throw std::invalid_argument(this->name() + ": the memory is " + std::to_string(memory.rows()) +
                                " × " + std::to_string(memory.cols()) +
                                ", expected ≥ 1 rows (samples) and encoder steps × " +
                                std::to_string(memory_size_) + " columns");
  }
  const std::string message =
      check_attention_mask(mask, memory.rows(), memory.cols() / memory_size_);
  if (!message.empty()) throw std::invalid_argument(this->name() + ": " + message);
  memory_ = memory;
  mask_ = mask;
}

template <typename Scalar>
Matrix<Scalar> Attention<Scalar>::alignment(int sample) const {
  const Matrix<Scalar>& weights = workspace_.alignment;
  if (sample < 0 || sample >= weights.rows()) {
    throw std::out_of_range(this->name() + ": sample " + std::to_string(sample) +
                            " is outside the last forward's batch of " +
                            std::to_string(weights.rows()));
  }
  const Eigen::Index memory_steps = aligned_memory_steps_;
  const Eigen::Index query_steps = weights.cols() / memory_steps;
  Matrix<Scalar> rows(query_steps, memory_steps);
  for (Eigen::Index t = 0; t < query_steps; ++t) {
    for (Eigen::Index s = 0; s < memory_steps; ++s) {
      rows(t, s) = weights(sample, t * memory_steps + s);
    }
  }
  return rows;
}

template <typename Scalar>
TensorShape Attention<Scalar>::output_shape(const TensorShape& input) const {
  if (input.layout() != TensorLayout::kSequence || input.features() != query_size_) {
    throw std::invalid_argument(shape_mismatch(
        this->name(), input, "(batch, time, features " + std::to_string(query_size_) + ")"));
  }
  return TensorShape::sequence(input.batch(), input.time(), memory_size_);
}

template <typename Scalar>
Eigen::Index Attention<Scalar>::query_steps_of(const Matrix<Scalar>& queries) const {
  if (memory_.size() == 0) {
    throw std::logic_error(this->name() + ": no memory to attend to (set_memory first)");
  }
  if (queries.rows() != memory_.rows() || queries.cols() < query_size_ ||
      queries.cols() % query_size_ != 0) {
    throw std::invalid_argument(
        this->name() + ": the queries are " + std::to_string(queries.rows()) + " × " +
        std::to_string(queries.cols()) + ", expected " + std::to_string(memory_.rows()) +
        " rows (the memory's samples) and "
        "decoder steps × " +
        std::to_string(query_size_) + " columns");
  }
  return queries.cols() / query_size_;
}

template <typename Scalar>
void Attention<Scalar>::attend(const Matrix<Scalar>& queries, Workspace& workspace) const {
  const Eigen::Index query_steps = query_steps_of(queries);
  const Eigen::Index batch = queries.rows(), memory_steps = this->memory_steps();
  const Eigen::Index width = memory_size_;
  workspace.alignment.resize(batch, query_steps * memory_steps);
  compute_scores(queries, memory_, query_steps, workspace);
  masked_softmax_in_place(workspace.alignment, query_steps, memory_steps, mask_);
  // c_t = Σ_s α_ts · m_s, every sum in the order s = 0, 1, … (deterministic on every platform).
  workspace.context.setZero(batch, query_steps * width);
  for (Eigen::Index t = 0; t < query_steps; ++t) {
    for (Eigen::Index s = 0; s < memory_steps; ++s) {
      const Scalar* const alpha = workspace.alignment.data() + (t * memory_steps + s) * batch;
      for (Eigen::Index f = 0; f < width; ++f) {
        const Scalar* const value = memory_.data() + (s * width + f) * batch;
        Scalar* const context = workspace.context.data() + (t * width + f) * batch;
        for (Eigen::Index n = 0; n < batch; ++n) context[n] += alpha[n] * value[n];
      }
    }
  }
}

template <typename Scalar>
Matrix<Scalar> Attention<Scalar>::apply(const Matrix<Scalar>& input) const {
  Workspace workspace;
  attend(input, workspace);
  return workspace.context;
}

template <typename Scalar>
const Matrix<Scalar>& Attention<Scalar>::forward(const Matrix<Scalar>& input, Mode, Rng&) {
  attend(input, workspace_);
  aligned_memory_steps_ = this->memory_steps();
  return workspace_.context;
}

template <typename Scalar>
const Matrix<Scalar>& Attention<Scalar>::backward(const Matrix<Scalar>& input,
                                                  const Matrix<Scalar>& grad_output) {
  if (workspace_.context.size() == 0) {
    throw std::logic_error(this->name() + ": backward() before forward()");
  }
  require_gradient_shape("attention", workspace_.context, grad_output);
  const Eigen::Index batch = input.rows(), memory_steps = aligned_memory_steps_;
  const Eigen::Index width = memory_size_;
  const Eigen::Index query_steps = workspace_.alignment.cols() / memory_steps;
  if (batch != workspace_.context.rows() || input.cols() != query_steps * query_size_ ||
      memory_.cols() != memory_steps * width) {
    throw std::invalid_argument(this->name() +
                                ": backward() needs the last forward()'s queries and memory");
  }
  // Through the values: ∂L/∂α_ts = ∂L/∂c_t · m_s and ∂L/∂m_s += α_ts ∂L/∂c_t.
  grad_alignment_.setZero(batch, query_steps * memory_steps);
  grad_memory_.setZero(batch, memory_steps * width);
  for (Eigen::Index t = 0; t < query_steps; ++t) {
    for (Eigen::Index s = 0; s < memory_steps; ++s) {
      const Scalar* const alpha = workspace_.alignment.data() + (t * memory_steps + s) * batch;
      Scalar* const grad_alpha = grad_alignment_.data() + (t * memory_steps + s) * batch;
      for (Eigen::Index f = 0; f < width; ++f) {
        const Scalar* const value = memory_.data() + (s * width + f) * batch;
        const Scalar* const grad_context = grad_output.data() + (t * width + f) * batch;
        Scalar* const grad_value = grad_memory_.data() + (s * width + f) * batch;
        for (Eigen::Index n = 0; n < batch; ++n) {
          grad_alpha[n] += grad_context[n] * value[n];
          grad_value[n] += alpha[n] * grad_context[n];
        }
      }
    }
  }
  masked_softmax_backward_in_place(workspace_.alignment, grad_alignment_, query_steps,
                                   memory_steps);
  grad_queries_.setZero(batch, input.cols());
  backward_scores(input, grad_alignment_, query_steps, grad_queries_, grad_memory_);
  return grad_queries_;
}

template class Attention<float>;
template class Attention<double>;

}  // namespace descent::nn

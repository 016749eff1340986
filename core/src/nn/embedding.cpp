#include "descent/nn/embedding.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "descent/math/messages.hpp"

namespace descent::nn {
namespace {

std::string sizes_text(int vocabulary_size, int dimension) {
  return std::to_string(vocabulary_size) + "→" + std::to_string(dimension);
}

}  // namespace

template <typename Scalar>
Embedding<Scalar>::Embedding(int vocabulary_size, int dimension, Rng& rng,
                             const Initializer& initializer) {
  if (vocabulary_size < 1 || dimension < 1) {
    throw std::invalid_argument("embedding: vocabulary size and dimension must be ≥ 1, got " +
                                std::to_string(vocabulary_size) + " and " +
                                std::to_string(dimension));
  }
  table_ = initialize_weights<Scalar>(initializer, vocabulary_size, dimension, rng);
  table_gradient_ = Matrix<Scalar>::Zero(vocabulary_size, dimension);
}

template <typename Scalar>
void Embedding<Scalar>::set_table(const Matrix<Scalar>& table) {
  if (table.rows() != table_.rows() || table.cols() != table_.cols()) {
    throw std::invalid_argument(name() + ": the table must be " + std::to_string(table_.rows()) +
                                "×" + std::to_string(table_.cols()) + ", got " +
                                std::to_string(table.rows()) + "×" + std::to_string(table.cols()));
  }
  table_ = table;
}

template <typename Scalar>
std::unique_ptr<Module<Scalar>> Embedding<Scalar>::clone() const {
  return std::make_unique<Embedding>(*this);
}

template <typename Scalar>
std::string Embedding<Scalar>::name() const {
  return "embedding " + sizes_text(vocabulary_size(), dimension());
}

template <typename Scalar>
TensorShape Embedding<Scalar>::output_shape(const TensorShape& input) const {
  if (input.layout() != TensorLayout::kSequence || input.features() != 1) {
    throw std::invalid_argument(shape_mismatch(name(), input, "(batch, time, features 1)"));
  }
  return TensorShape::sequence(input.batch(), input.time(), dimension());
}

template <typename Scalar>
void Embedding<Scalar>::look_up(const Matrix<Scalar>& input, std::vector<int>& tokens,
                                Matrix<Scalar>& output) const {
  const Eigen::Index batch = input.rows(), time = input.cols(), dimension = table_.cols();
  if (time < 1) throw std::invalid_argument(name() + ": input has no time steps");
  tokens.resize(static_cast<std::size_t>(batch * time));
  for (Eigen::Index k = 0; k < batch * time; ++k) {
    const Scalar value = input.data()[k];
    if (!(value >= Scalar(0) && value < Scalar(table_.rows()) && value == std::floor(value))) {
      throw std::invalid_argument(name() + ": token id " + format_number(double(value)) +
                                  " at (sample " + std::to_string(k % batch) + ", step " +
                                  std::to_string(k / batch) + ") is not an integer in [0, " +
                                  std::to_string(table_.rows()) + ")");
    }
    tokens[static_cast<std::size_t>(k)] = static_cast<int>(value);
  }
  output.resize(batch, time * dimension);
  for (Eigen::Index t = 0; t < time; ++t) {
    for (Eigen::Index j = 0; j < dimension; ++j) {
      Scalar* const column = output.data() + (t * dimension + j) * batch;
      for (Eigen::Index n = 0; n < batch; ++n) {
        column[n] = table_(tokens[static_cast<std::size_t>(t * batch + n)], j);
      }
    }
  }
}

template <typename Scalar>
Matrix<Scalar> Embedding<Scalar>::apply(const Matrix<Scalar>& input) const {
  std::vector<int> tokens;
  Matrix<Scalar> output;
  look_up(input, tokens, output);
  return output;
}

template <typename Scalar>
const Matrix<Scalar>& Embedding<Scalar>::forward(const Matrix<Scalar>& input, Mode, Rng&) {
  look_up(input, tokens_, output_);
  return output_;
}

template <typename Scalar>
void Embedding<Scalar>::accumulate_parameter_gradients(const Matrix<Scalar>&,
                                                       const Matrix<Scalar>& grad_output) {
  if (output_.size() == 0) throw std::logic_error(name() + ": backward() before forward()");
  require_gradient_shape("embedding", output_, grad_output);
  const Eigen::Index batch = output_.rows(), dimension = table_.cols();
  const Eigen::Index time = output_.cols() / dimension;
  for (Eigen::Index t = 0; t < time; ++t) {
    for (Eigen::Index j = 0; j < dimension; ++j) {
      const Scalar* const column = grad_output.data() + (t * dimension + j) * batch;
      for (Eigen::Index n = 0; n < batch; ++n) {
        Scalar& entry = table_gradient_(tokens_[static_cast<std::size_t>(t * batch + n)], j);
        entry = entry + column[n];
      }
    }
  }
}

template <typename Scalar>
const Matrix<Scalar>& Embedding<Scalar>::backward(const Matrix<Scalar>& input,
                                                  const Matrix<Scalar>& grad_output) {
  accumulate_parameter_gradients(input, grad_output);
  grad_input_.setZero(output_.rows(), output_.cols() / table_.cols());
  return grad_input_;
}

template <typename Scalar>
ParameterBlock<Scalar> Embedding<Scalar>::parameter_block(int index) {
  if (index == 0) return {table_.data(), table_gradient_.data(), table_.rows(), table_.cols()};
  return Module<Scalar>::parameter_block(index);
}

template class Embedding<float>;
template class Embedding<double>;

}  // namespace descent::nn

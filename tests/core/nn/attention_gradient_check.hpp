#pragma once
// The generic module gradient check (module_gradient_check.hpp) for an attention module, whose
// memory is a second input: a wrapper module takes queries and memory side by side in one input,
// (batch, T_q·query_size + T_k·memory_size) — in storage the two tensors one after the other —
// and returns [∂L/∂queries, ∂L/∂memory], so one check covers both inputs and θ.
#include <memory>
#include <string>

#include "descent/nn/attention.hpp"
#include "module_gradient_check.hpp"

namespace descent::test {

class AttentionWithMemoryInput : public nn::Module<double> {
 public:
  AttentionWithMemoryInput(const nn::Attention<double>& attention, int memory_steps,
                           nn::Matrix<double> mask)
      : attention_(clone_attention(attention)),
        memory_steps_(memory_steps),
        mask_(std::move(mask)) {}
  AttentionWithMemoryInput(const AttentionWithMemoryInput& other)
      : nn::Module<double>(other),
        attention_(clone_attention(*other.attention_)),
        memory_steps_(other.memory_steps_),
        mask_(other.mask_) {}

  // (batch, features T_q·query_size + T_k·memory_size) for T_q query steps.
  nn::TensorShape input_shape(int batch, int query_steps) const {
    return nn::TensorShape::features(batch,
                                     query_steps * attention_->query_size() + memory_columns());
  }

  std::unique_ptr<nn::Module<double>> clone() const override {
    return std::make_unique<AttentionWithMemoryInput>(*this);
  }
  std::string name() const override { return attention_->name() + " with its memory as input"; }
  nn::TensorShape output_shape(const nn::TensorShape& input) const override {
    const int query_steps = query_columns(input.features()) / attention_->query_size();
    return nn::TensorShape::features(input.batch(), query_steps * attention_->memory_size());
  }
  nn::Matrix<double> apply(const nn::Matrix<double>& input) const override {
    AttentionWithMemoryInput copy(*this);
    Rng rng(1);
    return copy.forward(input, nn::Mode::kEvaluation, rng);
  }
  const nn::Matrix<double>& forward(const nn::Matrix<double>& input, nn::Mode mode,
                                    Rng& rng) override {
    split(input);
    attention_->set_memory(memory_, mask_);
    return attention_->forward(queries_, mode, rng);
  }
  const nn::Matrix<double>& output() const override { return attention_->output(); }
  const nn::Matrix<double>& backward(const nn::Matrix<double>& input,
                                     const nn::Matrix<double>& grad_output) override {
    split(input);
    const nn::Matrix<double>& grad_queries = attention_->backward(queries_, grad_output);
    grad_input_.resize(input.rows(), input.cols());
    grad_input_ << grad_queries, attention_->memory_gradient();
    return grad_input_;
  }
  void zero_gradients() override { attention_->zero_gradients(); }
  int child_count() const override { return 1; }
  nn::Module<double>* child(int) override { return attention_.get(); }

 private:
  static std::unique_ptr<nn::Attention<double>> clone_attention(
      const nn::Attention<double>& attention) {
    return std::unique_ptr<nn::Attention<double>>(
        static_cast<nn::Attention<double>*>(attention.clone().release()));
  }
  int memory_columns() const { return memory_steps_ * attention_->memory_size(); }
  int query_columns(int columns) const { return columns - memory_columns(); }
  void split(const nn::Matrix<double>& input) {
    const Eigen::Index queries = query_columns(static_cast<int>(input.cols()));
    queries_ = input.leftCols(queries);
    memory_ = input.rightCols(memory_columns());
  }

  std::unique_ptr<nn::Attention<double>> attention_;
  int memory_steps_;
  nn::Matrix<double> mask_;
  nn::Matrix<double> queries_, memory_, grad_input_;
};

// module_gradient_error of the attention over T_q query steps and a memory of T_k steps.
inline double attention_gradient_error(const nn::Attention<double>& attention, int batch,
                                       int query_steps, int memory_steps,
                                       const nn::Matrix<double>& mask = nn::Matrix<double>()) {
  const AttentionWithMemoryInput joined(attention, memory_steps, mask);
  return module_gradient_error(joined, joined.input_shape(batch, query_steps));
}

}  // namespace descent::test

#pragma once
// A list of modules applied in order, itself a module (torch's nn.Sequential): forward feeds each
// module's output() to the next; backward runs them in reverse, handing each module the output of
// the one before it as its input; the first module of the list only accumulates its parameter
// gradients when the sequence is asked not to compute ∂L/∂input. Its parameters are its modules'
// in order. Copies are deep (clone()).
#include <memory>
#include <string>
#include <vector>

#include "descent/nn/module.hpp"

namespace descent::nn {

template <typename Scalar>
class Sequential : public Module<Scalar> {
 public:
  Sequential() = default;
  Sequential(const Sequential& other);
  Sequential& operator=(const Sequential& other);
  Sequential(Sequential&&) noexcept = default;
  Sequential& operator=(Sequential&&) noexcept = default;

  // Appends a module (not null).
  void add(std::unique_ptr<Module<Scalar>> module);
  int size() const { return static_cast<int>(modules_.size()); }
  Module<Scalar>& at(int index) { return *modules_.at(static_cast<std::size_t>(index)); }
  const Module<Scalar>& at(int index) const {
    return *modules_.at(static_cast<std::size_t>(index));
  }

  // Module. An empty sequence is the identity for apply and output_shape; forward and backward
  // throw std::logic_error on it (there is no buffer to return).
  std::unique_ptr<Module<Scalar>> clone() const override;
  std::string name() const override;  // "sequential(dense 2→8, tanh, …)"
  TensorShape output_shape(const TensorShape& input) const override;
  Matrix<Scalar> apply(const Matrix<Scalar>& input) const override;
  const Matrix<Scalar>& forward(const Matrix<Scalar>& input, Mode mode, Rng& rng) override;
  const Matrix<Scalar>& output() const override;
  const Matrix<Scalar>& backward(const Matrix<Scalar>& input,
                                 const Matrix<Scalar>& grad_output) override;
  void accumulate_parameter_gradients(const Matrix<Scalar>& input,
                                      const Matrix<Scalar>& grad_output) override;
  void zero_gradients() override;
  // accumulate_parameter_gradients for modules first..last only (after a forward pass): the
  // backward pass stops at module `first`, whose input gradient is not computed; the modules
  // before it keep their gradients (0 after zero_gradients). first = 0 is the whole sequence.
  void accumulate_parameter_gradients_from(int first, const Matrix<Scalar>& input,
                                           const Matrix<Scalar>& grad_output);
  int child_count() const override { return size(); }
  Module<Scalar>* child(int index) override { return &at(index); }

 private:
  void require_modules() const;
  // Runs modules last..1 backward from grad_output; returns ∂L/∂(module 0's output).
  const Matrix<Scalar>& backward_to_first(const Matrix<Scalar>& grad_output);

  std::vector<std::unique_ptr<Module<Scalar>>> modules_;
};

extern template class Sequential<float>;
extern template class Sequential<double>;

}  // namespace descent::nn

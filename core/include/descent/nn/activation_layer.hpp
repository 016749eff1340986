#pragma once
// An activation function (activation.hpp) as a module: a = f(x) for any batch tensor, elementwise
// or, for softmax, row by row over each sample. forward caches a; backward gets x back from the
// caller and turns ∂L/∂a into ∂L/∂x with activation_backward, which reads sigmoid's, tanh's and
// ELU's derivative off a. No parameters. Its diagnostics are the statistics of its last output.
#include <memory>
#include <string>

#include "descent/nn/activation.hpp"
#include "descent/nn/module.hpp"

namespace descent::nn {

template <typename Scalar>
class ActivationLayer : public Module<Scalar> {
 public:
  // Throws std::invalid_argument with validate_activation's message when invalid.
  explicit ActivationLayer(const Activation& activation);

  const Activation& activation() const { return activation_; }

  std::unique_ptr<Module<Scalar>> clone() const override;
  std::string name() const override;  // the activation's name, e.g. "tanh"
  TensorShape output_shape(const TensorShape& input) const override { return input; }
  Matrix<Scalar> apply(const Matrix<Scalar>& input) const override;
  const Matrix<Scalar>& forward(const Matrix<Scalar>& input, Mode mode, Rng& rng) override;
  const Matrix<Scalar>& output() const override { return output_; }
  const Matrix<Scalar>& backward(const Matrix<Scalar>& input,
                                 const Matrix<Scalar>& grad_output) override;
  // Of a = f(x) from the last forward; the dead units are the columns.
  std::optional<ActivationStatistics> activation_statistics() const override;

 private:
  Activation activation_;
  Matrix<Scalar> output_;
  Matrix<Scalar> grad_input_;
  bool has_forward_ = false;
};

extern template class ActivationLayer<float>;
extern template class ActivationLayer<double>;

}  // namespace descent::nn

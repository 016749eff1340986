#pragma once
// A residual (skip) block around a module, usually a Sequential (He et al. 2016): y = F(x) + x, so
// the gradient reaching x gets a direct path around F: ∂L/∂x = ∂L/∂x through F + ∂L/∂y. F must map
// its input shape to itself. Its parameters are F's.
#include <memory>
#include <string>

#include "descent/nn/module.hpp"

namespace descent::nn {

template <typename Scalar>
class Residual : public Module<Scalar> {
 public:
  // Throws std::invalid_argument when `inner` is null.
  explicit Residual(std::unique_ptr<Module<Scalar>> inner);
  Residual(const Residual& other);
  Residual& operator=(const Residual& other);

  Module<Scalar>& inner() { return *inner_; }
  const Module<Scalar>& inner() const { return *inner_; }

  std::unique_ptr<Module<Scalar>> clone() const override;
  std::string name() const override;  // "residual(…)"
  // Throws std::invalid_argument unless F's output shape is `input`.
  TensorShape output_shape(const TensorShape& input) const override;
  Matrix<Scalar> apply(const Matrix<Scalar>& input) const override;
  const Matrix<Scalar>& forward(const Matrix<Scalar>& input, Mode mode, Rng& rng) override;
  const Matrix<Scalar>& output() const override { return output_; }
  const Matrix<Scalar>& backward(const Matrix<Scalar>& input,
                                 const Matrix<Scalar>& grad_output) override;
  // F's parameter gradients only: ∂L/∂x is not needed, through F or around it.
  void accumulate_parameter_gradients(const Matrix<Scalar>& input,
                                      const Matrix<Scalar>& grad_output) override;
  void zero_gradients() override { inner_->zero_gradients(); }
  int child_count() const override { return 1; }
  Module<Scalar>* child(int index) override;

 private:
  std::unique_ptr<Module<Scalar>> inner_;
  Matrix<Scalar> output_;      // F(x) + x of the last forward
  Matrix<Scalar> grad_input_;  // ∂L/∂x of the last backward
};

extern template class Residual<float>;
extern template class Residual<double>;

}  // namespace descent::nn

#pragma once
// Flatten (torch's nn.Flatten): any batch tensor → (batch, features), the sample's tensor read
// row-major, e.g. (batch, channels, height, width) → (batch, C·H·W) with feature (c·H + h)·W + w.
// The storage already is that matrix (tensor_shape.hpp), so forward and backward copy values
// unchanged; only the shape changes. No parameters.
#include <memory>
#include <string>

#include "descent/nn/module.hpp"

namespace descent::nn {

template <typename Scalar>
class Flatten : public Module<Scalar> {
 public:
  Flatten() = default;

  std::unique_ptr<Module<Scalar>> clone() const override;
  std::string name() const override;  // "flatten"
  TensorShape output_shape(const TensorShape& input) const override;
  Matrix<Scalar> apply(const Matrix<Scalar>& input) const override { return input; }
  const Matrix<Scalar>& forward(const Matrix<Scalar>& input, Mode mode, Rng& rng) override;
  const Matrix<Scalar>& output() const override { return output_; }
  const Matrix<Scalar>& backward(const Matrix<Scalar>& input,
                                 const Matrix<Scalar>& grad_output) override;

 private:
  Matrix<Scalar> output_;
  Matrix<Scalar> grad_input_;
  bool has_forward_ = false;
};

extern template class Flatten<float>;
extern template class Flatten<double>;

}  // namespace descent::nn

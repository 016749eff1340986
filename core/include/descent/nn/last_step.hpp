#pragma once
// The last step of a sequence (what a sequence classifier reads: torch's output[:, -1, :] after an
// nn.LSTM with batch_first=True): (batch, time, features) → (batch, features), y = x_{T−1}. In
// storage (tensor_shape.hpp) that is the input's last `features` columns, so forward copies that
// block and backward returns ∂L/∂x with ∂L/∂y in those columns and zeros at every earlier step.
// The time length is read off each input's columns (time = columns / features), like the recurrent
// layer's. No parameters.
#include <memory>
#include <string>

#include "descent/nn/module.hpp"

namespace descent::nn {

template <typename Scalar>
class LastStep : public Module<Scalar> {
 public:
  // Throws std::invalid_argument when features < 1.
  explicit LastStep(int features);

  int features() const { return features_; }

  std::unique_ptr<Module<Scalar>> clone() const override;
  std::string name() const override;  // "last step of 8"
  TensorShape output_shape(const TensorShape& input) const override;
  Matrix<Scalar> apply(const Matrix<Scalar>& input) const override;
  const Matrix<Scalar>& forward(const Matrix<Scalar>& input, Mode mode, Rng& rng) override;
  const Matrix<Scalar>& output() const override { return output_; }
  const Matrix<Scalar>& backward(const Matrix<Scalar>& input,
                                 const Matrix<Scalar>& grad_output) override;

 private:
  // Throws std::invalid_argument unless the input's columns are time × features, time ≥ 1.
  void require_columns(const Matrix<Scalar>& input) const;

  int features_;
  Matrix<Scalar> output_;
  Matrix<Scalar> grad_input_;
  bool has_forward_ = false;
};

extern template class LastStep<float>;
extern template class LastStep<double>;

}  // namespace descent::nn

#pragma once
// Inverted dropout on a batch tensor (one row per sample), as torch.nn.Dropout (Srivastava et al.
// 2014): in training mode each value is kept with probability 1 − p and scaled by 1/(1 − p), or
// zeroed, so every value's expectation is unchanged; in evaluation mode the layer is the identity.
// The mask comes from the Rng passed to forward(), so the same seed drops the same units. No
// parameters; the mask and output buffers are kept, so a steady training step allocates nothing.
#include <memory>
#include <string>

#include "descent/math/rng.hpp"
#include "descent/nn/module.hpp"
#include "descent/nn/tensor.hpp"

namespace descent::nn {

// "" when the drop rate p is in [0, 1) (p = 1 would drop everything and divide by 0).
std::string validate_dropout_rate(double rate);

template <typename Scalar>
class Dropout : public Module<Scalar> {
 public:
  // Throws std::invalid_argument with validate_dropout_rate's message when invalid.
  explicit Dropout(double rate);

  double rate() const { return rate_; }

  // Training mode: draws one rng.uniform() per value, row by row, keeps the value when the draw is
  // < 1 − p and returns X ⊙ mask; with p = 0 it draws nothing and returns X. Evaluation mode:
  // returns X and draws nothing. Caches the mask for backward() either way. The Mode overload
  // returns the cached output(), the bool one a copy.
  const Matrix<Scalar>& forward(const Matrix<Scalar>& input, Mode mode, Rng& rng) override;
  Matrix<Scalar> forward(const Matrix<Scalar>& input, bool training, Rng& rng) {
    return forward(input, training ? Mode::kTraining : Mode::kEvaluation, rng);
  }

  // ∂L/∂X = ∂L/∂Y ⊙ mask of the last forward() (valid until the next backward()). Throws
  // std::logic_error before any forward() and std::invalid_argument when grad_output's shape
  // differs from the last batch's.
  const Matrix<Scalar>& backward(const Matrix<Scalar>& grad_output);

  // The last forward()'s multipliers: 0 where a value was dropped, 1/(1 − p) where it was kept
  // (all 1 in evaluation mode or with p = 0); empty before the first forward().
  const Matrix<Scalar>& mask() const { return mask_; }

  // Module (any shape: the mask is per value).
  std::unique_ptr<Module<Scalar>> clone() const override;
  std::string name() const override;
  TensorShape output_shape(const TensorShape& input) const override { return input; }
  // Evaluation mode: X itself.
  Matrix<Scalar> apply(const Matrix<Scalar>& input) const override { return input; }
  const Matrix<Scalar>& output() const override { return output_; }
  const Matrix<Scalar>& backward(const Matrix<Scalar>&,
                                 const Matrix<Scalar>& grad_output) override {
    return backward(grad_output);
  }

 private:
  double rate_;
  Matrix<Scalar> mask_;
  Matrix<Scalar> output_;
  Matrix<Scalar> grad_input_;
  bool has_forward_ = false;  // mask_ describes a batch (an empty batch has an empty mask)
};

extern template class Dropout<float>;
extern template class Dropout<double>;

}  // namespace descent::nn

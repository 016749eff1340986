#pragma once
// Batch normalisation over the features (columns) of a mini-batch X (one row per sample), as
// torch.nn.BatchNorm1d (Ioffe & Szegedy 2015): y = γ ⊙ x̂ + β with x̂ = (x − μ) / √(σ² + ε).
//
// Training mode: μ and σ² are the batch's per-feature mean and biased variance, and the running
// statistics move towards the batch's: running ← (1 − momentum)·running + momentum·batch, with the
// unbiased variance (σ²·n/(n − 1)) for the running variance, as torch does. Evaluation mode: μ and
// σ² are the running statistics, and nothing is updated.
//
// forward() caches x̂ and 1/√(σ² + ε) for backward(), which turns ∂L/∂y into ∂L/∂x — in training
// mode through the batch statistics, which depend on every sample — and adds ∂L/∂γ, ∂L/∂β to the
// layer's gradient accumulators. Every buffer is kept in the layer: a steady training step
// allocates nothing.
//
// Flat parameter order (get_parameters, set_parameters, gradient; its parameter blocks as a
// module): γ(0..features), then β(0..features), the order of torch's state_dict (weight, bias). The
// running statistics are not parameters: no optimizer moves them.
#include <memory>
#include <string>

#include "descent/nn/module.hpp"
#include "descent/nn/tensor.hpp"

namespace descent::nn {

constexpr double kDefaultBatchNormEps = 1e-5;
constexpr double kDefaultBatchNormMomentum = 0.1;

// "" when valid: features ≥ 1, eps finite and > 0, momentum in [0, 1].
std::string validate_batch_norm(int features, double eps, double momentum);

// What evaluation mode uses besides γ and β: saved and restored together with the weights.
template <typename Scalar>
struct RunningStatistics {
  RowVector<Scalar> mean;
  RowVector<Scalar> variance;
  int batches_tracked = 0;
};

template <typename Scalar>
class BatchNorm : public Module<Scalar> {
 public:
  // γ = 1, β = 0, running mean 0, running variance 1 (torch's initial state), gradients 0. Throws
  // std::invalid_argument with validate_batch_norm's message when invalid.
  explicit BatchNorm(int features, double eps = kDefaultBatchNormEps,
                     double momentum = kDefaultBatchNormMomentum);

  int features() const { return static_cast<int>(gamma_.cols()); }
  double eps() const { return eps_; }
  double momentum() const { return momentum_; }
  // features γ's plus features β's.
  int parameter_count() const override { return 2 * features(); }

  const RowVector<Scalar>& gamma() const { return gamma_; }  // per-feature scale
  const RowVector<Scalar>& beta() const { return beta_; }    // per-feature shift
  // [γ, β] in the flat order.
  Vector<Scalar> get_parameters() const;
  // Throws std::invalid_argument unless parameters has parameter_count() entries.
  void set_parameters(const Vector<Scalar>& parameters);

  // Per-feature estimates of the data's mean and (unbiased) variance, used in evaluation mode.
  const RowVector<Scalar>& running_mean() const { return running_mean_; }
  const RowVector<Scalar>& running_variance() const { return running_variance_; }
  // Training-mode forward() calls so far, i.e. updates of the running statistics.
  int batches_tracked() const { return batches_tracked_; }
  RunningStatistics<Scalar> running_statistics() const {
    return {running_mean_, running_variance_, batches_tracked_};
  }
  // Throws std::invalid_argument unless mean and variance have features() entries.
  void set_running_statistics(const RunningStatistics<Scalar>& statistics);

  // "" when forward(input, training) would accept the batch: features() columns, at least one row,
  // and in training mode more than one row (the variance of a single sample is 0, so x̂ would be
  // 0 whatever the input; torch raises "Expected more than 1 value per channel when training").
  std::string check_input(const Matrix<Scalar>& input, bool training) const;

  // Evaluation-mode y for the batch, without touching the cache or the running statistics (for
  // predictions between training steps). Throws like forward(input, false).
  Matrix<Scalar> apply(const Matrix<Scalar>& input) const override;

  // y for the batch in the given mode; caches x̂ and 1/√(σ² + ε) for backward() and, in training
  // mode, updates the running statistics. Throws std::invalid_argument with check_input's message.
  // Returns the cached y (output()), or with a bool for the mode a copy of it.
  const Matrix<Scalar>& forward(const Matrix<Scalar>& input, Mode mode);
  Matrix<Scalar> forward(const Matrix<Scalar>& input, bool training) {
    return forward(input, training ? Mode::kTraining : Mode::kEvaluation);
  }

  // Given ∂L/∂y for the batch of the last forward(), adds ∂L/∂γ = Σ_rows ∂L/∂y ⊙ x̂ and
  // ∂L/∂β = Σ_rows ∂L/∂y to the accumulators and returns ∂L/∂x: in training mode, with
  // g = ∂L/∂y ⊙ γ and n rows, (1/√(σ² + ε)) ⊙ (g − mean_rows(g) − x̂ ⊙ mean_rows(g ⊙ x̂)); in
  // evaluation mode, where μ and σ² are constants, g / √(σ² + ε). Throws std::logic_error before
  // any forward() and std::invalid_argument when grad_output's shape differs from the last batch's.
  // Valid until the next backward().
  const Matrix<Scalar>& backward(const Matrix<Scalar>& grad_output);

  // Accumulated ∂L/∂γ, ∂L/∂β (summed over backward() calls since the last zero_gradients()).
  const RowVector<Scalar>& gamma_gradient() const { return gamma_gradient_; }
  const RowVector<Scalar>& beta_gradient() const { return beta_gradient_; }
  // [∂L/∂γ, ∂L/∂β] in the flat order.
  Vector<Scalar> gradient() const;
  void zero_gradients() override;

  // The last forward()'s x̂ (empty before the first).
  const Matrix<Scalar>& normalized() const { return normalized_; }

  // Module: over the features of a (batch, features) tensor; rng is not used, and the input of
  // backward is the one forward cached (as x̂).
  std::unique_ptr<Module<Scalar>> clone() const override;
  std::string name() const override;
  TensorShape output_shape(const TensorShape& input) const override;
  const Matrix<Scalar>& forward(const Matrix<Scalar>& input, Mode mode, Rng&) override {
    return forward(input, mode);
  }
  const Matrix<Scalar>& output() const override { return output_; }
  const Matrix<Scalar>& backward(const Matrix<Scalar>&,
                                 const Matrix<Scalar>& grad_output) override {
    return backward(grad_output);
  }
  int parameter_block_count() const override { return 2; }
  ParameterBlock<Scalar> parameter_block(int index) override;

 private:
  double eps_;
  double momentum_;
  RowVector<Scalar> gamma_;
  RowVector<Scalar> beta_;
  RowVector<Scalar> running_mean_;
  RowVector<Scalar> running_variance_;
  int batches_tracked_ = 0;
  RowVector<Scalar> gamma_gradient_;
  RowVector<Scalar> beta_gradient_;
  Matrix<Scalar> normalized_;        // x̂ of the last forward()
  RowVector<Scalar> inverse_std_;    // 1/√(σ² + ε) of the last forward()
  bool last_pass_training_ = false;  // whether σ² of the last forward() depended on the batch
  // Working storage of forward() and backward(), kept so that steady training allocates nothing.
  RowVector<Scalar> batch_mean_;
  RowVector<Scalar> batch_variance_;
  Matrix<Scalar> output_;
  Eigen::Array<Scalar, Eigen::Dynamic, Eigen::Dynamic> grad_normalized_;  // ∂L/∂x̂
  Eigen::Array<Scalar, 1, Eigen::Dynamic> mean_grad_;
  Eigen::Array<Scalar, 1, Eigen::Dynamic> mean_grad_dot_;
  Eigen::Array<Scalar, Eigen::Dynamic, Eigen::Dynamic> centered_;
  Matrix<Scalar> grad_input_;
};

extern template class BatchNorm<float>;
extern template class BatchNorm<double>;

}  // namespace descent::nn

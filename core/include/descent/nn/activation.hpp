#pragma once
// Activation functions applied to a mini-batch of pre-activations z (one row per sample), their
// backward pass (gradient wrt z given the gradient wrt the output a), and the local derivative
// f'(z) of the elementwise ones (for the "product of local derivatives" lessons: σ'(0) = 0.25).
// Formulas and conventions at kinks follow torch.nn.functional.
#include <cmath>
#include <string>
#include <vector>

#include "descent/nn/tensor.hpp"

namespace descent::nn {

enum class ActivationKind {
  kLinear,     // z
  kSigmoid,    // 1 / (1 + e^−z)
  kTanh,       // tanh z
  kRelu,       // max(z, 0); derivative 0 at z = 0
  kLeakyRelu,  // z if z > 0 else αz; derivative α at z = 0
  kElu,        // z if z > 0 else α(e^z − 1)
  kGelu,   // z·Φ(z) = z·(1 + erf(z/√2))/2, the exact form (torch's default, not the tanh one)
  kSwish,  // z·σ(z), also called SiLU
  kSoftmax,  // row-wise e^zⱼ / Σₖ e^zₖ: not elementwise, each row becomes a distribution
};

struct Activation {
  ActivationKind kind = ActivationKind::kLinear;
  // Leaky ReLU: the slope for z < 0 (default 0.01). ELU: α, the value approached as z → −∞ is −α
  // (default 1.0). Ignored by the other kinds.
  double alpha = 0.0;

  Activation() = default;
  // Implicit so an ActivationKind can be passed wherever an Activation is expected; alpha takes
  // the kind's default (one field serves two kinds with different defaults).
  Activation(ActivationKind kind);  // NOLINT(google-explicit-constructor)
  Activation(ActivationKind kind, double alpha);
};

// The kind's default α: 0.01 for leaky ReLU, 1.0 for ELU, 0 for the others.
double default_activation_alpha(ActivationKind kind);

// Names: linear, sigmoid, tanh, relu, leaky_relu, elu, gelu, swish, softmax (in the enum's order).
const std::vector<std::string>& activation_names();
std::string activation_name(ActivationKind kind);

// Parses a name (also "silu" for swish). On success sets `activation` to that kind with its default
// α and returns ""; otherwise leaves it unchanged and returns a message listing the valid names.
std::string activation_from_name(const std::string& name, Activation& activation);

// "" when valid; leaky ReLU needs α in [0, 1], ELU a finite α ≥ 0.
std::string validate_activation(const Activation& activation);

// True for every kind except softmax, whose outputs each depend on the whole row.
bool is_elementwise(ActivationKind kind);

// σ(z) = 1/(1 + e^−z) for one value, from e = e^−|z| ∈ (0, 1] so that nothing overflows:
// 1/(1 + e) for z ≥ 0, e/(1 + e) otherwise. The sigmoid and swish activations and the
// cross-entropy-from-logits losses all use it (as unaryExpr, which needs no temporaries).
template <typename Scalar>
Scalar stable_sigmoid(Scalar z) {
  const Scalar decay = std::exp(-std::abs(z));
  const Scalar reciprocal = Scalar(1) / (Scalar(1) + decay);
  return z >= Scalar(0) ? reciprocal : decay * reciprocal;
}

// tanh over `count` contiguous values, in place, exactly as activate computes it (a recurrent
// cell's gates, one time step at a time): the same values natively and in WebAssembly.
void tanh_in_place(float* values, Eigen::Index count);
void tanh_in_place(double* values, Eigen::Index count);

// a = f(z). Sigmoid and softmax are computed without overflow for any finite z (|z| = 1000 is
// fine). Throws std::invalid_argument if the activation is invalid, or for softmax on a batch with
// no columns.
template <typename Scalar>
Matrix<Scalar> activate(const Activation& activation, const Matrix<Scalar>& z);
// The same into `a`, reusing its storage when the shape matches (the training loop's hot path).
// `a` must not alias z.
template <typename Scalar>
void activate(const Activation& activation, const Matrix<Scalar>& z, Matrix<Scalar>& a);

// ∂L/∂z given ∂L/∂a, where a = activate(activation, z) (passed in so that sigmoid, tanh and ELU
// reuse it instead of recomputing exponentials). Elementwise kinds: ∂L/∂a ⊙ f'(z). Softmax, row
// by row, the Jacobian-vector product a ⊙ (g − ⟨g, a⟩). Throws std::invalid_argument if the
// activation is invalid or the three shapes differ.
template <typename Scalar>
Matrix<Scalar> activation_backward(const Activation& activation, const Matrix<Scalar>& z,
                                   const Matrix<Scalar>& a, const Matrix<Scalar>& grad_a);
// The same into `grad_z`, reusing its storage; grad_z must alias none of the inputs.
template <typename Scalar>
void activation_backward(const Activation& activation, const Matrix<Scalar>& z,
                         const Matrix<Scalar>& a, const Matrix<Scalar>& grad_a,
                         Matrix<Scalar>& grad_z);

// f'(z) elementwise. Throws std::invalid_argument for softmax (its derivative is a Jacobian per
// row: use activation_backward) or an invalid activation.
template <typename Scalar>
Matrix<Scalar> activation_derivative(const Activation& activation, const Matrix<Scalar>& z);

}  // namespace descent::nn

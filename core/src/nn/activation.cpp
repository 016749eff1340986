#include "descent/nn/activation.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <type_traits>

#include "descent/math/messages.hpp"

namespace descent::nn {
namespace {

template <typename Scalar>
using Array = Eigen::Array<Scalar, Eigen::Dynamic, Eigen::Dynamic>;

void require_valid(const Activation& activation) {
  // Only leaky ReLU's and ELU's α can be out of range: the other kinds skip building a message
  // (this runs for every layer of every training step).
  if (activation.kind != ActivationKind::kLeakyRelu && activation.kind != ActivationKind::kElu) {
    return;
  }
  const std::string message = validate_activation(activation);
  if (!message.empty()) throw std::invalid_argument(message);
}

// σ applied elementwise, lazily (an expression, so no temporary arrays).
template <typename Derived>
auto sigmoid_of(const Eigen::ArrayBase<Derived>& z) {
  return z.unaryExpr([](typename Derived::Scalar value) { return stable_sigmoid(value); });
}

// Eigen's single-precision tanh (generic_fast_tanh_float: a 13/6 rational approximation on
// [−7.905, 7.905], a few ulp from exact; tanh(x) ≈ x below 0.0004) as a plain loop, which the
// compiler vectorises natively and under WebAssembly SIMD alike — Eigen itself has no WebAssembly
// SIMD path and would run it one value at a time. NaN passes through, so divergence shows.
// Eigen clamps x to ±7.905, where the rational function is exactly ±1; choosing ±1 beyond it gives
// the same values without a min/max, which WebAssembly SIMD's NaN rules make slow on x86. The sign
// is a select, not copysign, which WebAssembly SIMD lacks (LLVM would do it one lane at a time).
inline float tanh_float(float x) {
  constexpr float clamp = 7.90531110763549805f;
  constexpr float alpha_1 = 4.89352455891786e-03f, alpha_3 = 6.37261928875436e-04f,
                  alpha_5 = 1.48572235717979e-05f, alpha_7 = 5.12229709037114e-08f,
                  alpha_9 = -8.60467152213735e-11f, alpha_11 = 2.00018790482477e-13f,
                  alpha_13 = -2.76076847742355e-16f;
  constexpr float beta_0 = 4.89352518554385e-03f, beta_2 = 2.26843463243900e-03f,
                  beta_4 = 1.18534705686654e-04f, beta_6 = 1.19825839466702e-06f;
  const float x2 = x * x;
  float p = x2 * alpha_13 + alpha_11;
  p = x2 * p + alpha_9;
  p = x2 * p + alpha_7;
  p = x2 * p + alpha_5;
  p = x2 * p + alpha_3;
  p = x2 * p + alpha_1;
  p = x * p;
  float q = x2 * beta_6 + beta_4;
  q = x2 * q + beta_2;
  q = x2 * q + beta_0;
  const float magnitude = std::fabs(x);
  return magnitude < 0.0004f ? x : (magnitude > clamp ? (x > 0.0f ? 1.0f : -1.0f) : p / q);
}

void tanh_float(const float* __restrict z, float* __restrict a, Eigen::Index count) {
  for (Eigen::Index i = 0; i < count; ++i) a[i] = tanh_float(z[i]);
}

template <typename Scalar>
void apply_tanh(const Matrix<Scalar>& z, Matrix<Scalar>& a) {
  if constexpr (std::is_same_v<Scalar, float>) {
    a.resize(z.rows(), z.cols());
    tanh_float(z.data(), a.data(), z.size());
  } else {
    a = z.array().tanh().matrix();
  }
}

// a = f(z) entry by entry as a plain loop, which the compiler vectorises where f allows (Eigen's
// own select and max run one value at a time in WebAssembly).
template <typename Scalar, typename Function>
void apply_each(const Matrix<Scalar>& z, Matrix<Scalar>& a, Function f) {
  a.resize(z.rows(), z.cols());
  const Scalar* __restrict in = z.data();
  Scalar* __restrict out = a.data();
  for (Eigen::Index i = 0; i < z.size(); ++i) out[i] = f(in[i]);
}

// Φ(z), the standard normal CDF, which GELU multiplies z by.
template <typename Scalar>
Array<Scalar> normal_cdf(const Array<Scalar>& z) {
  const Scalar inverse_sqrt2 = Scalar(0.70710678118654752440);
  return Scalar(0.5) *
         (Scalar(1) + (z * inverse_sqrt2).unaryExpr([](Scalar x) { return std::erf(x); }));
}

// Row-wise softmax; subtracting each row's maximum first keeps every exponent ≤ 0.
template <typename Scalar>
Matrix<Scalar> softmax_rows(const Matrix<Scalar>& z) {
  if (z.cols() == 0) throw std::invalid_argument("softmax: the batch has no columns");
  const Array<Scalar> exponentials = (z.colwise() - z.rowwise().maxCoeff()).array().exp();
  return (exponentials.colwise() / exponentials.rowwise().sum()).matrix();
}

// out = f(g, x) entry by entry over two same-shaped matrices, as a plain loop (see apply_each).
template <typename Scalar, typename Function>
void combine_each(const Matrix<Scalar>& g, const Matrix<Scalar>& x, Matrix<Scalar>& out,
                  Function f) {
  out.resize(g.rows(), g.cols());
  const Scalar* __restrict g_data = g.data();
  const Scalar* __restrict x_data = x.data();
  Scalar* __restrict out_data = out.data();
  for (Eigen::Index i = 0; i < g.size(); ++i) out_data[i] = f(g_data[i], x_data[i]);
}

// ∂L/∂z = ∂L/∂a ⊙ f'(z) for an elementwise kind, without temporaries (this runs for every layer of
// every training step); sigmoid and tanh read f' off a = f(z), the others use z. The common kinds
// are plain loops (combine_each), the rest Eigen expressions.
template <typename Scalar>
void multiply_by_local_derivative(const Activation& activation, const Matrix<Scalar>& z_values,
                                  const Matrix<Scalar>& a_values, const Matrix<Scalar>& grad_a,
                                  Matrix<Scalar>& grad_z) {
  const auto z = z_values.array();
  const auto g = grad_a.array();
  const Scalar alpha = static_cast<Scalar>(activation.alpha);
  const auto ones = Array<Scalar>::Ones(z.rows(), z.cols());
  switch (activation.kind) {
    case ActivationKind::kLinear:
      grad_z = grad_a;
      return;
    case ActivationKind::kSigmoid:
      combine_each(grad_a, a_values, grad_z,
                   [](Scalar gv, Scalar av) { return gv * (av * (Scalar(1) - av)); });
      return;
    case ActivationKind::kTanh:
      combine_each(grad_a, a_values, grad_z,
                   [](Scalar gv, Scalar av) { return gv * (Scalar(1) - av * av); });
      return;
    case ActivationKind::kRelu:
      combine_each(grad_a, z_values, grad_z, [](Scalar gv, Scalar zv) {
        return gv * (zv > Scalar(0) ? Scalar(1) : Scalar(0));
      });
      return;
    case ActivationKind::kLeakyRelu:
      combine_each(grad_a, z_values, grad_z, [alpha](Scalar gv, Scalar zv) {
        return gv * (zv > Scalar(0) ? Scalar(1) : alpha);
      });
      return;
    case ActivationKind::kElu:
      grad_z = (g * (z > Scalar(0)).select(ones, alpha * z.exp())).matrix();
      return;
    case ActivationKind::kGelu: {
      // Φ(z) + z·φ(z), with φ the standard normal density.
      const Array<Scalar> z_copy = z;
      const Scalar inverse_sqrt_2pi = Scalar(0.39894228040143267794);
      grad_z = (g * (normal_cdf(z_copy) +
                     z_copy * inverse_sqrt_2pi * (Scalar(-0.5) * z_copy.square()).exp()))
                   .matrix();
      return;
    }
    case ActivationKind::kSwish: {
      // d/dz z·σ(z) = σ(z)·(1 + z·(1 − σ(z))), as torch's silu_backward.
      const Array<Scalar> sigmoid = sigmoid_of(z);
      grad_z = (g * (sigmoid * (Scalar(1) + z * (Scalar(1) - sigmoid)))).matrix();
      return;
    }
    case ActivationKind::kSoftmax:
      break;
  }
  throw std::invalid_argument("softmax has no elementwise derivative");
}

}  // namespace

Activation::Activation(ActivationKind kind) : kind(kind), alpha(default_activation_alpha(kind)) {}

Activation::Activation(ActivationKind kind, double alpha) : kind(kind), alpha(alpha) {}

double default_activation_alpha(ActivationKind kind) {
  if (kind == ActivationKind::kLeakyRelu) return 0.01;
  if (kind == ActivationKind::kElu) return 1.0;
  return 0.0;
}

const std::vector<std::string>& activation_names() {
  static const std::vector<std::string> names = {
      "linear", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "swish", "softmax"};
  return names;
}

std::string activation_name(ActivationKind kind) {
  return activation_names()[static_cast<std::size_t>(kind)];
}

std::string activation_from_name(const std::string& name, Activation& activation) {
  const std::string canonical = name == "silu" ? "swish" : name;
  const std::vector<std::string>& names = activation_names();
  for (std::size_t index = 0; index < names.size(); ++index) {
    if (names[index] != canonical) continue;
    activation = Activation(static_cast<ActivationKind>(index));
    return "";
  }
  std::string valid;
  for (const std::string& known : names) valid += (valid.empty() ? "" : ", ") + known;
  return "unknown activation " + quote_value(name) + " (valid: " + valid + ", silu)";
}

std::string validate_activation(const Activation& activation) {
  if (activation.kind == ActivationKind::kLeakyRelu) {
    return check_range("leaky_relu", "alpha (negative slope)", activation.alpha, 0.0, 1.0);
  }
  if (activation.kind == ActivationKind::kElu) {
    return check_range("elu", "alpha", activation.alpha, 0.0,
                       std::numeric_limits<double>::infinity());
  }
  return "";
}

bool is_elementwise(ActivationKind kind) { return kind != ActivationKind::kSoftmax; }

template <typename Scalar>
void activate(const Activation& activation, const Matrix<Scalar>& z, Matrix<Scalar>& a) {
  require_valid(activation);
  const auto x = z.array();
  const Scalar alpha = static_cast<Scalar>(activation.alpha);
  switch (activation.kind) {
    case ActivationKind::kLinear:
      a = z;
      return;
    case ActivationKind::kSigmoid:
      a = sigmoid_of(x).matrix();
      return;
    case ActivationKind::kTanh:
      apply_tanh(z, a);
      return;
    case ActivationKind::kRelu:  // NaN passes through, so divergence shows
      apply_each(z, a, [](Scalar v) { return v < Scalar(0) ? Scalar(0) : v; });
      return;
    case ActivationKind::kLeakyRelu:
      apply_each(z, a, [alpha](Scalar v) { return v > Scalar(0) ? v : alpha * v; });
      return;
    case ActivationKind::kElu:
      // expm1 keeps α(e^z − 1) accurate for z near 0.
      a = (x > Scalar(0)).select(x, alpha * x.expm1()).matrix();
      return;
    case ActivationKind::kGelu:
      a = (x * normal_cdf<Scalar>(x)).matrix();
      return;
    case ActivationKind::kSwish:
      a = (x * sigmoid_of(x)).matrix();
      return;
    case ActivationKind::kSoftmax:
      a = softmax_rows(z);
      return;
  }
  throw std::invalid_argument("unknown activation kind");
}

template <typename Scalar>
Matrix<Scalar> activate(const Activation& activation, const Matrix<Scalar>& z) {
  Matrix<Scalar> a;
  activate(activation, z, a);
  return a;
}

template <typename Scalar>
void activation_backward(const Activation& activation, const Matrix<Scalar>& z,
                         const Matrix<Scalar>& a, const Matrix<Scalar>& grad_a,
                         Matrix<Scalar>& grad_z) {
  require_valid(activation);
  if (a.rows() != z.rows() || a.cols() != z.cols() || grad_a.rows() != z.rows() ||
      grad_a.cols() != z.cols()) {
    throw std::invalid_argument(activation_name(activation.kind) +
                                " backward: z, a and grad_a must have the same shape");
  }
  if (activation.kind == ActivationKind::kSoftmax) {
    // J = diag(a) − a·aᵀ per row, so Jᵀg = a ⊙ (g − ⟨g, a⟩).
    const Vector<Scalar> weighted_mean = grad_a.cwiseProduct(a).rowwise().sum();
    grad_z = a.cwiseProduct(grad_a.colwise() - weighted_mean);
    return;
  }
  multiply_by_local_derivative(activation, z, a, grad_a, grad_z);
}

template <typename Scalar>
Matrix<Scalar> activation_backward(const Activation& activation, const Matrix<Scalar>& z,
                                   const Matrix<Scalar>& a, const Matrix<Scalar>& grad_a) {
  Matrix<Scalar> grad_z;
  activation_backward(activation, z, a, grad_a, grad_z);
  return grad_z;
}

template <typename Scalar>
Matrix<Scalar> activation_derivative(const Activation& activation, const Matrix<Scalar>& z) {
  require_valid(activation);
  if (!is_elementwise(activation.kind)) {
    throw std::invalid_argument(
        "softmax has no elementwise derivative (each output depends on the whole row): use "
        "activation_backward");
  }
  const Matrix<Scalar> a = activate(activation, z);
  // f'(z) is ∂L/∂z for ∂L/∂a = 1.
  return activation_backward<Scalar>(activation, z, a, Matrix<Scalar>::Ones(z.rows(), z.cols()));
}

void tanh_in_place(float* values, Eigen::Index count) {
  for (Eigen::Index i = 0; i < count; ++i) values[i] = tanh_float(values[i]);
}

void tanh_in_place(double* values, Eigen::Index count) {
  for (Eigen::Index i = 0; i < count; ++i) values[i] = std::tanh(values[i]);
}

template Matrix<float> activate(const Activation&, const Matrix<float>&);
template Matrix<double> activate(const Activation&, const Matrix<double>&);
template void activate(const Activation&, const Matrix<float>&, Matrix<float>&);
template void activate(const Activation&, const Matrix<double>&, Matrix<double>&);
template void activation_backward(const Activation&, const Matrix<float>&, const Matrix<float>&,
                                  const Matrix<float>&, Matrix<float>&);
template void activation_backward(const Activation&, const Matrix<double>&, const Matrix<double>&,
                                  const Matrix<double>&, Matrix<double>&);
template Matrix<float> activation_backward(const Activation&, const Matrix<float>&,
                                           const Matrix<float>&, const Matrix<float>&);
template Matrix<double> activation_backward(const Activation&, const Matrix<double>&,
                                            const Matrix<double>&, const Matrix<double>&);
template Matrix<float> activation_derivative(const Activation&, const Matrix<float>&);
template Matrix<double> activation_derivative(const Activation&, const Matrix<double>&);

}  // namespace descent::nn

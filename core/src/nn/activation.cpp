#include "descent/nn/activation.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "descent/math/messages.hpp"

namespace descent::nn {
namespace {

template <typename Scalar>
using Array = Eigen::Array<Scalar, Eigen::Dynamic, Eigen::Dynamic>;

void require_valid(const Activation& activation) {
  const std::string message = validate_activation(activation);
  if (!message.empty()) throw std::invalid_argument(message);
}

// σ(z) from e = e^−|z| ∈ (0, 1], so no exponential overflows: 1/(1 + e) for z ≥ 0, e/(1 + e)
// otherwise.
template <typename Scalar>
Array<Scalar> stable_sigmoid(const Array<Scalar>& z) {
  const Array<Scalar> decay = (-z.abs()).exp();
  const Array<Scalar> reciprocal = (Scalar(1) + decay).inverse();
  return (z >= Scalar(0)).select(reciprocal, decay * reciprocal);
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

// f'(z) for an elementwise kind; sigmoid and tanh read it off a = f(z), the others use z.
template <typename Scalar>
Array<Scalar> local_derivative(const Activation& activation, const Array<Scalar>& z,
                               const Array<Scalar>& a) {
  const Scalar alpha = static_cast<Scalar>(activation.alpha);
  const Array<Scalar> ones = Array<Scalar>::Ones(z.rows(), z.cols());
  switch (activation.kind) {
    case ActivationKind::kLinear:
      return ones;
    case ActivationKind::kSigmoid:
      return a * (Scalar(1) - a);
    case ActivationKind::kTanh:
      return Scalar(1) - a.square();
    case ActivationKind::kRelu:
      return (z > Scalar(0)).template cast<Scalar>();
    case ActivationKind::kLeakyRelu:
      return (z > Scalar(0)).select(ones, alpha);
    case ActivationKind::kElu:
      return (z > Scalar(0)).select(ones, alpha * z.exp());
    case ActivationKind::kGelu: {
      // Φ(z) + z·φ(z), with φ the standard normal density.
      const Scalar inverse_sqrt_2pi = Scalar(0.39894228040143267794);
      return normal_cdf(z) + z * inverse_sqrt_2pi * (Scalar(-0.5) * z.square()).exp();
    }
    case ActivationKind::kSwish: {
      // d/dz z·σ(z) = σ(z)·(1 + z·(1 − σ(z))), as torch's silu_backward.
      const Array<Scalar> sigmoid = stable_sigmoid(z);
      return sigmoid * (Scalar(1) + z * (Scalar(1) - sigmoid));
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
  return "unknown activation '" + name + "' (valid: " + valid + ", silu)";
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
Matrix<Scalar> activate(const Activation& activation, const Matrix<Scalar>& z) {
  require_valid(activation);
  const auto x = z.array();
  const Scalar alpha = static_cast<Scalar>(activation.alpha);
  switch (activation.kind) {
    case ActivationKind::kLinear:
      return z;
    case ActivationKind::kSigmoid:
      return stable_sigmoid<Scalar>(x).matrix();
    case ActivationKind::kTanh:
      return x.tanh().matrix();
    case ActivationKind::kRelu:
      return x.max(Scalar(0)).matrix();
    case ActivationKind::kLeakyRelu:
      return (x > Scalar(0)).select(x, alpha * x).matrix();
    case ActivationKind::kElu:
      // expm1 keeps α(e^z − 1) accurate for z near 0.
      return (x > Scalar(0)).select(x, alpha * x.expm1()).matrix();
    case ActivationKind::kGelu:
      return (x * normal_cdf<Scalar>(x)).matrix();
    case ActivationKind::kSwish:
      return (x * stable_sigmoid<Scalar>(x)).matrix();
    case ActivationKind::kSoftmax:
      return softmax_rows(z);
  }
  throw std::invalid_argument("unknown activation kind");
}

template <typename Scalar>
Matrix<Scalar> activation_backward(const Activation& activation, const Matrix<Scalar>& z,
                                   const Matrix<Scalar>& a, const Matrix<Scalar>& grad_a) {
  require_valid(activation);
  if (a.rows() != z.rows() || a.cols() != z.cols() || grad_a.rows() != z.rows() ||
      grad_a.cols() != z.cols()) {
    throw std::invalid_argument(activation_name(activation.kind) +
                                " backward: z, a and grad_a must have the same shape");
  }
  if (activation.kind == ActivationKind::kSoftmax) {
    // J = diag(a) − a·aᵀ per row, so Jᵀg = a ⊙ (g − ⟨g, a⟩).
    const Vector<Scalar> weighted_mean = grad_a.cwiseProduct(a).rowwise().sum();
    return a.cwiseProduct(grad_a.colwise() - weighted_mean);
  }
  return (grad_a.array() * local_derivative<Scalar>(activation, z.array(), a.array())).matrix();
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
  return local_derivative<Scalar>(activation, z.array(), a.array()).matrix();
}

template Matrix<float> activate(const Activation&, const Matrix<float>&);
template Matrix<double> activate(const Activation&, const Matrix<double>&);
template Matrix<float> activation_backward(const Activation&, const Matrix<float>&,
                                           const Matrix<float>&, const Matrix<float>&);
template Matrix<double> activation_backward(const Activation&, const Matrix<double>&,
                                            const Matrix<double>&, const Matrix<double>&);
template Matrix<float> activation_derivative(const Activation&, const Matrix<float>&);
template Matrix<double> activation_derivative(const Activation&, const Matrix<double>&);

}  // namespace descent::nn

#pragma once
// Initial weights of a dense layer: a fan_in × fan_out matrix (a mini-batch X, one row per sample,
// is mapped to X·W), drawn from a seeded Rng.
//
// Formulas follow torch.nn.init with gain 1 for Xavier and gain √2 (ReLU) for He:
//   zeros, constant c        no draws
//   naive_uniform            U[0, 1): mean ½, variance 1/12 (the classic "why not just random?")
//   naive_normal             N(0, 1)
//   uniform                  U[−σ√3, σ√3): standard deviation σ
//   normal                   N(0, σ²)
//   xavier_uniform/_normal   variance 2/(fan_in + fan_out): U[±√(6/(fan_in + fan_out))) or normal
//                            (Glorot & Bengio 2010, torch's xavier_uniform_/xavier_normal_).
//                            Lessons often state Xavier as Var = 1/fan_in: that is the forward-pass
//                            condition alone (LeCun init); Glorot averages it with the
//                            backward-pass condition Var = 1/fan_out, giving 2/(fan_in + fan_out).
//   he_uniform/_normal       variance 2/fan_in: U[±√(6/fan_in)) or normal (He et al. 2015,
//                            torch's kaiming_uniform_/kaiming_normal_ with a = 0, mode fan_in).
//                            torch's nn.Linear default is different: kaiming_uniform_ with a = √5,
//                            i.e. U[±1/√fan_in).
#include <string>
#include <vector>

#include "descent/math/rng.hpp"
#include "descent/nn/tensor.hpp"

namespace descent::nn {

enum class InitKind {
  kZeros,
  kConstant,
  kNaiveUniform,
  kNaiveNormal,
  kUniform,
  kNormal,
  kXavierUniform,
  kXavierNormal,
  kHeUniform,
  kHeNormal,
};

struct Initializer {
  InitKind kind = InitKind::kXavierUniform;
  double constant_value = 0.1;  // c: every weight of the constant initializer
  double stddev = 0.01;         // σ: standard deviation of the uniform and normal initializers
};

// Names: zeros, constant, naive_uniform, naive_normal, uniform, normal, xavier_uniform,
// xavier_normal, he_uniform, he_normal (in the enum's order).
const std::vector<std::string>& initializer_names();
std::string initializer_name(InitKind kind);

// Parses a name (also glorot_uniform, glorot_normal, kaiming_uniform, kaiming_normal). On success
// sets `initializer` to that kind with default parameters and returns ""; otherwise leaves it
// unchanged and returns a message.
std::string initializer_from_name(const std::string& name, Initializer& initializer);

// "" when valid: constant needs a finite c; uniform and normal a finite σ ≥ 0.
std::string validate_initializer(const Initializer& initializer);

// The distribution's theoretical mean and variance for these fans (what a histogram of the drawn
// weights approaches). Throws like initialize_weights.
struct WeightMoments {
  double mean;
  double variance;
};
WeightMoments initializer_moments(const Initializer& initializer, int fan_in, int fan_out);

// fan_in × fan_out weights. Entry (i, j) is the (i·fan_out + j)-th draw (row by row), each drawn in
// double and then rounded to Scalar, so float weights are the double ones rounded and the draw
// order is the same on every platform: the uniform kinds are bit-identical natively and in
// WebAssembly, the normal kinds as close as Rng::normal's two builds (its log/sin/cos come from
// the platform's libm and can differ in the last bit). zeros and constant draw nothing from rng.
// Throws std::invalid_argument when the initializer is invalid or a fan is < 1.
template <typename Scalar>
Matrix<Scalar> initialize_weights(const Initializer& initializer, int fan_in, int fan_out,
                                  Rng& rng);

// rows × cols weights drawn the same way for the given fans: a convolution's kernel matrix
// (K·K·C_in/groups rows, one column per filter) has fan_in = K·K·C_in/groups and, as in torch,
// fan_out = K·K·C_out. Throws like initialize_weights, also when rows or cols is < 1.
template <typename Scalar>
Matrix<Scalar> initialize_weights(const Initializer& initializer, int rows, int cols, int fan_in,
                                  int fan_out, Rng& rng);

}  // namespace descent::nn

#include "descent/nn/initializer.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "descent/math/messages.hpp"

namespace descent::nn {
namespace {

// What each weight of a random kind is drawn from: U[low, high) or N(0, stddev²).
struct WeightDistribution {
  bool uniform;
  double low;
  double high;
  double stddev;
};

// Precondition: a random kind (not zeros or constant).
WeightDistribution weight_distribution(const Initializer& initializer, int fan_in, int fan_out) {
  const double xavier_stddev =
      std::sqrt(2.0 / (static_cast<double>(fan_in) + static_cast<double>(fan_out)));
  const double he_stddev = std::sqrt(2.0 / static_cast<double>(fan_in));
  // U[−b, b) has variance b²/3, so b = σ√3 gives standard deviation σ.
  const auto symmetric_uniform = [](double stddev) {
    const double bound = std::sqrt(3.0) * stddev;
    return WeightDistribution{true, -bound, bound, stddev};
  };
  const auto normal = [](double stddev) { return WeightDistribution{false, 0.0, 0.0, stddev}; };
  switch (initializer.kind) {
    case InitKind::kNaiveUniform:
      return {true, 0.0, 1.0, std::sqrt(1.0 / 12.0)};
    case InitKind::kNaiveNormal:
      return normal(1.0);
    case InitKind::kUniform:
      return symmetric_uniform(initializer.stddev);
    case InitKind::kNormal:
      return normal(initializer.stddev);
    case InitKind::kXavierUniform:
      return symmetric_uniform(xavier_stddev);
    case InitKind::kXavierNormal:
      return normal(xavier_stddev);
    case InitKind::kHeUniform:
      return symmetric_uniform(he_stddev);
    case InitKind::kHeNormal:
      return normal(he_stddev);
    case InitKind::kZeros:
    case InitKind::kConstant:
      break;
  }
  throw std::invalid_argument(initializer_name(initializer.kind) + " draws no random weights");
}

void require_valid(const Initializer& initializer, int fan_in, int fan_out) {
  const std::string message = validate_initializer(initializer);
  if (!message.empty()) throw std::invalid_argument(message);
  if (fan_in < 1 || fan_out < 1) {
    throw std::invalid_argument(initializer_name(initializer.kind) +
                                ": fan_in and fan_out must be ≥ 1, got " + std::to_string(fan_in) +
                                " and " + std::to_string(fan_out));
  }
}

}  // namespace

const std::vector<std::string>& initializer_names() {
  static const std::vector<std::string> names = {
      "zeros",  "constant",       "naive_uniform", "naive_normal", "uniform",
      "normal", "xavier_uniform", "xavier_normal", "he_uniform",   "he_normal"};
  return names;
}

std::string initializer_name(InitKind kind) {
  return initializer_names()[static_cast<std::size_t>(kind)];
}

std::string initializer_from_name(const std::string& name, Initializer& initializer) {
  std::string canonical = name;
  if (name == "glorot_uniform") canonical = "xavier_uniform";
  if (name == "glorot_normal") canonical = "xavier_normal";
  if (name == "kaiming_uniform") canonical = "he_uniform";
  if (name == "kaiming_normal") canonical = "he_normal";
  const std::vector<std::string>& names = initializer_names();
  for (std::size_t index = 0; index < names.size(); ++index) {
    if (names[index] != canonical) continue;
    initializer = Initializer{static_cast<InitKind>(index)};
    return "";
  }
  std::string valid;
  for (const std::string& known : names) valid += (valid.empty() ? "" : ", ") + known;
  return "unknown initializer " + quote_value(name) + " (valid: " + valid +
         ", glorot_uniform, glorot_normal, kaiming_uniform, kaiming_normal)";
}

std::string validate_initializer(const Initializer& initializer) {
  constexpr double kUnbounded = std::numeric_limits<double>::infinity();
  if (initializer.kind == InitKind::kConstant && !std::isfinite(initializer.constant_value)) {
    return "constant: value must be a finite number, got " +
           format_number(initializer.constant_value);
  }
  if (initializer.kind == InitKind::kUniform || initializer.kind == InitKind::kNormal) {
    return check_range(initializer_name(initializer.kind), "stddev", initializer.stddev, 0.0,
                       kUnbounded);
  }
  return "";
}

WeightMoments initializer_moments(const Initializer& initializer, int fan_in, int fan_out) {
  require_valid(initializer, fan_in, fan_out);
  if (initializer.kind == InitKind::kZeros) return {0.0, 0.0};
  if (initializer.kind == InitKind::kConstant) return {initializer.constant_value, 0.0};
  const WeightDistribution distribution = weight_distribution(initializer, fan_in, fan_out);
  const double mean = distribution.uniform ? (distribution.low + distribution.high) / 2.0 : 0.0;
  return {mean, distribution.stddev * distribution.stddev};
}

template <typename Scalar>
Matrix<Scalar> initialize_weights(const Initializer& initializer, int fan_in, int fan_out,
                                  Rng& rng) {
  return initialize_weights<Scalar>(initializer, fan_in, fan_out, fan_in, fan_out, rng);
}

template <typename Scalar>
Matrix<Scalar> initialize_weights(const Initializer& initializer, int rows, int cols, int fan_in,
                                  int fan_out, Rng& rng) {
  require_valid(initializer, fan_in, fan_out);
  if (rows < 1 || cols < 1) {
    throw std::invalid_argument(initializer_name(initializer.kind) +
                                ": the weight matrix must be at least 1×1, got " +
                                std::to_string(rows) + "×" + std::to_string(cols));
  }
  if (initializer.kind == InitKind::kZeros) return Matrix<Scalar>::Zero(rows, cols);
  if (initializer.kind == InitKind::kConstant) {
    return Matrix<Scalar>::Constant(rows, cols, static_cast<Scalar>(initializer.constant_value));
  }
  const WeightDistribution distribution = weight_distribution(initializer, fan_in, fan_out);
  Matrix<Scalar> weights(rows, cols);
  for (int row = 0; row < rows; ++row) {
    for (int col = 0; col < cols; ++col) {
      const double draw = distribution.uniform ? rng.uniform(distribution.low, distribution.high)
                                               : rng.normal(0.0, distribution.stddev);
      weights(row, col) = static_cast<Scalar>(draw);
    }
  }
  return weights;
}

template Matrix<float> initialize_weights(const Initializer&, int, int, Rng&);
template Matrix<double> initialize_weights(const Initializer&, int, int, Rng&);
template Matrix<float> initialize_weights(const Initializer&, int, int, int, int, Rng&);
template Matrix<double> initialize_weights(const Initializer&, int, int, int, int, Rng&);

}  // namespace descent::nn

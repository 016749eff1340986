#include "descent/nn/initializer.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
#include <string>

using descent::Rng;
using descent::nn::initialize_weights;
using descent::nn::Initializer;
using descent::nn::initializer_from_name;
using descent::nn::initializer_moments;
using descent::nn::initializer_name;
using descent::nn::initializer_names;
using descent::nn::InitKind;
using descent::nn::validate_initializer;

namespace {

struct ExpectedMoments {
  Initializer initializer;
  double mean;
  double variance;
};

}  // namespace

TEST_CASE("Initializer sample moments match theory for every kind", "[nn][initializer]") {
  // 400 × 300 = 120 000 weights. Theory, written out independently of the code under test.
  const int fan_in = 400, fan_out = 300;
  const double xavier = 2.0 / (fan_in + fan_out);
  const double he = 2.0 / fan_in;
  const std::vector<ExpectedMoments> cases = {
      {Initializer{InitKind::kZeros}, 0.0, 0.0},
      {Initializer{InitKind::kConstant, 0.25}, 0.25, 0.0},
      {Initializer{InitKind::kNaiveUniform}, 0.5, 1.0 / 12.0},
      {Initializer{InitKind::kNaiveNormal}, 0.0, 1.0},
      {Initializer{InitKind::kUniform, 0.0, 0.05}, 0.0, 0.0025},
      {Initializer{InitKind::kNormal, 0.0, 0.05}, 0.0, 0.0025},
      {Initializer{InitKind::kXavierUniform}, 0.0, xavier},
      {Initializer{InitKind::kXavierNormal}, 0.0, xavier},
      {Initializer{InitKind::kHeUniform}, 0.0, he},
      {Initializer{InitKind::kHeNormal}, 0.0, he},
  };
  REQUIRE(cases.size() == initializer_names().size());
  Rng rng(31);
  for (const ExpectedMoments& expected : cases) {
    INFO(initializer_name(expected.initializer.kind));
    const auto theory = initializer_moments(expected.initializer, fan_in, fan_out);
    CHECK(theory.mean == Approx(expected.mean).epsilon(1e-15));
    CHECK(theory.variance == Approx(expected.variance).epsilon(1e-15));

    const Eigen::MatrixXd weights =
        initialize_weights<double>(expected.initializer, fan_in, fan_out, rng);
    REQUIRE(weights.rows() == fan_in);
    REQUIRE(weights.cols() == fan_out);
    const double count = static_cast<double>(weights.size());
    const double mean = weights.mean();
    const double variance = (weights.array() - mean).square().sum() / (count - 1.0);
    // Standard error of the mean is σ/√n ≈ 0.003σ: allow 5 of them. The variance's relative
    // standard error is at most √(2/n) ≈ 0.4%: allow 3%.
    CHECK(mean == Approx(expected.mean).margin(5.0 * std::sqrt(expected.variance / count)));
    CHECK(variance == Approx(expected.variance).epsilon(0.03).margin(1e-300));
  }
}

TEST_CASE("Uniform initializers stay within their bounds", "[nn][initializer]") {
  Rng rng(32);
  const Eigen::MatrixXd naive =
      initialize_weights<double>({InitKind::kNaiveUniform}, 200, 100, rng);
  CHECK(naive.minCoeff() >= 0.0);
  CHECK(naive.maxCoeff() < 1.0);
  // Xavier uniform: ±√(6/(fan_in + fan_out)); He uniform: ±√(6/fan_in); uniform: ±σ√3.
  const Eigen::MatrixXd xavier =
      initialize_weights<double>({InitKind::kXavierUniform}, 200, 100, rng);
  CHECK(xavier.cwiseAbs().maxCoeff() <= std::sqrt(6.0 / 300.0));
  CHECK(xavier.cwiseAbs().maxCoeff() > 0.99 * std::sqrt(6.0 / 300.0));
  const Eigen::MatrixXd he = initialize_weights<double>({InitKind::kHeUniform}, 200, 100, rng);
  CHECK(he.cwiseAbs().maxCoeff() <= std::sqrt(6.0 / 200.0));
  CHECK(he.cwiseAbs().maxCoeff() > 0.99 * std::sqrt(6.0 / 200.0));
  const Eigen::MatrixXd uniform =
      initialize_weights<double>({InitKind::kUniform, 0.0, 0.1}, 200, 100, rng);
  CHECK(uniform.cwiseAbs().maxCoeff() <= 0.1 * std::sqrt(3.0));
  CHECK(uniform.cwiseAbs().maxCoeff() > 0.99 * 0.1 * std::sqrt(3.0));
}

TEST_CASE("Weights are drawn row by row, one draw per entry", "[nn][initializer]") {
  Rng rng(33), reference(33);
  const Eigen::MatrixXd weights = initialize_weights<double>({InitKind::kHeNormal}, 3, 4, rng);
  const double stddev = std::sqrt(2.0 / 3.0);
  for (int row = 0; row < 3; ++row) {
    for (int col = 0; col < 4; ++col) CHECK(weights(row, col) == reference.normal(0.0, stddev));
  }
  CHECK(rng.next_u64() == reference.next_u64());  // nothing else was consumed

  Rng uniform_rng(34), uniform_reference(34);
  const Eigen::MatrixXd uniform =
      initialize_weights<double>({InitKind::kXavierUniform}, 2, 5, uniform_rng);
  const double bound = std::sqrt(3.0) * std::sqrt(2.0 / 7.0);
  for (int row = 0; row < 2; ++row) {
    for (int col = 0; col < 5; ++col) {
      CHECK(uniform(row, col) == uniform_reference.uniform(-bound, bound));
    }
  }
}

TEST_CASE("Same seed gives identical weights; float weights are the double ones rounded",
          "[nn][initializer]") {
  for (const std::string& name : initializer_names()) {
    INFO(name);
    Initializer initializer;
    REQUIRE(initializer_from_name(name, initializer).empty());
    Rng first(35), second(35), third(36), float_rng(35);
    const Eigen::MatrixXd a = initialize_weights<double>(initializer, 7, 5, first);
    const Eigen::MatrixXd b = initialize_weights<double>(initializer, 7, 5, second);
    const Eigen::MatrixXd c = initialize_weights<double>(initializer, 7, 5, third);
    const Eigen::MatrixXf f = initialize_weights<float>(initializer, 7, 5, float_rng);
    CHECK(a == b);
    CHECK(f == a.cast<float>());
    const bool random =
        initializer.kind != InitKind::kZeros && initializer.kind != InitKind::kConstant;
    CHECK((a != c) == random);
  }
  // zeros and constant leave the generator untouched.
  Rng used(37), fresh(37);
  initialize_weights<double>({InitKind::kConstant, 2.0}, 3, 3, used);
  CHECK(used.next_u64() == fresh.next_u64());
}

TEST_CASE("Initializer names round-trip; invalid names and parameters give messages",
          "[nn][initializer]") {
  for (const std::string& name : initializer_names()) {
    Initializer initializer;
    CHECK(initializer_from_name(name, initializer).empty());
    CHECK(initializer_name(initializer.kind) == name);
  }
  Initializer initializer{InitKind::kNormal, 0.0, 3.0};
  CHECK(initializer_from_name("kaiming_normal", initializer).empty());
  CHECK(initializer.kind == InitKind::kHeNormal);
  CHECK(initializer.stddev == 0.01);  // defaults restored
  CHECK(initializer_from_name("glorot_uniform", initializer).empty());
  CHECK(initializer.kind == InitKind::kXavierUniform);
  CHECK(initializer_from_name("glorot_normal", initializer).empty());
  CHECK(initializer.kind == InitKind::kXavierNormal);
  CHECK(initializer_from_name("kaiming_uniform", initializer).empty());
  CHECK(initializer.kind == InitKind::kHeUniform);
  const std::string message = initializer_from_name("xavier", initializer);
  CHECK(message.find("unknown initializer 'xavier' (valid: zeros, constant") == 0);
  CHECK(initializer.kind == InitKind::kHeUniform);  // unchanged on failure

  CHECK(validate_initializer({InitKind::kNormal, 0.0, -0.1}) ==
        "normal: stddev must be a finite number ≥ 0, got -0.1");
  CHECK(validate_initializer({InitKind::kUniform, 0.0, INFINITY}).find("uniform: stddev") == 0);
  CHECK(validate_initializer({InitKind::kConstant, NAN}) ==
        "constant: value must be a finite number, got nan");
  Rng rng(38);
  CHECK_THROWS_WITH(initialize_weights<double>({InitKind::kHeNormal}, 0, 3, rng),
                    "he_normal: fan_in and fan_out must be ≥ 1, got 0 and 3");
  CHECK_THROWS_AS(initializer_moments({InitKind::kXavierNormal}, 3, 0), std::invalid_argument);
  CHECK_THROWS_AS(initialize_weights<float>({InitKind::kNormal, 0.0, -1.0}, 2, 2, rng),
                  std::invalid_argument);
}

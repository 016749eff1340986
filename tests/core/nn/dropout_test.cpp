#include "descent/nn/dropout.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>

#include "nn_test_support.hpp"

using descent::Rng;
using descent::nn::Dropout;
using descent::nn::Matrix;
using descent::nn::validate_dropout_rate;
using descent::test::matrix_gradient_estimate;
using descent::test::random_matrix;
using descent::testing::relative_error;

namespace {

const auto kNormal = [](Rng& rng) { return rng.normal(); };

}  // namespace

TEST_CASE("dropout keeps each value with probability 1 − p, scaled by 1/(1 − p)", "[nn]") {
  const double rate = 0.3;
  Dropout<double> dropout(rate);
  CHECK(dropout.rate() == rate);
  Rng rng(1), reference(1);
  const Matrix<double> inputs = Matrix<double>::Constant(100, 100, 2.0);
  const Matrix<double> outputs = dropout.forward(inputs, true, rng);
  // The mask follows the documented draws: one uniform per value, row by row.
  for (Eigen::Index row = 0; row < inputs.rows(); ++row) {
    for (Eigen::Index col = 0; col < inputs.cols(); ++col) {
      const double expected = reference.uniform() < 1.0 - rate ? 1.0 / (1.0 - rate) : 0.0;
      REQUIRE(dropout.mask()(row, col) == expected);
    }
  }
  CHECK(outputs == inputs.cwiseProduct(dropout.mask()));
  const double dropped_fraction =
      static_cast<double>((outputs.array() == 0.0).count()) / static_cast<double>(outputs.size());
  CHECK(std::abs(dropped_fraction - rate) < 0.02);
  // Inverted dropout preserves the expectation: the batch mean stays near 2.
  CHECK(std::abs(outputs.mean() / 2.0 - 1.0) < 0.03);
}

TEST_CASE("dropout preserves every value's expectation over many draws", "[nn]") {
  Dropout<double> dropout(0.5);
  Rng data_rng(2), rng(3);
  const Matrix<double> inputs = random_matrix(4, 5, data_rng, kNormal);
  Matrix<double> sum = Matrix<double>::Zero(4, 5);
  const int draws = 10000;
  for (int draw = 0; draw < draws; ++draw) sum += dropout.forward(inputs, true, rng);
  // Each average has a relative standard deviation √(p/(1 − p)/draws) = 1%.
  const Matrix<double> ratio = (sum / draws).cwiseQuotient(inputs);
  CHECK((ratio.array() - 1.0).abs().maxCoeff() < 0.05);
}

TEST_CASE("dropout in evaluation mode and with p = 0 is the identity and draws nothing", "[nn]") {
  Rng data_rng(4);
  const Matrix<double> inputs = random_matrix(6, 3, data_rng, kNormal);
  Dropout<double> dropout(0.4), no_drop(0.0);
  Rng rng(5), untouched(5);
  CHECK(dropout.forward(inputs, false, rng) == inputs);
  CHECK(dropout.mask() == Matrix<double>::Ones(6, 3));
  CHECK(no_drop.forward(inputs, true, rng) == inputs);
  CHECK(no_drop.mask() == Matrix<double>::Ones(6, 3));
  CHECK(rng.next_u64() == untouched.next_u64());
  const Matrix<double> upstream = random_matrix(6, 3, data_rng, kNormal);
  CHECK(dropout.backward(upstream) == upstream);
  CHECK(no_drop.backward(upstream) == upstream);
}

TEST_CASE("dropout backward applies the forward mask and matches central differences", "[nn]") {
  Rng data_rng(6);
  const Matrix<double> inputs = random_matrix(5, 4, data_rng, kNormal);
  const Matrix<double> weights = random_matrix(5, 4, data_rng, kNormal);
  Dropout<double> dropout(0.25);
  // L = Σ W ⊙ Y², the mask fixed by drawing it from the same seed at every evaluation.
  const auto loss = [&](const Matrix<double>& x) {
    Rng rng(9);
    Dropout<double> probe(0.25);
    const Matrix<double> outputs = probe.forward(x, true, rng);
    return weights.cwiseProduct(outputs.cwiseProduct(outputs)).sum();
  };
  Rng rng(9);
  const Matrix<double> outputs = dropout.forward(inputs, true, rng);
  REQUIRE((dropout.mask().array() == 0.0).any());
  const Matrix<double> upstream = 2.0 * weights.cwiseProduct(outputs);
  const Matrix<double> grad_input = dropout.backward(upstream);
  CHECK(grad_input == upstream.cwiseProduct(dropout.mask()));
  CHECK(relative_error(grad_input, matrix_gradient_estimate(loss, inputs), 1e-6) < 1e-6);
}

TEST_CASE("dropout is deterministic from the seed, in float and double alike", "[nn]") {
  Rng data_rng(7);
  const Matrix<double> inputs = random_matrix(8, 6, data_rng, kNormal);
  Dropout<double> first(0.5), second(0.5);
  Dropout<float> single(0.5);
  Rng rng_a(42), rng_b(42), rng_c(43), rng_f(42);
  const Matrix<double> out_a = first.forward(inputs, true, rng_a);
  CHECK(second.forward(inputs, true, rng_b) == out_a);
  CHECK(second.forward(inputs, true, rng_c) != out_a);
  single.forward(inputs.cast<float>(), true, rng_f);
  CHECK(single.mask().cast<double>() == first.mask());
}

TEST_CASE("dropout rejects rates outside [0, 1) and mismatched gradients", "[nn]") {
  CHECK(validate_dropout_rate(0.0).empty());
  CHECK(validate_dropout_rate(0.99).empty());
  CHECK_THAT(validate_dropout_rate(1.0), Catch::Contains("dropout: rate must be in [0, 1)"));
  CHECK_THROWS_WITH(Dropout<double>(-0.1), Catch::Contains("dropout: rate"));
  CHECK_THROWS_AS(Dropout<double>(1.0), std::invalid_argument);
  CHECK_THROWS_AS(Dropout<double>(std::nan("")), std::invalid_argument);

  Dropout<double> dropout(0.5);
  CHECK_THROWS_AS(dropout.backward(Matrix<double>::Zero(2, 2)), std::logic_error);
  Rng rng(1);
  dropout.forward(Matrix<double>::Zero(3, 2), true, rng);
  CHECK_THROWS_AS(dropout.backward(Matrix<double>::Zero(2, 3)), std::invalid_argument);
  CHECK(dropout.forward(Matrix<double>::Zero(0, 2), true, rng).size() == 0);
  CHECK(dropout.backward(Matrix<double>::Zero(0, 2)).size() == 0);
}

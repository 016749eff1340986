#include "descent/nn/embedding.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

#include "module_gradient_check.hpp"

using descent::Rng;
using descent::nn::Embedding;
using descent::nn::Initializer;
using descent::nn::InitKind;
using descent::nn::Matrix;
using descent::nn::Mode;
using descent::nn::TensorShape;

namespace {

template <typename Scalar = double>
Embedding<Scalar> embedding(int vocabulary, int dimension, std::uint64_t seed = 3) {
  Rng rng(seed);
  return Embedding<Scalar>(vocabulary, dimension, rng);
}

// Two sequences of four tokens, token 2 three times (twice in one sequence).
Matrix<double> token_ids() {
  Matrix<double> ids(2, 4);
  ids << 0, 2, 4, 2,  //
      3, 3, 2, 1;
  return ids;
}

}  // namespace

TEST_CASE("an embedding looks each token's row up in its table", "[nn][embedding]") {
  Embedding<double> layer = embedding(5, 3);
  Matrix<double> table(5, 3);
  table << 0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32, 40, 41, 42;
  layer.set_table(table);
  const Matrix<double> output = layer.apply(token_ids());
  REQUIRE(output.rows() == 2);
  REQUIRE(output.cols() == 4 * 3);
  for (int sample = 0; sample < 2; ++sample) {
    for (int t = 0; t < 4; ++t) {
      const int id = static_cast<int>(token_ids()(sample, t));
      for (int j = 0; j < 3; ++j) CHECK(output(sample, t * 3 + j) == 10.0 * id + j);
    }
  }
  CHECK(layer.output_shape(TensorShape::sequence(2, 4, 1)) == TensorShape::sequence(2, 4, 3));
  CHECK(layer.name() == "embedding 5→3");
  CHECK(layer.parameter_count() == 15);
}

TEST_CASE("an embedding's table gradient matches finite differences", "[nn][embedding]") {
  // The generic check perturbs the input, which here is integer ids: the table's gradient is
  // checked by central differences of L = Σ G ⊙ forward(ids) in the table, the ids fixed.
  Rng rng(4);
  const Matrix<double> ids = token_ids();
  const Matrix<double> upstream =
      descent::test::random_matrix(2, 4 * 3, rng, [](Rng& r) { return r.normal(); });
  Embedding<double> layer = embedding(5, 3);
  Rng draws(1);
  layer.forward(ids, Mode::kTraining, draws);
  const Matrix<double> grad_input = layer.backward(ids, upstream);
  CHECK(grad_input == Matrix<double>::Zero(2, 4));  // ids have no gradient
  const Matrix<double> numeric = descent::test::matrix_gradient_estimate(
      [&](const Matrix<double>& table) {
        Embedding<double> probe = layer;
        probe.set_table(table);
        return probe.apply(ids).cwiseProduct(upstream).sum();
      },
      layer.table());
  CHECK(descent::testing::relative_error(layer.table_gradient(), numeric, 1e-6) < 1e-8);
  CHECK(layer.table_gradient().row(0) == upstream.block(0, 0, 1, 3));  // token 0, once
  // Token 2 at steps 1 (sample 0), 2 (sample 1) and 3 (sample 0), summed in that order.
  CHECK(layer.table_gradient().row(2) ==
        upstream.block(0, 3, 1, 3) + upstream.block(1, 6, 1, 3) + upstream.block(0, 9, 1, 3));

  // accumulate_parameter_gradients adds the same, and gradients accumulate until zeroed.
  Embedding<double> other = embedding(5, 3);
  other.forward(ids, Mode::kTraining, draws);
  other.accumulate_parameter_gradients(ids, upstream);
  CHECK(other.table_gradient() == layer.table_gradient());
  other.accumulate_parameter_gradients(ids, upstream);
  CHECK((other.table_gradient() - 2.0 * layer.table_gradient()).cwiseAbs().maxCoeff() < 1e-15);
  other.zero_gradients();
  CHECK(other.table_gradient().isZero(0.0));
  // θ is the table row by row.
  Eigen::VectorXd theta(15);
  descent::nn::write_parameters(static_cast<const descent::nn::Module<double>&>(layer),
                                theta.data());
  CHECK(theta(2 * 3 + 1) == layer.table()(2, 1));
}

TEST_CASE("an embedding rejects ids outside its vocabulary and bad sizes", "[nn][embedding]") {
  Embedding<double> layer = embedding(5, 3);
  Matrix<double> ids = token_ids();
  ids(1, 0) = 2.5;
  CHECK_THROWS_WITH(layer.apply(ids),
                    Catch::Contains("embedding 5→3: token id 2.5 at (sample 1, step 0) is not an "
                                    "integer in [0, 5)"));
  ids(1, 0) = 5;
  CHECK_THROWS_AS(layer.apply(ids), std::invalid_argument);
  ids(1, 0) = -1;
  Rng draws(1);
  CHECK_THROWS_AS(layer.forward(ids, Mode::kTraining, draws), std::invalid_argument);
  CHECK_THROWS_AS(layer.backward(token_ids(), Matrix<double>::Zero(2, 12)), std::logic_error);
  layer.forward(token_ids(), Mode::kTraining, draws);
  CHECK_THROWS_AS(layer.backward(token_ids(), Matrix<double>::Zero(2, 11)), std::invalid_argument);
  CHECK_THROWS_WITH(layer.output_shape(TensorShape::sequence(2, 4, 2)),
                    Catch::Contains("embedding 5→3: input is (batch 2, time 4, features 2)"));
  CHECK_THROWS_WITH(embedding(0, 3),
                    Catch::Contains("embedding: vocabulary size and dimension must be ≥ 1"));
  CHECK_THROWS_AS(layer.set_table(Matrix<double>::Zero(4, 3)), std::invalid_argument);
}

TEST_CASE("an embedding initialises like torch, is deterministic and float follows double",
          "[nn][embedding]") {
  const Embedding<double> wide = embedding(50, 40);
  const double mean = wide.table().mean();
  const double variance = (wide.table().array() - mean).square().mean();
  CHECK(std::abs(mean) < 0.05);
  CHECK(variance == Approx(1.0).epsilon(0.1));  // N(0, 1)
  Rng rng(1);
  const Embedding<double> uniform(4, 2, rng, Initializer{InitKind::kUniform, 0.0, 0.1});
  CHECK(uniform.table().cwiseAbs().maxCoeff() < 0.1 * std::sqrt(3.0));

  Embedding<float> first = embedding<float>(5, 3, 9), second = embedding<float>(5, 3, 9);
  const Embedding<double> exact = embedding<double>(5, 3, 9);
  const Matrix<float> ids = token_ids().cast<float>();
  CHECK(first.apply(ids) == second.apply(ids));
  CHECK(exact.table().cast<float>() == first.table());
  CHECK((exact.apply(token_ids()) - first.apply(ids).cast<double>()).cwiseAbs().maxCoeff() < 1e-6);
}

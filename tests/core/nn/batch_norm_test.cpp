#include "descent/nn/batch_norm.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "nn_test_support.hpp"

using descent::Rng;
using descent::nn::BatchNorm;
using descent::nn::Matrix;
using descent::nn::RowVector;
using descent::nn::validate_batch_norm;
using descent::nn::Vector;
using descent::test::matrix_gradient_estimate;
using descent::test::random_matrix;
using descent::testing::central_difference_gradient;
using descent::testing::relative_error;

namespace {

const auto kNormal = [](Rng& rng) { return rng.normal(); };

// A batch whose features have very different means and spreads: column j ~ N(j − 1, (1 + j)²).
Matrix<double> skewed_batch(int rows, int cols, Rng& rng) {
  Matrix<double> batch = random_matrix(rows, cols, rng, kNormal);
  for (int col = 0; col < cols; ++col) {
    batch.col(col) = batch.col(col) * (1.0 + col) + Vector<double>::Constant(rows, col - 1.0);
  }
  return batch;
}

// L = Σ W ⊙ Y²: a downstream loss that weights every output differently, so ∂L/∂Y = 2 W ⊙ Y is
// neither constant nor orthogonal to the directions batch norm projects out.
double weighted_squares(const Matrix<double>& outputs, const Matrix<double>& weights) {
  return weights.cwiseProduct(outputs.cwiseProduct(outputs)).sum();
}

Vector<double> flat(const RowVector<double>& first, const RowVector<double>& second) {
  Vector<double> joined(first.size() + second.size());
  joined << first.transpose(), second.transpose();
  return joined;
}

}  // namespace

TEST_CASE("batch norm starts as torch does: γ = 1, β = 0, running mean 0, variance 1", "[nn]") {
  const BatchNorm<double> layer(3);
  CHECK(layer.features() == 3);
  CHECK(layer.parameter_count() == 6);
  CHECK(layer.eps() == 1e-5);
  CHECK(layer.momentum() == 0.1);
  CHECK(layer.gamma() == RowVector<double>::Ones(3));
  CHECK(layer.beta() == RowVector<double>::Zero(3));
  CHECK(layer.running_mean() == RowVector<double>::Zero(3));
  CHECK(layer.running_variance() == RowVector<double>::Ones(3));
  CHECK(layer.batches_tracked() == 0);
  CHECK(layer.gradient() == Vector<double>::Zero(6));
}

TEST_CASE("batch norm in training mode gives each feature mean 0 and variance 1", "[nn]") {
  Rng rng(3);
  BatchNorm<double> layer(4);
  const Matrix<double> outputs = layer.forward(skewed_batch(64, 4, rng), true);
  const RowVector<double> mean = outputs.colwise().mean();
  const RowVector<double> variance =
      (outputs.rowwise() - mean).array().square().colwise().mean().matrix();
  CHECK(mean.cwiseAbs().maxCoeff() < 1e-12);
  // Biased variance σ²/(σ² + ε): 1 up to ε/σ² ≤ 1e-5.
  CHECK((variance.array() - 1.0).abs().maxCoeff() < 2e-5);
  CHECK(layer.normalized() == outputs);
}

TEST_CASE("batch norm γ scales and β shifts the normalised features", "[nn]") {
  Rng rng(4);
  const Matrix<double> inputs = skewed_batch(16, 3, rng);
  BatchNorm<double> plain(3), affine(3);
  RowVector<double> gamma(3), beta(3);
  gamma << 2.0, -0.5, 3.0;
  beta << 1.0, 0.0, -4.0;
  affine.set_parameters(flat(gamma, beta));
  CHECK(affine.gamma() == gamma);
  CHECK(affine.beta() == beta);
  CHECK(affine.get_parameters() == flat(gamma, beta));
  const Matrix<double> normalized = plain.forward(inputs, true);
  const Matrix<double> expected =
      ((normalized.array().rowwise() * gamma.array()).rowwise() + beta.array()).matrix();
  CHECK(relative_error(affine.forward(inputs, true), expected) < 1e-15);
}

TEST_CASE("batch norm backward matches central differences in training mode", "[nn]") {
  Rng rng(11);
  for (int trial = 0; trial < 10; ++trial) {
    INFO("trial " << trial);
    const int rows = 2 + trial, cols = 3;
    BatchNorm<double> layer(cols);
    const RowVector<double> gamma = random_matrix(1, cols, rng, kNormal);
    const RowVector<double> beta = random_matrix(1, cols, rng, kNormal);
    layer.set_parameters(flat(gamma, beta));
    const Matrix<double> inputs = skewed_batch(rows, cols, rng);
    const Matrix<double> weights = random_matrix(rows, cols, rng, kNormal);
    const Matrix<double> outputs = layer.forward(inputs, true);
    const Matrix<double> grad_input = layer.backward(2.0 * weights.cwiseProduct(outputs));

    // Probes in training mode: the output depends on the batch only, not on the running statistics
    // each probe forward() updates.
    BatchNorm<double> probe = layer;
    const auto loss_of_input = [&](const Matrix<double>& x) {
      return weighted_squares(probe.forward(x, true), weights);
    };
    const auto loss_of_parameters = [&](const Vector<double>& parameters) {
      probe.set_parameters(parameters);
      return weighted_squares(probe.forward(inputs, true), weights);
    };
    CHECK(relative_error(grad_input, matrix_gradient_estimate(loss_of_input, inputs), 1e-6) < 1e-6);
    CHECK(relative_error(layer.gradient(),
                         central_difference_gradient(loss_of_parameters, flat(gamma, beta), 1e-5),
                         1e-6) < 1e-6);
  }
}

TEST_CASE("batch norm backward matches central differences in evaluation mode", "[nn]") {
  Rng rng(12);
  BatchNorm<double> layer(3);
  for (int batch = 0; batch < 5; ++batch) layer.forward(skewed_batch(8, 3, rng), true);
  const RowVector<double> gamma = random_matrix(1, 3, rng, kNormal);
  const RowVector<double> beta = random_matrix(1, 3, rng, kNormal);
  layer.set_parameters(flat(gamma, beta));
  const Matrix<double> inputs = skewed_batch(5, 3, rng);
  const Matrix<double> weights = random_matrix(5, 3, rng, kNormal);
  const Matrix<double> grad_input =
      layer.backward(2.0 * weights.cwiseProduct(layer.forward(inputs, false)));

  BatchNorm<double> probe = layer;
  const auto loss_of_input = [&](const Matrix<double>& x) {
    return weighted_squares(probe.forward(x, false), weights);
  };
  const auto loss_of_parameters = [&](const Vector<double>& parameters) {
    probe.set_parameters(parameters);
    return weighted_squares(probe.forward(inputs, false), weights);
  };
  CHECK(relative_error(grad_input, matrix_gradient_estimate(loss_of_input, inputs), 1e-6) < 1e-6);
  CHECK(relative_error(layer.gradient(),
                       central_difference_gradient(loss_of_parameters, flat(gamma, beta), 1e-5),
                       1e-6) < 1e-6);
}

TEST_CASE("batch norm backward accumulates parameter gradients until zero_gradients", "[nn]") {
  Rng rng(5);
  BatchNorm<double> layer(2);
  const Matrix<double> upstream = random_matrix(6, 2, rng, kNormal);
  layer.forward(skewed_batch(6, 2, rng), true);
  const Matrix<double> first = layer.backward(upstream);
  const Vector<double> once = layer.gradient();
  CHECK(once == flat(layer.gamma_gradient(), layer.beta_gradient()));
  // ∂L/∂β = Σ_rows ∂L/∂y; ∂L/∂x sums to 0 per feature (shifting a feature changes nothing).
  CHECK(relative_error(layer.beta_gradient(), upstream.colwise().sum()) < 1e-15);
  CHECK(first.colwise().sum().cwiseAbs().maxCoeff() < 1e-12);
  CHECK(layer.backward(upstream) == first);
  CHECK(relative_error(layer.gradient(), 2.0 * once) < 1e-15);
  layer.zero_gradients();
  CHECK(layer.gradient() == Vector<double>::Zero(4));
}

TEST_CASE("batch norm running statistics follow torch's update and drive evaluation mode", "[nn]") {
  Rng rng(7);
  const double momentum = 0.1;
  BatchNorm<double> layer(3);
  RowVector<double> expected_mean = RowVector<double>::Zero(3);
  RowVector<double> expected_variance = RowVector<double>::Ones(3);
  const std::vector<int> batch_sizes = {4, 10, 2, 7};
  for (const int rows : batch_sizes) {
    const Matrix<double> inputs = skewed_batch(rows, 3, rng);
    for (int col = 0; col < 3; ++col) {
      // running ← (1 − m)·running + m·batch, with the unbiased variance Σ(x − x̄)²/(n − 1).
      const double mean = inputs.col(col).mean();
      const double unbiased = (inputs.col(col).array() - mean).square().sum() / (rows - 1);
      expected_mean(col) = (1.0 - momentum) * expected_mean(col) + momentum * mean;
      expected_variance(col) = (1.0 - momentum) * expected_variance(col) + momentum * unbiased;
    }
    layer.forward(inputs, true);
  }
  CHECK(layer.batches_tracked() == 4);
  CHECK(relative_error(layer.running_mean(), expected_mean) < 1e-14);
  CHECK(relative_error(layer.running_variance(), expected_variance) < 1e-14);

  RowVector<double> gamma(3), beta(3);
  gamma << 1.5, 0.5, -1.0;
  beta << 0.25, -2.0, 1.0;
  layer.set_parameters(flat(gamma, beta));
  // Evaluation mode: a single sample is fine, and the statistics stay put.
  const Matrix<double> sample = descent::test::row({0.5, -1.0, 3.0});
  Matrix<double> expected(1, 3);
  for (int col = 0; col < 3; ++col) {
    expected(0, col) = gamma(col) * (sample(0, col) - expected_mean(col)) /
                           std::sqrt(expected_variance(col) + 1e-5) +
                       beta(col);
  }
  const Matrix<double> cached = layer.normalized();
  CHECK(relative_error(layer.apply(sample), expected) < 1e-14);
  CHECK(layer.normalized() == cached);
  CHECK(relative_error(layer.forward(sample, false), expected) < 1e-14);
  CHECK(layer.batches_tracked() == 4);
  CHECK(relative_error(layer.running_mean(), expected_mean) < 1e-14);
}

TEST_CASE("batch norm in float agrees with double", "[nn]") {
  Rng rng(8);
  const Matrix<double> inputs = skewed_batch(12, 3, rng);
  const Matrix<double> upstream = random_matrix(12, 3, rng, kNormal);
  BatchNorm<double> reference(3);
  BatchNorm<float> layer(3);
  const Matrix<double> outputs = reference.forward(inputs, true);
  const Matrix<double> grad_input = reference.backward(upstream);
  CHECK(relative_error(layer.forward(inputs.cast<float>(), true).cast<double>(), outputs) < 1e-5);
  CHECK(relative_error(layer.backward(upstream.cast<float>()).cast<double>(), grad_input) < 1e-5);
  CHECK(relative_error(layer.running_variance().cast<double>(), reference.running_variance()) <
        1e-6);
}

TEST_CASE("batch norm rejects invalid settings, single-sample training and mismatched shapes",
          "[nn]") {
  CHECK(validate_batch_norm(2, 1e-5, 0.1).empty());
  CHECK_THROWS_WITH(BatchNorm<double>(0), Catch::Contains("features must be at least 1"));
  CHECK_THROWS_WITH(BatchNorm<double>(2, 0.0), Catch::Contains("eps must be finite and > 0"));
  CHECK_THROWS_AS(BatchNorm<double>(2, std::nan("")), std::invalid_argument);
  CHECK_THROWS_WITH(BatchNorm<double>(2, 1e-5, 1.5), Catch::Contains("momentum"));

  BatchNorm<double> layer(2);
  CHECK_THROWS_AS(layer.backward(Matrix<double>::Zero(3, 2)), std::logic_error);
  const Matrix<double> one_sample = descent::test::row({1.0, 2.0});
  CHECK(layer.check_input(one_sample, false).empty());
  CHECK_THAT(layer.check_input(one_sample, true),
             Catch::Contains("training mode needs more than 1 sample"));
  CHECK_THROWS_WITH(layer.forward(one_sample, true),
                    Catch::Contains("training mode needs more than 1 sample"));
  CHECK(layer.batches_tracked() == 0);
  CHECK_THROWS_WITH(layer.forward(Matrix<double>::Zero(4, 3), true),
                    Catch::Contains("input has 3 columns, the layer expects 2"));
  CHECK_THROWS_WITH(layer.forward(Matrix<double>::Zero(0, 2), false),
                    Catch::Contains("no samples"));
  CHECK_THROWS_AS(layer.apply(Matrix<double>::Zero(2, 3)), std::invalid_argument);
  layer.forward(Matrix<double>::Zero(4, 2), true);
  CHECK_THROWS_AS(layer.backward(Matrix<double>::Zero(3, 2)), std::invalid_argument);
  CHECK_THROWS_WITH(layer.set_parameters(Vector<double>::Zero(3)),
                    Catch::Contains("expected 4 parameters"));
}

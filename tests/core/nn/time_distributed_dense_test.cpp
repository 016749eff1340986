#include "descent/nn/time_distributed_dense.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

#include "descent/nn/dense_layer.hpp"
#include "module_gradient_check.hpp"

using descent::Rng;
using descent::nn::DenseLayer;
using descent::nn::Initializer;
using descent::nn::InitKind;
using descent::nn::Matrix;
using descent::nn::Mode;
using descent::nn::TensorShape;
using descent::nn::TimeDistributedDense;
using descent::test::module_gradient_error;

namespace {

template <typename Scalar = double>
TimeDistributedDense<Scalar> head(int in, int out, std::uint64_t seed = 3) {
  Rng rng(seed);
  return TimeDistributedDense<Scalar>(in, out, Initializer{InitKind::kXavierUniform}, rng);
}

Matrix<double> normal_matrix(Eigen::Index rows, Eigen::Index cols, Rng& rng) {
  return descent::test::random_matrix(rows, cols, rng, [](Rng& r) { return r.normal(); });
}

}  // namespace

TEST_CASE("a time-distributed dense layer is the dense layer at every step",
          "[nn][time_distributed]") {
  Rng rng(6);
  TimeDistributedDense<double> layer = head(3, 2);
  layer.set_bias(normal_matrix(1, 2, rng));
  // The same weights drawn from the same seed.
  Rng dense_rng(3);
  DenseLayer<double> dense(3, 2, Initializer{InitKind::kXavierUniform}, dense_rng);
  REQUIRE(dense.weights() == layer.weights());
  dense.set_bias(layer.bias());
  const Matrix<double> input = normal_matrix(4, 5 * 3, rng);
  const Matrix<double> output = layer.apply(input);
  REQUIRE(output.cols() == 5 * 2);
  for (int t = 0; t < 5; ++t) {
    const Matrix<double> step = input.middleCols(t * 3, 3);
    CHECK(output.middleCols(t * 2, 2) == dense.apply(step));
  }
  CHECK(layer.output_shape(TensorShape::sequence(4, 5, 3)) == TensorShape::sequence(4, 5, 2));
  CHECK(layer.name() == "time-distributed dense 3→2");
}

TEST_CASE("a time-distributed dense layer passes the module gradient check",
          "[nn][time_distributed]") {
  CHECK(module_gradient_error(head(3, 2), TensorShape::sequence(1, 1, 3)) < 1e-7);
  CHECK(module_gradient_error(head(3, 2), TensorShape::sequence(4, 5, 3)) < 1e-7);
  CHECK(module_gradient_error(head(1, 4), TensorShape::sequence(2, 3, 1)) < 1e-7);
  CHECK(module_gradient_error(head(5, 1), TensorShape::sequence(1, 6, 5)) < 1e-7);
}

TEST_CASE("a time-distributed dense layer rejects inputs of the wrong width",
          "[nn][time_distributed]") {
  TimeDistributedDense<double> layer = head(3, 2);
  CHECK_THROWS_WITH(layer.output_shape(TensorShape::sequence(4, 5, 2)),
                    Catch::Contains("time-distributed dense 3→2: input is (batch 4, time 5"));
  CHECK_THROWS_AS(layer.output_shape(TensorShape::features(4, 15)), std::invalid_argument);
  CHECK_THROWS_WITH(layer.apply(Matrix<double>::Zero(2, 7)),
                    Catch::Contains("input has 7 columns, expected time × 3"));
  CHECK_THROWS_AS(layer.backward(Matrix<double>::Zero(1, 6), Matrix<double>::Zero(1, 4)),
                  std::logic_error);
  Rng draws(1);
  layer.forward(Matrix<double>::Zero(1, 6), Mode::kTraining, draws);
  CHECK_THROWS_AS(layer.backward(Matrix<double>::Zero(1, 6), Matrix<double>::Zero(1, 5)),
                  std::invalid_argument);
  CHECK_THROWS_AS(layer.set_weights(Matrix<double>::Zero(2, 3)), std::invalid_argument);
  Rng rng(1);
  CHECK_THROWS_AS(TimeDistributedDense<float>(0, 2, Initializer{}, rng), std::invalid_argument);
}

TEST_CASE("a time-distributed dense layer is deterministic and float follows double",
          "[nn][time_distributed]") {
  Rng rng(5);
  const Matrix<double> input = normal_matrix(8, 4 * 3, rng);
  const Matrix<float> input_float = input.cast<float>();
  TimeDistributedDense<float> first = head<float>(3, 2, 9), second = head<float>(3, 2, 9);
  Rng draws(1);
  const Matrix<float> out_first = first.forward(input_float, Mode::kTraining, draws);
  CHECK(out_first == second.forward(input_float, Mode::kTraining, draws));
  const Matrix<float> grad = Matrix<float>::Ones(8, out_first.cols());
  CHECK(first.backward(input_float, grad) == second.backward(input_float, grad));
  CHECK(first.weight_gradient() == second.weight_gradient());
  TimeDistributedDense<double> exact = head<double>(3, 2, 9);
  CHECK((exact.apply(input) - out_first.cast<double>()).cwiseAbs().maxCoeff() < 1e-5);
}

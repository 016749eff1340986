#include "descent/nn/dense_layer.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "descent/nn/activation_layer.hpp"
#include "nn_test_support.hpp"

using descent::Rng;
using descent::nn::Activation;
using descent::nn::activation_from_name;
using descent::nn::activation_names;
using descent::nn::ActivationKind;
using descent::nn::ActivationLayer;
using descent::nn::DenseLayer;
using descent::nn::initialize_weights;
using descent::nn::Initializer;
using descent::nn::InitKind;
using descent::nn::Matrix;
using descent::nn::Mode;
using descent::nn::RowVector;
using descent::test::matrix_gradient_estimate;
using descent::test::random_matrix;
using descent::testing::relative_error;

namespace {

const auto kNormal = [](Rng& rng) { return rng.normal(); };

// A dense layer followed by its activation module, as a network compiles a LayerSpec: the layer
// computes z = X·W + b, the activation a = f(z), and backward runs them in reverse.
struct DenseThenActivation {
  DenseLayer<double> dense;
  ActivationLayer<double> activation;
  Rng unused_rng{0};  // neither module draws

  const Matrix<double>& forward(const Matrix<double>& input) {
    return activation.forward(dense.forward(input), Mode::kTraining, unused_rng);
  }
  const Matrix<double>& backward(const Matrix<double>& grad_output) {
    return dense.backward(activation.backward(dense.output(), grad_output));
  }
  void accumulate_parameter_gradients(const Matrix<double>& grad_output) {
    dense.accumulate_parameter_gradients(activation.backward(dense.output(), grad_output));
  }
  Matrix<double> apply(const Matrix<double>& input) const {
    return activation.apply(dense.apply(input));
  }
  const Matrix<double>& weights() const { return dense.weights(); }
  const RowVector<double>& bias() const { return dense.bias(); }
  void set_weights(const Matrix<double>& weights) { dense.set_weights(weights); }
  void set_bias(const RowVector<double>& bias) { dense.set_bias(bias); }
  const Matrix<double>& weight_gradient() const { return dense.weight_gradient(); }
  const RowVector<double>& bias_gradient() const { return dense.bias_gradient(); }
  void zero_gradients() { dense.zero_gradients(); }
  Matrix<double> input() const { return dense.input(); }
  const Matrix<double>& pre_activation() const { return dense.pre_activation(); }
  const Matrix<double>& output() const { return activation.output(); }
};

DenseThenActivation make_layer(int fan_in, int fan_out, const Activation& activation,
                               std::uint64_t seed) {
  Rng rng(seed);
  return {DenseLayer<double>(fan_in, fan_out, Initializer{InitKind::kXavierNormal}, rng),
          ActivationLayer<double>(activation)};
}

}  // namespace

TEST_CASE("dense layer initialises weights from the initializer and the bias at zero", "[nn]") {
  const Initializer initializer{InitKind::kHeUniform};
  Rng layer_rng(7), reference_rng(7);
  const DenseLayer<double> layer(3, 4, initializer, layer_rng);
  CHECK(layer.weights() == initialize_weights<double>(initializer, 3, 4, reference_rng));
  CHECK(layer.bias() == RowVector<double>::Zero(4));
  CHECK(layer.weight_gradient() == Matrix<double>::Zero(3, 4));
  CHECK(layer.bias_gradient() == RowVector<double>::Zero(4));
  CHECK(layer.fan_in() == 3);
  CHECK(layer.fan_out() == 4);
  CHECK(layer.parameter_count() == 3 * 4 + 4);
}

TEST_CASE("dense layer forward computes f(X·W + b) row by row and caches X, z, a", "[nn]") {
  DenseThenActivation layer = make_layer(2, 2, ActivationKind::kRelu, 1);
  Matrix<double> weights(2, 2);
  weights << 1.0, -1.0,  //
      2.0, 0.5;
  layer.set_weights(weights);
  layer.set_bias(RowVector<double>::Constant(2, 0.5));
  Matrix<double> inputs(2, 2);
  inputs << 1.0, 1.0,  //
      -1.0, 0.0;
  // Sample 1: z = (1 + 2 + 0.5, −1 + 0.5 + 0.5) = (3.5, 0); sample 2: (−1 + 0.5, 1 + 0.5) =
  // (−0.5, 1.5).
  Matrix<double> expected_z(2, 2);
  expected_z << 3.5, 0.0,  //
      -0.5, 1.5;
  Matrix<double> expected_a(2, 2);
  expected_a << 3.5, 0.0,  //
      0.0, 1.5;
  const Matrix<double> a = layer.forward(inputs);
  CHECK(a == expected_a);
  CHECK(layer.pre_activation() == expected_z);
  CHECK(layer.output() == expected_a);
  CHECK(layer.input() == inputs);
  CHECK(layer.apply(inputs) == expected_a);
}

TEST_CASE("dense layer apply leaves the forward cache alone", "[nn]") {
  DenseThenActivation layer = make_layer(3, 2, ActivationKind::kTanh, 2);
  Rng rng(3);
  const Matrix<double> first = random_matrix(4, 3, rng, kNormal);
  const Matrix<double> second = random_matrix(5, 3, rng, kNormal);
  const Matrix<double> cached = layer.forward(first);
  const Matrix<double> applied = layer.apply(second);
  CHECK(applied.rows() == 5);
  CHECK(layer.input() == first);
  CHECK(layer.output() == cached);
}

TEST_CASE("dense layer backward matches central differences for every activation", "[nn]") {
  // L = Σ G ⊙ a for a fixed random G, so ∂L/∂a = G; compare ∂L/∂X, ∂L/∂W and ∂L/∂b with finite
  // differences of L. Inputs are kept away from the ReLU-family kink z = 0.
  Rng rng(11);
  for (const std::string& name : activation_names()) {
    INFO("activation " << name);
    Activation activation;
    REQUIRE(activation_from_name(name, activation).empty());
    DenseThenActivation layer = make_layer(3, 4, activation, 5);
    layer.set_bias(random_matrix(1, 4, rng, kNormal));
    const Matrix<double> inputs = random_matrix(6, 3, rng, kNormal);
    const Matrix<double> upstream = random_matrix(6, 4, rng, kNormal);
    layer.forward(inputs);
    REQUIRE(layer.pre_activation().cwiseAbs().minCoeff() > 1e-3);
    const Matrix<double> grad_input = layer.backward(upstream);

    const auto loss_of_input = [&](const Matrix<double>& x) {
      return layer.apply(x).cwiseProduct(upstream).sum();
    };
    const Matrix<double> weights = layer.weights();
    const RowVector<double> bias = layer.bias();
    DenseThenActivation probe = layer;
    const auto loss_of_weights = [&](const Matrix<double>& w) {
      probe.set_weights(w);
      return probe.apply(inputs).cwiseProduct(upstream).sum();
    };
    const auto loss_of_bias = [&](const Matrix<double>& b) {
      probe.set_weights(weights);
      probe.set_bias(b);
      return probe.apply(inputs).cwiseProduct(upstream).sum();
    };
    CHECK(relative_error(grad_input, matrix_gradient_estimate(loss_of_input, inputs), 1e-6) < 1e-7);
    CHECK(relative_error(layer.weight_gradient(),
                         matrix_gradient_estimate(loss_of_weights, weights), 1e-6) < 1e-7);
    CHECK(relative_error(layer.bias_gradient(),
                         matrix_gradient_estimate(loss_of_bias, Matrix<double>(bias)),
                         1e-6) < 1e-7);
  }
}

TEST_CASE("dense layer backward accumulates until zero_gradients", "[nn]") {
  DenseThenActivation layer = make_layer(2, 3, ActivationKind::kSigmoid, 4);
  Rng rng(9);
  const Matrix<double> inputs = random_matrix(5, 2, rng, kNormal);
  const Matrix<double> upstream = random_matrix(5, 3, rng, kNormal);
  layer.forward(inputs);
  const Matrix<double> first_input_gradient = layer.backward(upstream);
  const Matrix<double> once_weights = layer.weight_gradient();
  const RowVector<double> once_bias = layer.bias_gradient();
  // The same backward again returns the same ∂L/∂X and doubles the accumulators.
  CHECK(layer.backward(upstream) == first_input_gradient);
  CHECK(relative_error(layer.weight_gradient(), 2.0 * once_weights) < 1e-15);
  CHECK(relative_error(layer.bias_gradient(), 2.0 * once_bias) < 1e-15);
  layer.zero_gradients();
  CHECK(layer.weight_gradient() == Matrix<double>::Zero(2, 3));
  CHECK(layer.bias_gradient() == RowVector<double>::Zero(3));
}

TEST_CASE("dense layer parameter-only backward adds what backward adds", "[nn]") {
  DenseThenActivation layer = make_layer(2, 3, ActivationKind::kTanh, 4);
  Rng rng(10);
  const Matrix<double> inputs = random_matrix(5, 2, rng, kNormal);
  const Matrix<double> upstream = random_matrix(5, 3, rng, kNormal);
  layer.forward(inputs);
  layer.backward(upstream);
  const Matrix<double> full_weights = layer.weight_gradient();
  const RowVector<double> full_bias = layer.bias_gradient();
  layer.zero_gradients();
  layer.accumulate_parameter_gradients(upstream);
  CHECK(layer.weight_gradient() == full_weights);
  CHECK(layer.bias_gradient() == full_bias);
  CHECK_THROWS_AS(layer.accumulate_parameter_gradients(Matrix<double>::Zero(5, 2)),
                  std::invalid_argument);
}

TEST_CASE("dense layer rejects invalid construction and mismatched shapes", "[nn]") {
  Rng rng(1);
  const Initializer initializer;
  CHECK_THROWS_AS(DenseLayer<double>(0, 2, initializer, rng), std::invalid_argument);
  CHECK_THROWS_AS(DenseLayer<double>(2, 0, initializer, rng), std::invalid_argument);
  CHECK_THROWS_AS(ActivationLayer<double>(Activation(ActivationKind::kLeakyRelu, 2.0)),
                  std::invalid_argument);

  DenseThenActivation layer = make_layer(3, 2, ActivationKind::kTanh, 1);
  CHECK_THROWS_AS(layer.backward(Matrix<double>::Zero(1, 2)), std::logic_error);
  CHECK_THROWS_WITH(layer.forward(Matrix<double>::Zero(4, 2)),
                    Catch::Contains("input has 2 columns, the layer expects 3"));
  CHECK_THROWS_AS(layer.apply(Matrix<double>::Zero(4, 4)), std::invalid_argument);
  layer.forward(Matrix<double>::Zero(4, 3));
  CHECK_THROWS_AS(layer.backward(Matrix<double>::Zero(3, 2)), std::invalid_argument);
  CHECK_THROWS_WITH(layer.set_weights(Matrix<double>::Zero(2, 3)),
                    Catch::Contains("weights must be 3×2, got 2×3"));
  CHECK_THROWS_AS(layer.set_bias(RowVector<double>::Zero(3)), std::invalid_argument);
}

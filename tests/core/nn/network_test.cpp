#include "descent/nn/network.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "descent/optim/optimizer_catalog.hpp"
#include "nn_test_support.hpp"

using descent::make_optimizer;
using descent::OptimizerSettings;
using descent::Rng;
using descent::nn::Activation;
using descent::nn::activation_from_name;
using descent::nn::activation_names;
using descent::nn::ActivationKind;
using descent::nn::ActivationLayer;
using descent::nn::BatchNorm;
using descent::nn::DenseLayer;
using descent::nn::InitKind;
using descent::nn::LayerDiagnostics;
using descent::nn::LayerSpec;
using descent::nn::Loss;
using descent::nn::LossAndGradient;
using descent::nn::LossKind;
using descent::nn::Matrix;
using descent::nn::Network;
using descent::nn::NetworkConfig;
using descent::nn::validate_network_config;
using descent::nn::Vector;
using descent::test::random_matrix;
using descent::test::row;
using descent::testing::central_difference_gradient;
using descent::testing::relative_error;

namespace {

const auto kNormal = [](Rng& rng) { return rng.normal(); };

NetworkConfig make_config(int input_width, std::vector<LayerSpec> layers, std::uint64_t seed) {
  NetworkConfig config;
  config.input_width = input_width;
  config.layers = std::move(layers);
  config.initializer.kind = InitKind::kXavierNormal;
  config.seed = seed;
  return config;
}

// The seeds' worked example: 1 input → 1 ReLU unit → 1 linear output, parameters in the flat
// order [w1, b1, w2, b2].
Network<double> worked_example_network(double w1) {
  Network<double> network(
      make_config(1, {{1, ActivationKind::kRelu}, {1, ActivationKind::kLinear}}, 0));
  Vector<double> parameters(4);
  parameters << w1, 0.1, -0.3, 0.2;
  network.set_parameters(parameters);
  return network;
}

bool has_kink(ActivationKind kind) {
  return kind == ActivationKind::kRelu || kind == ActivationKind::kLeakyRelu ||
         kind == ActivationKind::kElu;
}

// True when some input of a kinked activation in the last pass lies within 1e-4 of 0, where a
// finite difference could straddle the kink: z, or after a batch norm its output γ ⊙ x̂ + β.
bool near_kink(const Network<double>& network) {
  for (int index = 0; index < network.depth(); ++index) {
    const auto& spec = network.config().layers[static_cast<std::size_t>(index)];
    if (!has_kink(spec.activation.kind)) continue;
    const auto& norm = network.batch_norm(index);
    const Matrix<double> activation_input =
        norm ? Matrix<double>(
                   ((norm->normalized().array().rowwise() * norm->gamma().array()).rowwise() +
                    norm->beta().array())
                       .matrix())
             : network.layer(index).pre_activation();
    if (activation_input.cwiseAbs().minCoeff() < 1e-4) return true;
  }
  return false;
}

// Targets the loss can mean, for a batch of `rows` samples and `cols` outputs.
Matrix<double> random_targets(LossKind kind, Eigen::Index rows, Eigen::Index cols, Rng& rng) {
  if (kind == LossKind::kBinaryCrossEntropy) {
    return random_matrix(rows, cols, rng, [](Rng& r) { return r.uniform(); });
  }
  if (kind == LossKind::kCrossEntropy) {
    Matrix<double> one_hot = Matrix<double>::Zero(rows, cols);
    for (Eigen::Index sample = 0; sample < rows; ++sample) {
      one_hot(sample, static_cast<Eigen::Index>(rng.next_u64() % cols)) = 1.0;
    }
    return one_hot;
  }
  return random_matrix(rows, cols, rng, kNormal);
}

// Max relative error of loss_and_gradient's gradient against central differences of the loss on
// the flat parameters, over networks built from `seed` upwards until one has no pre-activation
// near a kink. The parameters (biases, γ and β included) get N(0, perturbation²) noise, so they
// are not at their initial values. Training-mode batch norm moves its running statistics and
// dropout draws a fresh mask on every call, so each central-difference evaluation runs on a copy
// of the network taken before the analytic pass: every evaluation sees the same Rng state — the
// same dropout mask — as the analytic pass.
double gradient_check_error(const NetworkConfig& base, LossKind loss_kind, std::uint64_t seed,
                            double perturbation = 0.1, int rows = 6) {
  const Loss loss{loss_kind};
  for (std::uint64_t attempt = 0; attempt < 20; ++attempt) {
    NetworkConfig config = base;
    config.seed = seed + attempt;
    Network<double> network(config);
    Rng rng(config.seed);
    network.set_parameters(
        network.get_parameters() +
        perturbation * Vector<double>(random_matrix(network.parameter_count(), 1, rng, kNormal)));
    const Matrix<double> inputs = random_matrix(rows, config.input_width, rng, kNormal);
    const Matrix<double> targets = random_targets(loss_kind, rows, network.output_width(), rng);
    const Vector<double> parameters = network.get_parameters();
    const Network<double> before_pass = network;
    const LossAndGradient<double> analytic = network.loss_and_gradient(inputs, targets, loss);
    if (near_kink(network)) continue;
    const auto loss_at = [&](const Eigen::VectorXd& point) {
      Network<double> copy = before_pass;
      copy.set_parameters(point);
      return copy.loss_and_gradient(inputs, targets, loss).loss;
    };
    const Eigen::VectorXd numeric = central_difference_gradient(loss_at, parameters, 1e-6);
    return relative_error(analytic.gradient, numeric, 1e-6);
  }
  FAIL("no seed gave pre-activations away from the kink");
  return 1.0;
}

// For batch norm and dropout: larger noise on γ and β, and a batch of 8.
double training_gradient_check_error(const NetworkConfig& base, LossKind loss_kind,
                                     std::uint64_t seed) {
  return gradient_check_error(base, loss_kind, seed, 0.3, 8);
}

LayerSpec hidden(int width, Activation activation, bool batch_norm, double dropout_rate = 0.0,
                 bool residual = false) {
  LayerSpec spec{width, activation, residual};
  spec.batch_norm = batch_norm;
  spec.dropout_rate = dropout_rate;
  return spec;
}

// XOR as 4 samples of 2 inputs with 0/1 labels.
Matrix<double> xor_inputs() {
  Matrix<double> inputs(4, 2);
  inputs << 0, 0,  //
      0, 1,        //
      1, 0,        //
      1, 1;
  return inputs;
}

Matrix<double> xor_targets() {
  Matrix<double> targets(4, 1);
  targets << 0, 1, 1, 0;
  return targets;
}

}  // namespace

TEST_CASE("network reproduces the seeds' worked example (1 → 1 ReLU → 1 linear, MSE)", "[nn]") {
  // x = 2, y = 1, w1 = 0.5, b1 = 0.1, w2 = −0.3, b2 = 0.2:
  //   z1 = 0.5·2 + 0.1 = 1.1, a1 = relu(1.1) = 1.1, ŷ = −0.3·1.1 + 0.2 = −0.13,
  //   L = (ŷ − y)² = (−1.13)² = 1.2769 (torch's MSE of one element: no extra ½).
  //   ∂L/∂ŷ = 2(ŷ − y) = −2.26; ∂L/∂w2 = −2.26·a1 = −2.486; ∂L/∂b2 = −2.26;
  //   ∂L/∂a1 = −2.26·w2 = 0.678 = ∂L/∂z1 (relu' = 1 at 1.1); ∂L/∂w1 = 0.678·x = 1.356;
  //   ∂L/∂b1 = 0.678.
  Network<double> network = worked_example_network(0.5);
  const LossAndGradient<double> result =
      network.loss_and_gradient(row({2.0}), row({1.0}), Loss{LossKind::kMse});
  CHECK(network.layer(0).pre_activation()(0, 0) == Approx(1.1).epsilon(1e-14));
  CHECK(network.activation_layer(0).output()(0, 0) == Approx(1.1).epsilon(1e-14));
  CHECK(network.predict(row({2.0}))(0, 0) == Approx(-0.13).epsilon(1e-13));
  CHECK(result.loss == Approx(1.2769).epsilon(1e-14));
  REQUIRE(result.gradient.size() == 4);
  CHECK(result.gradient(0) == Approx(1.356).epsilon(1e-13));   // w1
  CHECK(result.gradient(1) == Approx(0.678).epsilon(1e-13));   // b1
  CHECK(result.gradient(2) == Approx(-2.486).epsilon(1e-13));  // w2
  CHECK(result.gradient(3) == Approx(-2.26).epsilon(1e-13));   // b2
}

TEST_CASE("a dead ReLU passes no gradient to its layer", "[nn]") {
  // w1 = −1: z1 = −1·2 + 0.1 = −1.9, a1 = 0, ŷ = b2 = 0.2, L = (0.2 − 1)² = 0.64,
  // ∂L/∂ŷ = −1.6 = ∂L/∂b2, ∂L/∂w2 = −1.6·a1 = 0, and relu'(−1.9) = 0 zeroes ∂L/∂w1 and ∂L/∂b1.
  Network<double> network = worked_example_network(-1.0);
  const LossAndGradient<double> result =
      network.loss_and_gradient(row({2.0}), row({1.0}), Loss{LossKind::kMse});
  CHECK(network.layer(0).pre_activation()(0, 0) == Approx(-1.9).epsilon(1e-14));
  CHECK(result.loss == Approx(0.64).epsilon(1e-14));
  CHECK(result.gradient(0) == 0.0);
  CHECK(result.gradient(1) == 0.0);
  CHECK(result.gradient(2) == 0.0);
  CHECK(result.gradient(3) == Approx(-1.6).epsilon(1e-14));
  const std::vector<LayerDiagnostics> diagnostics = network.layer_diagnostics();
  REQUIRE(diagnostics.size() == 2);
  CHECK(diagnostics[0].zero_fraction == 1.0);
  CHECK(diagnostics[0].dead_unit_fraction == 1.0);
  CHECK(diagnostics[0].weight_gradient_norm == 0.0);
  CHECK(diagnostics[0].bias_gradient_norm == 0.0);
}

TEST_CASE("network diagnostics describe the last forward and backward pass", "[nn]") {
  Network<double> network = worked_example_network(0.5);
  CHECK(network.layer_diagnostics().empty());
  network.loss_and_gradient(row({2.0}), row({1.0}), Loss{LossKind::kMse});
  const std::vector<LayerDiagnostics> diagnostics = network.layer_diagnostics();
  REQUIRE(diagnostics.size() == 2);
  // Layer 1 (the worked example): a1 = 1.1 on the one sample, |w1| = 0.5, ∂L/∂w1 = 1.356,
  // ∂L/∂b1 = 0.678.
  CHECK(diagnostics[0].activation_mean == Approx(1.1).epsilon(1e-14));
  CHECK(diagnostics[0].activation_std == 0.0);
  CHECK(diagnostics[0].zero_fraction == 0.0);
  CHECK(diagnostics[0].dead_unit_fraction == 0.0);
  CHECK(diagnostics[0].weight_norm == 0.5);
  CHECK(diagnostics[0].weight_gradient_norm == Approx(1.356).epsilon(1e-13));
  CHECK(diagnostics[0].bias_gradient_norm == Approx(0.678).epsilon(1e-13));
  // Output layer: ŷ = −0.13, |w2| = 0.3, ∂L/∂w2 = −2.486.
  CHECK(diagnostics[1].activation_mean == Approx(-0.13).epsilon(1e-13));
  CHECK(diagnostics[1].weight_norm == Approx(0.3).epsilon(1e-15));
  CHECK(diagnostics[1].weight_gradient_norm == Approx(2.486).epsilon(1e-13));

  // Statistics over a batch: a ReLU unit off on 1 of 2 samples is not dead, one off on both is.
  Network<double> wide(
      make_config(1, {{2, ActivationKind::kRelu}, {1, ActivationKind::kLinear}}, 0));
  Vector<double> parameters(7);
  parameters << 1.0, -1.0, 0.0, 0.0, 1.0, 1.0, 0.0;  // W1 = [1, −1], b1 = 0, W2 = [1; 1], b2 = 0
  wide.set_parameters(parameters);
  Matrix<double> inputs(2, 1);
  inputs << 1.0, 3.0;  // f(z) = [[1, 0], [3, 0]]: unit 2 is dead on this batch
  wide.loss_and_gradient(inputs, Matrix<double>::Zero(2, 1), Loss{LossKind::kMse});
  const LayerDiagnostics hidden = wide.layer_diagnostics()[0];
  CHECK(hidden.activation_mean == 1.0);
  CHECK(hidden.activation_std == Approx(std::sqrt(1.5)).epsilon(1e-15));  // values 1, 0, 3, 0
  CHECK(hidden.zero_fraction == 0.5);
  CHECK(hidden.dead_unit_fraction == 0.5);

  wide.set_parameters(parameters);
  CHECK(wide.layer_diagnostics().empty());
}

TEST_CASE("network gradient matches central differences for every activation and loss", "[nn]") {
  double max_error = 0.0;
  std::uint64_t seed = 100;
  for (const std::string& name : activation_names()) {
    Activation activation;
    REQUIRE(activation_from_name(name, activation).empty());
    // A plain stack, then one with two residual hidden layers; the output is linear, as the
    // cross-entropy losses (which take logits) require.
    const std::vector<NetworkConfig> architectures = {
        make_config(3, {{5, activation}, {4, activation}, {3, ActivationKind::kLinear}}, 0),
        make_config(2,
                    {{4, activation},
                     {4, activation, true},
                     {4, activation, true},
                     {3, ActivationKind::kLinear}},
                    0),
    };
    for (const NetworkConfig& config : architectures) {
      for (const LossKind loss_kind :
           {LossKind::kMse, LossKind::kCrossEntropy, LossKind::kBinaryCrossEntropy}) {
        INFO("activation " << name << ", " << config.layers.size() << " layers, loss "
                           << static_cast<int>(loss_kind));
        const double error = gradient_check_error(config, loss_kind, seed);
        seed += 100;
        CHECK(error < 1e-6);
        max_error = std::max(max_error, error);
      }
    }
  }
  // A non-linear output activation: sigmoid outputs with MSE.
  const double sigmoid_output_error = gradient_check_error(
      make_config(2, {{3, ActivationKind::kTanh}, {2, ActivationKind::kSigmoid}}, 0),
      LossKind::kMse, seed);
  CHECK(sigmoid_output_error < 1e-6);
  max_error = std::max(max_error, sigmoid_output_error);
  INFO("network gradient check: max relative error " << max_error);
  CHECK(max_error < 1e-6);
}

TEST_CASE("a deep linear network is one affine map", "[nn]") {
  // With f(z) = z, X·W1 + b1 through W2, W3 gives X·(W1·W2·W3) + (b1·W2·W3 + b2·W3 + b3).
  Network<double> network(make_config(
      3, {{4, ActivationKind::kLinear}, {5, ActivationKind::kLinear}, {2, ActivationKind::kLinear}},
      21));
  Rng rng(22);
  network.set_parameters(random_matrix(network.parameter_count(), 1, rng, kNormal));
  const auto& w1 = network.layer(0).weights();
  const auto& w2 = network.layer(1).weights();
  const auto& w3 = network.layer(2).weights();
  const Matrix<double> product = w1 * w2 * w3;
  const Matrix<double> offset =
      network.layer(0).bias() * w2 * w3 + network.layer(1).bias() * w3 + network.layer(2).bias();
  const Matrix<double> inputs = random_matrix(8, 3, rng, kNormal);
  const Matrix<double> expected = (inputs * product).rowwise() + offset.row(0);
  CHECK(relative_error(network.predict(inputs), expected) < 1e-14);
}

TEST_CASE("network parameters round-trip in the documented flat order", "[nn]") {
  Network<double> network(make_config(
      3,
      {{4, ActivationKind::kTanh}, {4, ActivationKind::kRelu, true}, {2, ActivationKind::kLinear}},
      5));
  CHECK(network.parameter_count() == (3 * 4 + 4) + (4 * 4 + 4) + (4 * 2 + 2));
  const Vector<double> initial = network.get_parameters();
  // Layer 1's W row by row: W(i, j) at i·fan_out + j; then its bias, then layer 2.
  CHECK(initial(1) == network.layer(0).weights()(0, 1));
  CHECK(initial(4) == network.layer(0).weights()(1, 0));
  CHECK(initial.segment(12, 4) == network.layer(0).bias().transpose());
  CHECK(initial(16) == network.layer(1).weights()(0, 0));

  Rng rng(6);
  const Vector<double> parameters = random_matrix(network.parameter_count(), 1, rng, kNormal);
  network.set_parameters(parameters);
  CHECK(network.get_parameters() == parameters);
  CHECK(network.layer(2).bias()(1) == parameters(parameters.size() - 1));
  CHECK_THROWS_WITH(network.set_parameters(Vector<double>::Zero(3)),
                    Catch::Contains("expected 46 parameters, got 3"));
}

TEST_CASE("network initial weights depend only on the seed, layer by layer", "[nn]") {
  const NetworkConfig config =
      make_config(2, {{8, ActivationKind::kRelu}, {3, ActivationKind::kLinear}}, 42);
  CHECK(Network<double>(config).get_parameters() == Network<double>(config).get_parameters());
  NetworkConfig other_seed = config;
  other_seed.seed = 43;
  CHECK(Network<double>(other_seed).get_parameters() != Network<double>(config).get_parameters());
  // Each layer draws from its own stream: a different output width leaves layer 1 unchanged.
  NetworkConfig wider_output = config;
  wider_output.layers[1].width = 5;
  CHECK(Network<double>(wider_output).layer(0).weights() ==
        Network<double>(config).layer(0).weights());
  CHECK(Network<double>(config).layer(0).bias() == Vector<double>::Zero(8).transpose());
}

TEST_CASE("float network agrees with the double network", "[nn]") {
  const NetworkConfig config = make_config(3,
                                           {{16, ActivationKind::kTanh},
                                            {16, ActivationKind::kGelu, true},
                                            {2, ActivationKind::kLinear}},
                                           8);
  Network<double> network_double(config);
  Network<float> network_float(config);
  CHECK(network_float.get_parameters() == network_double.get_parameters().cast<float>());
  Rng rng(9);
  const Matrix<double> inputs = random_matrix(32, 3, rng, kNormal);
  const Matrix<double> targets = random_matrix(32, 2, rng, kNormal);
  const Loss loss{LossKind::kMse};
  const LossAndGradient<double> exact = network_double.loss_and_gradient(inputs, targets, loss);
  const LossAndGradient<float> rounded =
      network_float.loss_and_gradient(inputs.cast<float>(), targets.cast<float>(), loss);
  CHECK(relative_error(network_float.predict(inputs.cast<float>()).cast<double>(),
                       network_double.predict(inputs)) < 1e-5);
  CHECK(relative_error(static_cast<double>(rounded.loss), exact.loss) < 1e-5);
  CHECK(relative_error(rounded.gradient.cast<double>(), exact.gradient) < 1e-4);
}

TEST_CASE("network config validation names the offending layer", "[nn]") {
  const NetworkConfig valid = make_config(
      2,
      {{4, ActivationKind::kRelu}, {4, ActivationKind::kRelu, true}, {1, ActivationKind::kLinear}},
      0);
  CHECK(validate_network_config(valid).empty());

  NetworkConfig config = valid;
  config.input_width = 0;
  CHECK(validate_network_config(config) ==
        "network: input width must be between 1 and 1024, got 0");
  config = valid;
  config.layers[2].width = 1025;
  CHECK(validate_network_config(config) ==
        "network: layer 3 width must be between 1 and 1024, got 1025");
  config = valid;
  config.layers.clear();
  CHECK_THAT(validate_network_config(config), Catch::Contains("between 1 and 64, got 0"));
  config.layers.assign(65, LayerSpec{2, ActivationKind::kTanh});
  CHECK_THAT(validate_network_config(config), Catch::Contains("between 1 and 64, got 65"));
  config = valid;
  config.layers[1].activation = Activation(ActivationKind::kLeakyRelu, 3.0);
  CHECK_THAT(validate_network_config(config), Catch::StartsWith("network: layer 2: leaky_relu"));
  config = valid;
  config.initializer.kind = InitKind::kNormal;
  config.initializer.stddev = -1.0;
  CHECK_THAT(validate_network_config(config), Catch::StartsWith("network: normal"));
  config = valid;
  config.layers[0].residual = true;
  CHECK_THAT(validate_network_config(config), Catch::StartsWith("network: layer 1: a residual"));
  config = valid;
  config.layers[2].residual = true;
  CHECK_THAT(validate_network_config(config), Catch::StartsWith("network: layer 3: a residual"));
  config = valid;
  config.layers[1].width = 6;
  CHECK(validate_network_config(config) ==
        "network: layer 2: a residual connection adds the layer's input to its output, so its "
        "width (6) must equal the previous layer's (4)");
  CHECK_THROWS_WITH(Network<float>(config), Catch::Contains("must equal the previous layer's"));
}

TEST_CASE("network rejects batches that do not fit", "[nn]") {
  Network<double> network = worked_example_network(0.5);
  CHECK_THROWS_WITH(network.predict(Matrix<double>::Zero(3, 2)),
                    Catch::Contains("inputs have 2 columns, the network expects 1"));
  CHECK_THROWS_WITH(network.predict(Matrix<double>::Zero(0, 1)), Catch::Contains("no samples"));
  CHECK_THROWS_AS(network.loss_and_gradient(Matrix<double>::Zero(3, 1), Matrix<double>::Zero(2, 1),
                                            Loss{LossKind::kMse}),
                  std::invalid_argument);
}

TEST_CASE("Adam on the flat parameters learns XOR with a 2-4-1 tanh network", "[nn]") {
  Network<double> network(
      make_config(2, {{4, ActivationKind::kTanh}, {1, ActivationKind::kLinear}}, 2024));
  // The optimizers' loss contract, double f(θ, grad), over the network's flat parameters.
  const auto objective = [&](const Eigen::VectorXd& parameters, Eigen::VectorXd& grad) {
    network.set_parameters(parameters);
    return network.loss_and_gradient(xor_inputs(), xor_targets(),
                                     Loss{LossKind::kBinaryCrossEntropy}, grad);
  };
  const auto optimizer = make_optimizer(OptimizerSettings{"adam", {}}, network.parameter_count());
  Eigen::VectorXd parameters = network.get_parameters();
  Eigen::VectorXd grad;
  const double initial_loss = objective(parameters, grad);
  double loss = initial_loss;
  for (int step = 0; step < 300; ++step) {
    optimizer->step(parameters, grad, 0.05);
    loss = objective(parameters, grad);
  }
  INFO("XOR BCE loss: " << initial_loss << " -> " << loss << " after 300 Adam steps (lr 0.05)");
  CHECK(loss < 0.1 * initial_loss);
  // Every point on the right side of the decision boundary (logit 0).
  const Matrix<double> logits = network.predict(xor_inputs());
  for (Eigen::Index sample = 0; sample < 4; ++sample) {
    CHECK((logits(sample, 0) > 0.0) == (xor_targets()(sample, 0) == 1.0));
  }
}

TEST_CASE("batch norm and dropout configs are validated, naming the layer", "[nn]") {
  const NetworkConfig valid = make_config(2,
                                          {hidden(4, ActivationKind::kRelu, true, 0.5),
                                           hidden(4, ActivationKind::kRelu, true, 0.2, true),
                                           {1, ActivationKind::kLinear}},
                                          0);
  CHECK(validate_network_config(valid).empty());

  NetworkConfig config = valid;
  config.layers[2].batch_norm = true;
  CHECK(validate_network_config(config) ==
        "network: layer 3: the output layer cannot have batch norm: its values are the "
        "predictions, which must not depend on the rest of the batch");
  config = valid;
  config.layers[2].dropout_rate = 0.1;
  CHECK(validate_network_config(config) ==
        "network: layer 3: the output layer cannot have dropout: it would zero predictions");
  config = valid;
  config.layers[1].dropout_rate = 1.0;
  CHECK_THAT(validate_network_config(config), Catch::StartsWith("network: layer 2: dropout"));
  config.layers[1].dropout_rate = -0.1;
  CHECK_THAT(validate_network_config(config), Catch::StartsWith("network: layer 2: dropout"));
  config.layers[1].dropout_rate = std::nan("");
  CHECK_THAT(validate_network_config(config), Catch::StartsWith("network: layer 2: dropout"));
  CHECK_THROWS_WITH(Network<double>(config), Catch::StartsWith("network: layer 2: dropout"));
  // Rate 0 on the output layer is no dropout at all.
  config = valid;
  config.layers[2].dropout_rate = 0.0;
  CHECK(validate_network_config(config).empty());
}

TEST_CASE("batch norm's γ and β follow each layer's W and b in the flat parameters", "[nn]") {
  const NetworkConfig plain = make_config(
      3, {{4, ActivationKind::kTanh}, {4, ActivationKind::kRelu}, {2, ActivationKind::kLinear}}, 5);
  NetworkConfig normed = plain;
  normed.layers[0].batch_norm = true;
  normed.layers[1].batch_norm = true;
  normed.layers[1].dropout_rate = 0.3;
  Network<double> network(normed);
  CHECK(network.parameter_count() == (3 * 4 + 4) + (4 + 4) + (4 * 4 + 4) + (4 + 4) + (4 * 2 + 2));
  // Adding batch norm and dropout leaves every layer's initial weights unchanged.
  for (int index = 0; index < 3; ++index) {
    CHECK(network.layer(index).weights() == Network<double>(plain).layer(index).weights());
  }
  // f comes after the norm: dense, batch norm, then the spec's activation.
  CHECK(dynamic_cast<const DenseLayer<double>*>(&network.modules().at(0)));
  CHECK(dynamic_cast<const BatchNorm<double>*>(&network.modules().at(1)));
  const auto* activation = dynamic_cast<const ActivationLayer<double>*>(&network.modules().at(2));
  REQUIRE(activation);
  CHECK(activation->activation().kind == ActivationKind::kTanh);
  REQUIRE(network.batch_norm(0));
  CHECK_FALSE(network.batch_norm(2));
  REQUIRE(network.dropout(1));
  CHECK(network.dropout(1)->rate() == 0.3);
  CHECK_FALSE(network.dropout(0));

  const Vector<double> initial = network.get_parameters();
  CHECK(initial.segment(12, 4) == network.layer(0).bias().transpose());
  CHECK(initial.segment(16, 4) == Vector<double>::Ones(4));  // γ of layer 1
  CHECK(initial.segment(20, 4) == Vector<double>::Zero(4));  // β of layer 1
  CHECK(initial(24) == network.layer(1).weights()(0, 0));    // then layer 2's W
  CHECK(initial.segment(44, 4) == Vector<double>::Ones(4));  // γ of layer 2
  CHECK(initial(52) == network.layer(2).weights()(0, 0));

  Rng rng(6);
  const Vector<double> parameters = random_matrix(network.parameter_count(), 1, rng, kNormal);
  network.set_parameters(parameters);
  CHECK(network.get_parameters() == parameters);
  CHECK(network.batch_norm(0)->gamma() == parameters.segment(16, 4).transpose());
  CHECK(network.batch_norm(1)->beta() == parameters.segment(48, 4).transpose());

  // Running statistics are state, not parameters: set_parameters keeps them.
  network.loss_and_gradient(random_matrix(6, 3, rng, kNormal), random_matrix(6, 2, rng, kNormal),
                            Loss{LossKind::kMse});
  const Matrix<double> running_mean = network.batch_norm(0)->running_mean();
  const Matrix<double> running_variance = network.batch_norm(1)->running_variance();
  network.set_parameters(parameters);
  CHECK(network.batch_norm(0)->running_mean() == running_mean);
  CHECK(network.batch_norm(1)->running_variance() == running_variance);
  CHECK(network.batch_norm(0)->batches_tracked() == 1);
}

TEST_CASE("network gradient with batch norm and dropout matches central differences", "[nn]") {
  double max_error = 0.0;
  std::uint64_t seed = 9000;
  for (const std::string& name : activation_names()) {
    Activation activation;
    REQUIRE(activation_from_name(name, activation).empty());
    const std::vector<NetworkConfig> architectures = {
        // Batch norm on every hidden layer, one of them residual.
        make_config(3,
                    {hidden(5, activation, true),
                     hidden(5, activation, true, 0.0, true),
                     {3, ActivationKind::kLinear}},
                    0),
        // Dropout at rate 0 (the identity) and > 0 (a fixed mask: see the helper), with and
        // without batch norm.
        make_config(2,
                    {hidden(4, activation, true, 0.0),
                     hidden(4, activation, false, 0.5, true),
                     hidden(4, activation, true, 0.25),
                     {3, ActivationKind::kLinear}},
                    0),
    };
    for (const NetworkConfig& config : architectures) {
      for (const LossKind loss_kind :
           {LossKind::kMse, LossKind::kCrossEntropy, LossKind::kBinaryCrossEntropy}) {
        INFO("activation " << name << ", " << config.layers.size() << " layers, loss "
                           << static_cast<int>(loss_kind));
        const double error = training_gradient_check_error(config, loss_kind, seed);
        seed += 100;
        CHECK(error < 1e-6);
        max_error = std::max(max_error, error);
      }
    }
  }
  INFO("batch norm / dropout network gradient check: max relative error " << max_error);
  CHECK(max_error < 1e-6);
}

TEST_CASE("dropout at rate 0 is the identity, and a rate > 0 drops from its own seeded stream",
          "[nn]") {
  const NetworkConfig plain = make_config(
      3, {{6, ActivationKind::kTanh}, {6, ActivationKind::kRelu}, {2, ActivationKind::kLinear}}, 7);
  NetworkConfig zero_rate = plain;
  zero_rate.layers[0].dropout_rate = 0.0;
  zero_rate.layers[1].dropout_rate = 0.0;
  Rng rng(8);
  const Matrix<double> inputs = random_matrix(10, 3, rng, kNormal);
  const Matrix<double> targets = random_matrix(10, 2, rng, kNormal);
  const Loss loss{LossKind::kMse};
  Network<double> without(plain), identity(zero_rate);
  const LossAndGradient<double> expected = without.loss_and_gradient(inputs, targets, loss);
  const LossAndGradient<double> actual = identity.loss_and_gradient(inputs, targets, loss);
  CHECK(actual.loss == expected.loss);
  CHECK(actual.gradient == expected.gradient);
  CHECK_FALSE(identity.dropout(0));

  NetworkConfig dropping = plain;
  dropping.layers[0].dropout_rate = 0.5;
  Network<double> first(dropping), second(dropping);
  const double first_loss = first.loss_and_gradient(inputs, targets, loss).loss;
  CHECK(second.loss_and_gradient(inputs, targets, loss).loss == first_loss);  // same seed
  const Matrix<double> mask = first.dropout(0)->mask();
  CHECK(((mask.array() == 0.0) || (mask.array() == 2.0)).all());
  CHECK((mask.array() == 0.0).count() > 0);
  CHECK((mask.array() == 2.0).count() > 0);
  // The next step draws a fresh mask from the same stream.
  first.loss_and_gradient(inputs, targets, loss);
  CHECK(first.dropout(0)->mask() != mask);
  // The diagnostics describe f(z) before the mask.
  const LayerDiagnostics diagnostics = first.layer_diagnostics()[0];
  const Eigen::ArrayXXd activated = first.activation_layer(0).output().array();
  CHECK(diagnostics.activation_mean == Approx(activated.mean()).epsilon(1e-14));
  // zero_fraction counts values of f(z) that are 0, not the values the mask dropped.
  CHECK(diagnostics.zero_fraction == 0.0);
}

TEST_CASE("predict uses the running statistics and no dropout, deterministically", "[nn]") {
  NetworkConfig config = make_config(3,
                                     {hidden(5, ActivationKind::kTanh, true),
                                      hidden(4, ActivationKind::kRelu, true, 0.5),
                                      {2, ActivationKind::kLinear}},
                                     11);
  Network<double> network(config);
  Rng rng(12);
  network.set_parameters(
      network.get_parameters() +
      0.3 * Vector<double>(random_matrix(network.parameter_count(), 1, rng, kNormal)));
  const Loss loss{LossKind::kMse};

  // One training step moves each running statistic 10% of the way to the batch's (unbiased
  // variance), as torch's BatchNorm1d with momentum 0.1.
  const Matrix<double> first_batch = random_matrix(8, 3, rng, kNormal);
  network.loss_and_gradient(first_batch, random_matrix(8, 2, rng, kNormal), loss);
  const Matrix<double> z = network.layer(0).pre_activation();
  const Eigen::RowVectorXd batch_mean = z.colwise().mean();
  const Eigen::RowVectorXd unbiased_variance =
      (z.rowwise() - batch_mean).array().square().colwise().sum() / 7.0;
  CHECK(relative_error(Matrix<double>(network.batch_norm(0)->running_mean()),
                       Matrix<double>(0.1 * batch_mean)) < 1e-14);
  CHECK(relative_error(Matrix<double>(network.batch_norm(0)->running_variance()),
                       Matrix<double>((0.9 + 0.1 * unbiased_variance.array()).matrix())) < 1e-14);
  for (int step = 0; step < 4; ++step) {
    network.loss_and_gradient(random_matrix(8, 3, rng, [](Rng& r) { return r.normal(1.0, 2.0); }),
                              random_matrix(8, 2, rng, kNormal), loss);
  }
  CHECK(network.batch_norm(1)->batches_tracked() == 5);

  // By hand: z = x·W + b, y = γ ⊙ (z − running mean) / √(running variance + ε) + β, a = f(y).
  const Matrix<double> inputs = random_matrix(6, 3, rng, kNormal);
  const auto normalise = [&](const Matrix<double>& values, int index) {
    const auto& norm = *network.batch_norm(index);
    const Eigen::ArrayXXd centred = values.rowwise() - norm.running_mean();
    const Eigen::RowVectorXd scale =
        norm.gamma().array() / (norm.running_variance().array() + 1e-5).sqrt();
    return Matrix<double>(
        ((centred.rowwise() * scale.array()).rowwise() + norm.beta().array()).matrix());
  };
  const auto affine = [&](const Matrix<double>& values, int index) {
    return Matrix<double>((values * network.layer(index).weights()).rowwise() +
                          network.layer(index).bias());
  };
  const Matrix<double> hidden1 = normalise(affine(inputs, 0), 0).array().tanh().matrix();
  const Matrix<double> hidden2 = normalise(affine(hidden1, 1), 1).cwiseMax(0.0);
  const Matrix<double> expected = affine(hidden2, 2);
  const Network<double> before_predict = network;
  const Matrix<double> predicted = network.predict(inputs);
  CHECK(relative_error(predicted, expected) < 1e-13);
  CHECK(network.predict(inputs) == predicted);
  // A sample's prediction does not depend on the rest of the batch.
  CHECK(relative_error(Matrix<double>(network.predict(inputs.topRows(1))),
                       Matrix<double>(predicted.topRows(1))) < 1e-15);
  // predict moved neither the running statistics nor the dropout Rng: the next training step is the
  // one a copy taken before predict takes.
  Network<double> copy = before_predict;
  const Matrix<double> targets = random_matrix(6, 2, rng, kNormal);
  CHECK(network.loss_and_gradient(inputs, targets, loss).gradient ==
        copy.loss_and_gradient(inputs, targets, loss).gradient);
  CHECK(network.batch_norm(0)->batches_tracked() == 6);
  CHECK_THROWS_WITH(network.loss_and_gradient(inputs.topRows(1), targets.topRows(1), loss),
                    Catch::Contains("more than 1 sample"));
}

TEST_CASE("float network with batch norm and dropout agrees with the double network", "[nn]") {
  const NetworkConfig config = make_config(3,
                                           {hidden(16, ActivationKind::kTanh, true, 0.2),
                                            hidden(16, ActivationKind::kGelu, true, 0.2, true),
                                            {2, ActivationKind::kLinear}},
                                           8);
  Network<double> network_double(config);
  Network<float> network_float(config);
  Rng rng(9);
  const Matrix<double> inputs = random_matrix(32, 3, rng, kNormal);
  const Matrix<double> targets = random_matrix(32, 2, rng, kNormal);
  const Loss loss{LossKind::kMse};
  const LossAndGradient<double> exact = network_double.loss_and_gradient(inputs, targets, loss);
  const LossAndGradient<float> rounded =
      network_float.loss_and_gradient(inputs.cast<float>(), targets.cast<float>(), loss);
  CHECK(network_float.dropout(0)->mask().cast<double>() == network_double.dropout(0)->mask());
  CHECK(relative_error(static_cast<double>(rounded.loss), exact.loss) < 1e-5);
  CHECK(relative_error(rounded.gradient.cast<double>(), exact.gradient) < 1e-4);
  CHECK(relative_error(network_float.predict(inputs.cast<float>()).cast<double>(),
                       network_double.predict(inputs)) < 1e-5);
}

TEST_CASE("batch norm keeps a deep sigmoid network's first-layer gradient from vanishing", "[nn]") {
  // 20 layers: 19 sigmoid hidden layers of 16 units and a linear output, Xavier normal weights from
  // the same seed with and without batch norm (batch norm leaves the initial weights unchanged).
  // Without it each layer multiplies the backward signal by σ' ≤ 0.25 times a Xavier-scaled W, so
  // the first layer's gradient is tiny; batch norm re-standardises z, keeping σ' near 0.25 and the
  // signal's scale from shrinking layer after layer.
  NetworkConfig plain = make_config(4, {}, 2026);
  for (int index = 0; index < 19; ++index) plain.layers.push_back({16, ActivationKind::kSigmoid});
  plain.layers.push_back({1, ActivationKind::kLinear});
  NetworkConfig normed = plain;
  for (int index = 0; index < 19; ++index)
    normed.layers[static_cast<std::size_t>(index)].batch_norm = true;
  Rng rng(2027);
  const Matrix<double> inputs = random_matrix(64, 4, rng, kNormal);
  const Matrix<double> targets = random_matrix(64, 1, rng, kNormal);
  const Loss loss{LossKind::kMse};
  Network<double> without(plain), with(normed);
  without.loss_and_gradient(inputs, targets, loss);
  with.loss_and_gradient(inputs, targets, loss);
  const double without_norm = without.layer_diagnostics().front().weight_gradient_norm;
  const double with_norm = with.layer_diagnostics().front().weight_gradient_norm;
  const double last_without = without.layer_diagnostics()[18].weight_gradient_norm;
  const double last_with = with.layer_diagnostics()[18].weight_gradient_norm;
  INFO("20-layer sigmoid, first-layer ‖∂L/∂W‖: "
       << without_norm << " without batch norm, " << with_norm << " with (ratio "
       << with_norm / without_norm << "); layer 19: " << last_without << " vs " << last_with);
  CHECK(with_norm > 1e3 * without_norm);
}

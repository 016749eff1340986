#include "descent/nn/sequence_network.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>

#include "descent/optim/adam.hpp"
#include "nn_test_support.hpp"

using descent::Rng;
using descent::nn::CellKind;
using descent::nn::Matrix;
using descent::nn::SequenceHead;
using descent::nn::SequenceLossKind;
using descent::nn::SequenceNetwork;
using descent::nn::SequenceNetworkConfig;
using descent::nn::validate_sequence_network_config;
using descent::test::random_matrix;

namespace {

Matrix<double> normal_matrix(Eigen::Index rows, Eigen::Index cols, Rng& rng) {
  return random_matrix(rows, cols, rng, [](Rng& r) { return r.normal(); });
}

// The largest relative error of loss_and_gradient's θ-gradient against central differences of the
// evaluation-mode loss (the same function here: no dropout or batch norm).
double gradient_error(const SequenceNetworkConfig& config, const Matrix<double>& inputs,
                      const Matrix<double>& targets, const Matrix<double>& mask) {
  SequenceNetwork<double> network(config);
  Eigen::VectorXd gradient;
  network.loss_and_gradient(inputs, targets, mask, gradient);
  const Eigen::VectorXd theta = network.get_parameters();
  const Eigen::VectorXd numeric = descent::testing::central_difference_gradient(
      [&](const Eigen::VectorXd& point) {
        SequenceNetwork<double> probe = network;
        probe.set_parameters(point);
        return probe.loss(inputs, targets, mask);
      },
      theta, 1e-5);
  return descent::testing::relative_error(gradient, numeric, 1e-6);
}

}  // namespace

TEST_CASE("a sequence network's gradient matches finite differences in double",
          "[nn][sequence_network]") {
  Rng rng(7);
  const int batch = 3, time = 5;
  SECTION("raw inputs, LSTM, per-step cross-entropy with a mask") {
    SequenceNetworkConfig config;
    config.input_size = 2;
    config.cell = CellKind::kLstm;
    config.hidden_size = 4;
    config.output_size = 3;
    config.loss = SequenceLossKind::kCrossEntropy;
    config.seed = 4;
    Matrix<double> ids(batch, time), mask = Matrix<double>::Ones(batch, time);
    for (int k = 0; k < batch * time; ++k) ids.data()[k] = k % 3;
    mask(1, 4) = mask(2, 0) = 0.0;
    CHECK(gradient_error(config, normal_matrix(batch, time * 2, rng), ids, mask) < 1e-6);
  }
  SECTION("token ids, GRU, last-step head, MSE") {
    SequenceNetworkConfig config;
    config.vocabulary = 4;
    config.embedding_size = 3;
    config.cell = CellKind::kGru;
    config.hidden_size = 5;
    config.output_size = 2;
    config.head = SequenceHead::kLastStep;
    config.seed = 9;
    Matrix<double> ids(batch, time);
    for (int k = 0; k < batch * time; ++k) ids.data()[k] = (5 * k) % 4;
    CHECK(gradient_error(config, ids, normal_matrix(batch, 2, rng), Matrix<double>()) < 1e-6);
  }
  SECTION("raw inputs, vanilla RNN, per-step MSE") {
    SequenceNetworkConfig config;
    config.cell = CellKind::kRnn;
    config.hidden_size = 3;
    config.output_size = 2;
    CHECK(gradient_error(config, normal_matrix(batch, time, rng),
                         normal_matrix(batch, time * 2, rng), Matrix<double>()) < 1e-6);
  }
}

TEST_CASE("a sequence network's flat θ is its modules' blocks in order", "[nn][sequence_network]") {
  SequenceNetworkConfig config;
  config.vocabulary = 5;
  config.embedding_size = 2;
  config.hidden_size = 3;
  config.output_size = 4;
  config.loss = SequenceLossKind::kCrossEntropy;
  SequenceNetwork<double> network(config);
  // Embedding 5·2, LSTM 2·12 + 3·12 + 12 + 12, head 3·4 + 4.
  CHECK(network.parameter_count() == 10 + 24 + 36 + 24 + 16);
  const Eigen::VectorXd theta = network.get_parameters();
  CHECK(theta(0) == Approx(network.modules().at(0).apply(Matrix<double>::Zero(1, 1))(0, 0)));
  SequenceNetwork<double> copy = network;
  copy.set_parameters(Eigen::VectorXd(theta * 2.0));
  CHECK(network.get_parameters() == theta);
  CHECK(copy.get_parameters() == theta * 2.0);
  CHECK_THROWS_WITH(copy.set_parameters(Eigen::VectorXd(3)),
                    "sequence network: expected 110 parameters, got 3");
  CHECK_THROWS_WITH(network.predict(Matrix<double>(0, 4)),
                    Catch::StartsWith("sequence network: inputs are 0 × 4"));
}

TEST_CASE("sequence network configs are validated", "[nn][sequence_network]") {
  SequenceNetworkConfig config;
  CHECK(validate_sequence_network_config(config).empty());
  config.hidden_size = 0;
  CHECK(validate_sequence_network_config(config) ==
        "sequence network: hidden_size must be in [1, 1024], got 0");
  config = SequenceNetworkConfig{};
  config.vocabulary = 3;
  config.input_size = 2;
  CHECK_THAT(validate_sequence_network_config(config), Catch::Contains("input_size must be 1"));
  config = SequenceNetworkConfig{};
  config.loss = SequenceLossKind::kCrossEntropy;
  CHECK(validate_sequence_network_config(config) ==
        "sequence network: cross_entropy needs output_size ≥ 2 classes, got 1");
  config = SequenceNetworkConfig{};
  config.cell = CellKind::kGru;
  config.forget_gate_bias = 1.0;
  CHECK_THROWS_AS(SequenceNetwork<float>(config), std::invalid_argument);
}

TEST_CASE("an LSTM sequence network learns to recall the first bit with Adam",
          "[nn][sequence_network]") {
  // Sequences of 8 random bits; the class at the last step is the first bit, 7 steps back. Chance
  // is ln 2 ≈ 0.693; a fixed training batch, so the run is deterministic.
  const int batch = 64, time = 8;
  Rng rng(21);
  const auto draw = [&](int count, Matrix<float>& bits, Matrix<float>& first) {
    bits.resize(count, time);
    first.resize(count, 1);
    for (int n = 0; n < count; ++n) {
      for (int t = 0; t < time; ++t) bits(n, t) = rng.uniform() < 0.5 ? 0.0F : 1.0F;
      first(n, 0) = bits(n, 0);
    }
  };
  Matrix<float> bits, first, held_out_bits, held_out_first;
  draw(batch, bits, first);
  draw(256, held_out_bits, held_out_first);
  SequenceNetworkConfig config;
  config.hidden_size = 8;
  config.output_size = 2;
  config.head = SequenceHead::kLastStep;
  config.loss = SequenceLossKind::kCrossEntropy;
  config.forget_gate_bias = 1.0;
  config.seed = 3;
  SequenceNetwork<float> network(config);
  descent::Adam adam(descent::Adam::Params{}, network.parameter_count());
  Eigen::VectorXd theta = network.get_parameters().cast<double>();
  Eigen::VectorXd gradient;
  const Matrix<float> no_mask;
  const float initial = network.loss(bits, first, no_mask);
  for (int step = 0; step < 300; ++step) {
    network.loss_and_gradient(bits, first, no_mask, gradient);
    adam.step(theta, gradient, 0.02);
    network.set_parameters(theta);
  }
  const float trained = network.loss(bits, first, no_mask);
  // Accuracy on 256 sequences it never saw: the rule, not the 64 training sequences, was learned.
  const Matrix<float> logits = network.predict(held_out_bits);
  int correct = 0;
  for (int n = 0; n < 256; ++n) {
    correct += (logits(n, 1) > logits(n, 0)) == (held_out_first(n, 0) == 1.0F);
  }
  INFO("loss " << initial << " → " << trained << ", held out " << correct << "/256 correct");
  // Observed: 0.689 → 6.6e-5, 256/256.
  CHECK(initial > 0.6F);
  CHECK(trained < 0.01F);
  CHECK(correct >= 250);
}

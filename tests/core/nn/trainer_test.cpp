#include "descent/nn/trainer.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "descent/data/classification_2d.hpp"
#include "descent/math/rng.hpp"

using descent::Dataset;
using descent::Rng;
using descent::nn::ActivationKind;
using descent::nn::InitKind;
using descent::nn::LossKind;
using descent::nn::Network;
using descent::nn::NetworkConfig;
using descent::nn::StopKind;
using descent::nn::Trainer;
using descent::nn::TrainerConfig;
using descent::nn::TrainingHistory;
using descent::nn::weight_mask;

namespace {

NetworkConfig mlp_config(std::vector<int> hidden, ActivationKind activation, std::uint64_t seed) {
  NetworkConfig config;
  config.input_width = 2;
  for (const int width : hidden) config.layers.push_back({width, activation});
  config.layers.push_back({1, ActivationKind::kLinear});  // a logit for binary cross-entropy
  config.initializer.kind = InitKind::kXavierNormal;
  config.seed = seed;
  return config;
}

TrainerConfig bce_adam(int epochs, int batch_size, double learning_rate) {
  TrainerConfig config;
  config.epochs = epochs;
  config.batch_size = batch_size;
  config.learning_rate = learning_rate;
  config.loss.kind = LossKind::kBinaryCrossEntropy;
  config.seed = 17;
  return config;
}

Dataset generated(const std::string& name, int count, double noise, std::uint64_t seed) {
  Rng rng(seed);
  Dataset data;
  REQUIRE(descent::make_classification_dataset(name, count, noise, rng, data).empty());
  return data;
}

// Weights only (biases excluded), in the flat order.
Eigen::VectorXd network_weights(const Network<double>& network) {
  const Eigen::VectorXd mask = weight_mask(network.config());
  std::vector<double> weights;
  const Eigen::VectorXd parameters = network.get_parameters();
  for (Eigen::Index i = 0; i < mask.size(); ++i) {
    if (mask[i] == 1.0) weights.push_back(parameters[i]);
  }
  return Eigen::Map<const Eigen::VectorXd>(weights.data(),
                                           static_cast<Eigen::Index>(weights.size()));
}

void check_same_history(const TrainingHistory& a, const TrainingHistory& b) {
  CHECK(a.train_loss == b.train_loss);
  CHECK(a.validation_loss == b.validation_loss);
  CHECK(a.train_accuracy == b.train_accuracy);
  CHECK(a.validation_accuracy == b.validation_accuracy);
  CHECK(a.learning_rate == b.learning_rate);
  CHECK(a.step_loss == b.step_loss);
  REQUIRE(a.layers.size() == b.layers.size());
  REQUIRE_FALSE(a.layers.empty());
  for (size_t l = 0; l < a.layers.size(); ++l) {
    CHECK(a.layers[l].weight_gradient_norm == b.layers[l].weight_gradient_norm);
    CHECK(a.layers[l].activation_mean == b.layers[l].activation_mean);
  }
}

}  // namespace

TEST_CASE("trainer: a 2-8-8-1 tanh MLP learns the circle", "[nn]") {
  const Dataset train = generated("circle", 200, 0.1, 1);
  const Dataset validation = generated("circle", 200, 0.1, 2);
  Network<double> network(mlp_config({8, 8}, ActivationKind::kTanh, 3));
  TrainerConfig config = bce_adam(100, 16, 0.01);
  config.record_layer_diagnostics = true;
  Trainer<double> trainer(network, config, train, &validation);
  trainer.run();
  CHECK(trainer.stop_kind() == StopKind::kCompleted);
  CHECK(trainer.stop_reason() == "completed");
  const TrainingHistory& history = trainer.history();
  REQUIRE(history.train_accuracy.size() == 100);
  CHECK(history.train_accuracy.back() > 0.95);
  CHECK(history.validation_accuracy.back() > 0.95);
  CHECK(history.train_loss.back() < history.train_loss.front());
  CHECK(trainer.step_count() == 100 * 13);  // ⌈200 / 16⌉ batches per epoch
  CHECK(history.step_loss.size() == 100 * 13);
  REQUIRE(history.layers.size() == 3);
  for (const auto& layer : history.layers) {
    CHECK(layer.weight_norm.size() == 100 * 13);
    CHECK(layer.weight_gradient_norm.size() == 100 * 13);
  }
  // Constant schedule: every epoch's rate is the base rate.
  CHECK(history.learning_rate == std::vector<double>(100, 0.01));
}

TEST_CASE("trainer: a 2-8-8-1 relu MLP learns XOR", "[nn]") {
  const Dataset train = generated("xor", 200, 0.1, 4);
  const Dataset validation = generated("xor", 200, 0.1, 5);
  Network<double> network(mlp_config({8, 8}, ActivationKind::kRelu, 6));
  Trainer<double> trainer(network, bce_adam(100, 16, 0.01), train, &validation);
  trainer.run();
  CHECK(trainer.history().train_accuracy.back() > 0.95);
  CHECK(trainer.history().validation_accuracy.back() > 0.95);
}

TEST_CASE("trainer: a float network trains too", "[nn]") {
  const Dataset train = generated("circle", 200, 0.1, 1);
  Network<float> network(mlp_config({8, 8}, ActivationKind::kTanh, 3));
  Trainer<float> trainer(network, bce_adam(100, 16, 0.01), train, nullptr);
  trainer.run();
  CHECK(trainer.history().train_accuracy.back() > 0.95);
  CHECK(trainer.history().validation_loss.empty());
  CHECK(trainer.history().validation_accuracy.empty());
}

TEST_CASE("trainer: multi-class cross-entropy uses one-hot targets and argmax", "[nn]") {
  Rng rng(8);
  const Dataset train = descent::make_multi_blobs(150, 3, 0.1, rng);
  NetworkConfig network_config = mlp_config({8}, ActivationKind::kTanh, 9);
  network_config.layers.back().width = 3;
  Network<double> network(network_config);
  TrainerConfig config = bce_adam(50, 16, 0.02);
  config.loss.kind = LossKind::kCrossEntropy;
  Trainer<double> trainer(network, config, train, nullptr);
  trainer.run();
  CHECK(trainer.history().train_accuracy.back() > 0.95);
}

TEST_CASE("trainer: a softmax last layer under cross-entropy is rejected (softmax twice)", "[nn]") {
  Rng rng(8);
  const Dataset train = descent::make_multi_blobs(60, 3, 0.1, rng);
  NetworkConfig network_config = mlp_config({8}, ActivationKind::kTanh, 9);
  network_config.layers.back() = {3, ActivationKind::kSoftmax};
  Network<double> network(network_config);
  for (const LossKind kind : {LossKind::kCrossEntropy, LossKind::kKlDivergence}) {
    TrainerConfig config = bce_adam(5, 16, 0.02);
    config.loss.kind = kind;
    const std::string message = Trainer<double>::validate(network, config, train, nullptr);
    CHECK_THAT(message, Catch::Contains("last layer is softmax") &&
                            Catch::Contains("applied twice") && Catch::Contains("linear"));
    CHECK_THROWS_AS(Trainer<double>(network, config, train, nullptr), std::invalid_argument);
  }
  // MSE on softmax probabilities is a choice, not a double softmax: accepted.
  TrainerConfig mse = bce_adam(5, 16, 0.02);
  mse.loss.kind = LossKind::kMse;
  CHECK(Trainer<double>::validate(network, mse, train, nullptr).empty());
}

TEST_CASE("trainer: L2 shrinks the weights, L1 sets many to exactly zero", "[nn]") {
  const Dataset train = generated("circle", 200, 0.1, 1);
  for (const std::string optimizer : {"sgd", "adam"}) {
    INFO(optimizer);
    const auto train_with = [&](double l1, double l2) {
      Network<double> network(mlp_config({8, 8}, ActivationKind::kTanh, 3));
      TrainerConfig config = bce_adam(300, 200, optimizer == "sgd" ? 0.5 : 0.02);
      config.optimizer.id = optimizer;
      config.regularization = {l1, l2};
      Trainer<double> trainer(network, config, train, nullptr);
      trainer.run();
      INFO("l1 " << l1 << ", l2 " << l2);
      CHECK(trainer.history().train_accuracy.back() > 0.8);  // still a classifier, not all zeros
      return network_weights(network);
    };
    const Eigen::VectorXd plain = train_with(0.0, 0.0);
    const Eigen::VectorXd l2 = train_with(0.0, 0.01);
    const Eigen::VectorXd l1 = train_with(0.003, 0.0);
    CHECK(l2.norm() < 0.95 * plain.norm());
    const auto exact_zeros = [](const Eigen::VectorXd& weights) {
      return (weights.array() == 0.0).count();
    };
    INFO("exact zeros of " << l1.size() << " weights: L1 " << exact_zeros(l1) << ", L2 "
                           << exact_zeros(l2) << ", none " << exact_zeros(plain));
    CHECK(exact_zeros(l1) >= l1.size() / 4);
    CHECK(exact_zeros(l2) == 0);
    CHECK(exact_zeros(plain) == 0);
  }
}

TEST_CASE("trainer: early stopping stops and restores the best validation weights", "[nn]") {
  // Few noisy points and a wide network: it overfits, so the validation loss turns up.
  const Dataset train = generated("xor", 30, 0.4, 10);
  const Dataset validation = generated("xor", 200, 0.4, 11);
  Network<double> network(mlp_config({32, 32}, ActivationKind::kRelu, 12));
  TrainerConfig config = bce_adam(2000, 30, 0.02);
  config.early_stopping = {true, 20, 0.0};
  Trainer<double> trainer(network, config, train, &validation);
  trainer.run();
  REQUIRE(trainer.stop_kind() == StopKind::kEarlyStopping);
  const int stopped = trainer.epochs_completed();
  const int best = trainer.best_epoch();
  CHECK(stopped < 2000);
  CHECK(stopped == best + 20);
  CHECK(trainer.stop_reason() == "early stopping at epoch " + std::to_string(stopped) + " (best " +
                                     std::to_string(best) + ")");
  const std::vector<double>& losses = trainer.history().validation_loss;
  const double best_loss = *std::min_element(losses.begin(), losses.end());
  CHECK(losses[static_cast<size_t>(best - 1)] == best_loss);
  // The network holds the best epoch's weights: its validation loss is that epoch's.
  const Eigen::MatrixXd outputs = network.predict(validation.inputs);
  Eigen::MatrixXd targets(validation.size(), 1);
  for (int i = 0; i < validation.size(); ++i) targets(i, 0) = validation.labels[i];
  CHECK(descent::nn::loss_value(config.loss, outputs, targets) == Approx(best_loss).epsilon(1e-12));
  CHECK(losses.back() > best_loss);
}

TEST_CASE("trainer: without shuffling every epoch uses the data order", "[nn]") {
  const Dataset train = generated("circle", 50, 0.1, 1);
  Network<double> network(mlp_config({4}, ActivationKind::kTanh, 3));
  TrainerConfig config = bce_adam(3, 8, 0.01);
  config.shuffle = false;
  Trainer<double> trainer(network, config, train, nullptr);
  std::vector<int> identity(50);
  for (int i = 0; i < 50; ++i) identity[static_cast<size_t>(i)] = i;
  for (int epoch = 0; epoch < 3; ++epoch) {
    trainer.run_epoch();
    CHECK(trainer.epoch_order() == identity);
  }
  CHECK(trainer.batches_per_epoch() == 7);

  config.shuffle = true;
  Network<double> shuffled_network(mlp_config({4}, ActivationKind::kTanh, 3));
  Trainer<double> shuffled(shuffled_network, config, train, nullptr);
  shuffled.run_epoch();
  const std::vector<int> first = shuffled.epoch_order();
  shuffled.run_epoch();
  CHECK(first != identity);
  CHECK(shuffled.epoch_order() != first);
}

TEST_CASE("trainer: the same seed gives the same history", "[nn]") {
  const Dataset train = generated("circle", 100, 0.2, 1);
  const Dataset validation = generated("circle", 50, 0.2, 2);
  TrainerConfig config = bce_adam(20, 10, 0.01);
  config.schedule.id = "cosine";
  config.regularization = {1e-4, 1e-3};
  config.clip = {"norm", 1.0};
  config.record_layer_diagnostics = true;
  const auto run = [&](std::uint64_t seed) {
    config.seed = seed;
    Network<double> network(mlp_config({8, 8}, ActivationKind::kRelu, 3));
    Trainer<double> trainer(network, config, train, &validation);
    trainer.run();
    return trainer.history();
  };
  const TrainingHistory first = run(5);
  check_same_history(first, run(5));
  CHECK(first.train_loss != run(6).train_loss);
  // The cosine schedule, stepped per mini-batch, decays across the run.
  CHECK(first.learning_rate.back() < first.learning_rate.front());
}

TEST_CASE("trainer: divergence is reported with its epoch and step", "[nn]") {
  const Dataset train = generated("circle", 100, 0.1, 1);
  Network<double> network(mlp_config({16, 16}, ActivationKind::kRelu, 3));
  TrainerConfig config = bce_adam(50, 10, 1e6);
  config.optimizer.id = "sgd";
  config.loss.kind = LossKind::kMse;
  Trainer<double> trainer(network, config, train, nullptr);
  trainer.run();
  REQUIRE(trainer.stop_kind() == StopKind::kDiverged);
  CHECK(trainer.diverged_epoch() >= 1);
  CHECK(trainer.diverged_step() >= 1);
  CHECK(trainer.epochs_completed() == trainer.diverged_epoch() - 1);
  const std::string prefix = "diverged at epoch " + std::to_string(trainer.diverged_epoch()) +
                             ", step " + std::to_string(trainer.diverged_step()) + ": ";
  CHECK(trainer.stop_reason().rfind(prefix, 0) == 0);
  CHECK(network.get_parameters().allFinite());
  // The per-step curves keep every step whose own pass was finite, so the blow-up is visible: all
  // but the failing step, or all of them when only the epoch-end evaluation overflowed.
  const TrainingHistory& history = trainer.history();
  const auto failing_step = static_cast<size_t>(trainer.diverged_step());
  CHECK(history.step_loss.size() >= failing_step - 1);
  CHECK(history.step_loss.size() <= failing_step);
  for (const auto& layer : history.layers)
    CHECK(layer.weight_norm.size() == history.step_loss.size());
  for (double loss : history.step_loss) CHECK(std::isfinite(loss));
  CHECK(trainer.run_epoch());  // finished: further calls do nothing
}

TEST_CASE("trainer: invalid setups give messages", "[nn]") {
  const Dataset train = generated("circle", 40, 0.1, 1);
  Network<double> network(mlp_config({4}, ActivationKind::kTanh, 3));
  const TrainerConfig valid = bce_adam(10, 8, 0.01);
  CHECK(Trainer<double>::validate(network, valid, train, nullptr).empty());
  const auto message = [&](TrainerConfig config, const Dataset* validation = nullptr) {
    return Trainer<double>::validate(network, config, train, validation);
  };
  TrainerConfig config = valid;
  config.epochs = 0;
  CHECK(message(config) == "trainer: epochs must be in [1, 100000], got 0");
  config = valid;
  config.batch_size = 0;
  CHECK(message(config) == "trainer: batch_size must be a finite number ≥ 1, got 0");
  config = valid;
  config.optimizer.id = "newton";
  CHECK_FALSE(message(config).empty());
  config = valid;
  config.regularization.l2 = -1.0;
  CHECK(message(config) == "regularization: l2 must be in [0, 10], got -1");
  config = valid;
  config.early_stopping.enabled = true;
  CHECK(message(config) ==
        "trainer: early stopping watches the validation loss, so it needs a validation set");
  config.early_stopping.patience = 0;
  CHECK(message(config) == "trainer: early stopping patience must be in [1, 100000], got 0");
  config = valid;
  config.learning_rate = -0.1;
  CHECK_FALSE(message(config).empty());
  config = valid;
  config.clip = {"norm", 0.0};
  CHECK_FALSE(message(config).empty());
  Rng rng(2);
  const Dataset three_classes = descent::make_multi_blobs(30, 3, 0.1, rng);
  CHECK(message(valid, &three_classes) ==
        "trainer: validation set: has 3 target columns, the network has 1 outputs");
  config = valid;
  config.loss.kind = LossKind::kCrossEntropy;  // needs ≥ 2 columns
  CHECK_FALSE(message(config).empty());
  CHECK_THROWS_AS(Trainer<double>(network, config, train, nullptr), std::invalid_argument);
}

TEST_CASE("trainer: batch-norm MLPs learn the circle and XOR", "[nn]") {
  for (const std::string name : {"circle", "xor"}) {
    INFO(name);
    const Dataset train = generated(name, 200, 0.1, 1);
    const Dataset validation = generated(name, 200, 0.1, 2);
    NetworkConfig config = mlp_config({8, 8}, ActivationKind::kRelu, 3);
    config.layers[0].batch_norm = true;
    config.layers[1].batch_norm = true;
    Network<double> network(config);
    // γ and β are not weights: L1/L2 leave them alone.
    const Eigen::VectorXd mask = weight_mask(network.config());
    REQUIRE(mask.size() == network.parameter_count());
    CHECK(mask.segment(2 * 8 + 8, 2 * 8) == Eigen::VectorXd::Zero(2 * 8));
    CHECK(mask.sum() == 2 * 8 + 8 * 8 + 8 * 1);
    Trainer<double> trainer(network, bce_adam(100, 16, 0.01), train, &validation);
    trainer.run();
    CHECK(trainer.stop_kind() == StopKind::kCompleted);
    INFO("batch-norm 2-8-8-1 relu on "
         << name << ": train accuracy " << trainer.history().train_accuracy.back()
         << ", validation accuracy " << trainer.history().validation_accuracy.back());
    CHECK(trainer.history().train_accuracy.back() > 0.95);
    CHECK(trainer.history().validation_accuracy.back() > 0.95);
    CHECK(network.batch_norm(0)->batches_tracked() == 100 * 13);
  }
}

TEST_CASE("trainer: early stopping restores batch norms' running statistics too", "[nn]") {
  const Dataset train = generated("xor", 30, 0.4, 10);
  const Dataset validation = generated("xor", 200, 0.4, 11);
  NetworkConfig network_config = mlp_config({32, 32}, ActivationKind::kRelu, 12);
  network_config.layers[0].batch_norm = true;
  Network<double> network(network_config);
  TrainerConfig config = bce_adam(2000, 10, 0.02);
  config.early_stopping = {true, 20, 0.0};
  Trainer<double> trainer(network, config, train, &validation);
  trainer.run();
  REQUIRE(trainer.stop_kind() == StopKind::kEarlyStopping);
  const std::vector<double>& losses = trainer.history().validation_loss;
  const double best_loss = losses[static_cast<size_t>(trainer.best_epoch() - 1)];
  // Evaluation mode reads the running statistics: the restored network must predict exactly as it
  // did at the best epoch, which the restored weights alone would not.
  Eigen::MatrixXd targets(validation.size(), 1);
  for (int i = 0; i < validation.size(); ++i) targets(i, 0) = validation.labels[i];
  CHECK(descent::nn::loss_value(config.loss, network.predict(validation.inputs), targets) ==
        best_loss);
  CHECK(network.batch_norm(0)->batches_tracked() == trainer.best_epoch() * 3);
}

TEST_CASE("trainer: per-step diagnostics are the network's own after each step's pass", "[nn]") {
  const Dataset train = generated("circle", 40, 0.1, 1);
  const NetworkConfig network_config = mlp_config({6}, ActivationKind::kRelu, 3);
  TrainerConfig config = bce_adam(2, 40, 0.01);  // full batch: 2 steps
  config.record_layer_diagnostics = true;
  Network<double> network(network_config);
  Trainer<double> trainer(network, config, train, nullptr);
  trainer.run();
  const TrainingHistory& history = trainer.history();
  REQUIRE(history.step_loss.size() == 2);
  // Step 1's pass is a pass of the initial network on the whole (unshuffled-equivalent) batch.
  Network<double> initial(network_config);
  Eigen::MatrixXd targets(train.size(), 1);
  for (int i = 0; i < train.size(); ++i) targets(i, 0) = train.labels[i];
  const double first_loss = initial.loss_and_gradient(train.inputs, targets, config.loss).loss;
  CHECK(history.step_loss[0] == Approx(first_loss).epsilon(1e-12));
  const std::vector<descent::nn::LayerDiagnostics> first = initial.layer_diagnostics();
  REQUIRE(history.layers.size() == first.size());
  for (size_t l = 0; l < first.size(); ++l) {
    CHECK(history.layers[l].weight_norm[0] == Approx(first[l].weight_norm).epsilon(1e-12));
    CHECK(history.layers[l].weight_gradient_norm[0] ==
          Approx(first[l].weight_gradient_norm).epsilon(1e-12));
    CHECK(history.layers[l].zero_fraction[0] == Approx(first[l].zero_fraction).epsilon(1e-12));
  }
  // Off: no per-layer curves, the rest unchanged.
  config.record_layer_diagnostics = false;
  Network<double> quiet_network(network_config);
  Trainer<double> quiet(quiet_network, config, train, nullptr);
  quiet.run();
  CHECK(quiet.history().layers.empty());
  CHECK(quiet.history().step_loss == history.step_loss);
  CHECK(quiet.history().train_loss == history.train_loss);
}

TEST_CASE("trainer: batch norm rejects a one-sample mini-batch up front", "[nn]") {
  const Dataset train = generated("circle", 40, 0.1, 1);
  NetworkConfig config = mlp_config({4}, ActivationKind::kTanh, 3);
  config.layers[0].batch_norm = true;
  Network<double> network(config);
  CHECK(Trainer<double>::validate(network, bce_adam(10, 8, 0.01), train, nullptr).empty());
  CHECK(Trainer<double>::validate(network, bce_adam(10, 13, 0.01), train, nullptr) ==
        "trainer: batch norm needs at least 2 samples in every mini-batch, but 40 training "
        "samples in batches of 13 leave a batch of 1");
  CHECK_THAT(Trainer<double>::validate(network, bce_adam(10, 1, 0.01), train, nullptr),
             Catch::Contains("in batches of 1 leave a batch of 1"));
  // Without batch norm a batch of one sample is fine.
  Network<double> plain(mlp_config({4}, ActivationKind::kTanh, 3));
  CHECK(Trainer<double>::validate(plain, bce_adam(10, 13, 0.01), train, nullptr).empty());
}

TEST_CASE("trainer: θ set between epochs is what the next epoch starts from", "[nn]") {
  const Dataset train = generated("circle", 60, 0.1, 1);
  const auto trained = [&](bool edit) {
    Network<double> network(mlp_config({4}, ActivationKind::kTanh, 3));
    Trainer<double> trainer(network, bce_adam(3, 10, 0.05), train, nullptr);
    trainer.run_epoch();
    if (edit) {
      Eigen::VectorXd parameters = network.get_parameters();
      parameters[0] = 2.5;
      trainer.set_parameters(parameters);
      CHECK(network.get_parameters()[0] == 2.5);
    }
    trainer.run();
    return trainer.history().train_loss;
  };
  const std::vector<double> plain = trained(false);
  const std::vector<double> edited = trained(true);
  CHECK(edited[0] == plain[0]);  // the edit comes after epoch 1
  CHECK(edited[1] != plain[1]);

  Network<double> network(mlp_config({4}, ActivationKind::kTanh, 3));
  Trainer<double> trainer(network, bce_adam(3, 10, 0.05), train, nullptr);
  const Eigen::VectorXd before = network.get_parameters();
  CHECK(trainer.validate_parameters(Eigen::VectorXd::Zero(3)) ==
        "expected " + std::to_string(before.size()) + " parameters, got 3");
  Eigen::VectorXd bad = before;
  bad[1] = std::nan("");
  CHECK(trainer.validate_parameters(bad) == "parameters must be finite numbers");
  CHECK_THROWS_AS(trainer.set_parameters(bad), std::invalid_argument);
  CHECK(network.get_parameters() == before);
}

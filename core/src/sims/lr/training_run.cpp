#include "descent/sims/lr/training_run.hpp"

#include <cmath>
#include <stdexcept>

#include "descent/data/classification_2d.hpp"
#include "descent/math/messages.hpp"
#include "descent/math/rng.hpp"
#include "descent/nn/loss.hpp"
#include "descent/nn/network.hpp"
#include "descent/nn/trainer.hpp"

namespace descent {
namespace {

constexpr int kDirections = kLrClassCount / 2;  // blobs per ring
constexpr double kOuterRadius = 2.0;
constexpr std::uint64_t kDataStream = 1;  // seeds derived from setup.seed, one per use
constexpr std::uint64_t kWeightStream = 2;
constexpr std::uint64_t kShuffleStream = 3;

nn::NetworkConfig lr_network_config(const LrTrainingSetup& setup) {
  nn::NetworkConfig network;
  network.input_width = 2;
  for (int layer = 0; layer < 2; ++layer) {
    nn::LayerSpec hidden;
    hidden.width = setup.hidden_width;
    // Leaky: no unit dies after a wild step, so a too-large rate compounds through both layers
    // into an overflow (NaN) instead of collapsing to a constant prediction.
    hidden.activation = nn::ActivationKind::kLeakyRelu;
    network.layers.push_back(hidden);
  }
  nn::LayerSpec logits;
  logits.width = kLrClassCount;
  network.layers.push_back(logits);
  // Xavier keeps the initial logits small, so the loss starts at about ln 10.
  network.initializer.kind = nn::InitKind::kXavierUniform;
  network.seed = derive_seed(setup.seed, kWeightStream);
  return network;
}

nn::Loss cross_entropy() {
  nn::Loss loss;
  loss.kind = nn::LossKind::kCrossEntropy;
  return loss;
}

// Fraction of rows whose largest logit is the true class.
double accuracy(const nn::Matrix<float>& logits, const std::vector<int>& labels) {
  int correct = 0;
  for (int row = 0; row < logits.rows(); ++row) {
    Eigen::Index predicted = 0;
    logits.row(row).maxCoeff(&predicted);
    if (predicted == labels[row]) ++correct;
  }
  return static_cast<double>(correct) / static_cast<double>(logits.rows());
}

}  // namespace

std::string validate_lr_training_setup(const LrTrainingSetup& setup) {
  const std::string owner = "learning-rate run";
  std::string message =
      first_message({check_range(owner, "points", setup.points, kMinLrPoints, kMaxLrPoints),
                     check_range(owner, "epochs", setup.epochs, 1, kMaxLrEpochs),
                     check_range(owner, "hidden width", setup.hidden_width, 2, kMaxLrHiddenWidth),
                     check_range(owner, "noise", setup.noise, 0.0, 1.0)});
  if (!message.empty()) return message;
  if (setup.batch_size < 1 || setup.batch_size > setup.points) {
    return owner + ": batch size must be between 1 and the number of points (" +
           std::to_string(setup.points) + "), got " + std::to_string(setup.batch_size);
  }
  if (lr_total_steps(setup) > kMaxLrTotalSteps) {
    return owner + ": epochs × batches per epoch must be at most " +
           std::to_string(kMaxLrTotalSteps) + ", got " + std::to_string(lr_total_steps(setup)) +
           " (use fewer epochs or larger batches)";
  }
  return "";
}

int lr_total_steps(const LrTrainingSetup& setup) {
  const int batches_per_epoch = (setup.points + setup.batch_size - 1) / setup.batch_size;
  return batches_per_epoch * setup.epochs;  // at most 2000 × 200: no overflow
}

Dataset lr_ten_class_data(const LrTrainingSetup& setup) {
  Rng rng(derive_seed(setup.seed, kDataStream));
  const int inner_count = setup.points / 2;
  Dataset inner = make_multi_blobs(inner_count, kDirections, setup.noise, rng);
  Dataset outer = make_multi_blobs(setup.points - inner_count, kDirections, setup.noise, rng);
  Dataset data;
  data.inputs.resize(setup.points, 2);
  data.inputs << inner.inputs, kOuterRadius * outer.inputs;
  data.labels = inner.labels;
  for (int label : outer.labels) data.labels.push_back(label + kDirections);
  data.class_count = kLrClassCount;
  data.targets = one_hot(data.labels, kLrClassCount);
  data.feature_names = {"x1", "x2"};
  data.description = "ten blobs: five directions at radius 1 and at radius 2";
  return data;
}

std::string validate_lr_training_run(const LrTrainingSetup& setup, double learning_rate,
                                     const ScheduleSettings& schedule) {
  if (auto message = validate_lr_training_setup(setup); !message.empty()) return message;
  if (!std::isfinite(learning_rate) || learning_rate <= 0.0 || learning_rate > kMaxLrLearningRate) {
    return "learning rate must be > 0 and at most " + format_number(kMaxLrLearningRate) + ", got " +
           format_number(learning_rate);
  }
  return validate_schedule_settings(schedule, learning_rate, lr_total_steps(setup));
}

LrTrainingRun run_lr_training(const LrTrainingSetup& setup, double learning_rate,
                              const ScheduleSettings& schedule) {
  if (auto message = validate_lr_training_run(setup, learning_rate, schedule); !message.empty()) {
    throw std::invalid_argument(message);
  }
  const Dataset data = lr_ten_class_data(setup);
  nn::Network<float> network(lr_network_config(setup));
  nn::TrainerConfig config;
  config.epochs = setup.epochs;
  config.batch_size = setup.batch_size;
  config.optimizer.id = "sgd";
  config.learning_rate = learning_rate;
  config.schedule = schedule;
  config.loss = cross_entropy();
  config.seed = derive_seed(setup.seed, kShuffleStream);

  LrTrainingRun run;
  run.learning_rate = learning_rate;
  const nn::Matrix<float> initial = network.predict(data.inputs.cast<float>());
  run.epoch_loss.push_back(
      nn::loss_value(config.loss, initial, nn::Matrix<float>(data.targets.cast<float>())));
  run.epoch_accuracy.push_back(accuracy(initial, data.labels));

  nn::Trainer<float> trainer(network, config, data, nullptr);
  trainer.run();
  const nn::TrainingHistory& history = trainer.history();
  run.epoch_loss.insert(run.epoch_loss.end(), history.train_loss.begin(), history.train_loss.end());
  run.epoch_accuracy.insert(run.epoch_accuracy.end(), history.train_accuracy.begin(),
                            history.train_accuracy.end());
  run.step_loss = history.step_loss;
  const LearningRateSchedule rates(schedule, learning_rate, lr_total_steps(setup));
  for (std::size_t step = 0; step < run.step_loss.size(); ++step) {
    run.step_learning_rate.push_back(rates.at(static_cast<int>(step)));
  }
  run.diverged = trainer.stop_kind() == nn::StopKind::kDiverged;
  run.diverged_epoch = trainer.diverged_epoch();
  run.diverged_step = trainer.diverged_step();
  run.stop_reason = trainer.stop_reason();
  return run;
}

}  // namespace descent

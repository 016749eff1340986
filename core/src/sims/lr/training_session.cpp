#include "descent/sims/lr/training_session.hpp"

#include <stdexcept>

#include "descent/math/rng.hpp"
#include "descent/nn/loss.hpp"

namespace descent {
namespace {

constexpr std::uint64_t kWeightStream = 2;  // seeds derived from setup.seed (training_run.cpp: 1)
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

nn::TrainerConfig trainer_config(const LrTrainingSetup& setup, double learning_rate,
                                 const ScheduleSettings& schedule) {
  nn::TrainerConfig config;
  config.epochs = setup.epochs;
  config.batch_size = setup.batch_size;
  config.optimizer.id = "sgd";
  config.learning_rate = learning_rate;
  config.schedule = schedule;
  config.loss = cross_entropy();
  config.seed = derive_seed(setup.seed, kShuffleStream);
  return config;
}

const LrTrainingSetup& checked(const LrTrainingSetup& setup, double learning_rate,
                               const ScheduleSettings& schedule) {
  if (auto message = validate_lr_training_run(setup, learning_rate, schedule); !message.empty()) {
    throw std::invalid_argument(message);
  }
  return setup;
}

}  // namespace

LrTrainingSession::LrTrainingSession(const LrTrainingSetup& setup, double learning_rate,
                                     const ScheduleSettings& schedule)
    : setup_(checked(setup, learning_rate, schedule)),
      learning_rate_(learning_rate),
      schedule_(schedule),
      network_(lr_network_config(setup)) {
  const Dataset data = lr_ten_class_data(setup);
  const nn::TrainerConfig config = trainer_config(setup, learning_rate, schedule);
  const nn::Matrix<float> initial = network_.predict(data.inputs.cast<float>());
  initial_loss_ =
      nn::loss_value(config.loss, initial, nn::Matrix<float>(data.targets.cast<float>()));
  initial_accuracy_ = accuracy(initial, data.labels);
  trainer_ = std::make_unique<nn::Trainer<float>>(network_, config, data, nullptr);
}

bool LrTrainingSession::advance(int epochs) {
  for (int epoch = 0; epoch < epochs && !finished(); ++epoch) trainer_->run_epoch();
  return finished();
}

LrTrainingRun LrTrainingSession::result() const {
  LrTrainingRun run;
  run.learning_rate = learning_rate_;
  const nn::TrainingHistory& history = trainer_->history();
  run.epoch_loss.push_back(initial_loss_);
  run.epoch_accuracy.push_back(initial_accuracy_);
  run.epoch_loss.insert(run.epoch_loss.end(), history.train_loss.begin(), history.train_loss.end());
  run.epoch_accuracy.insert(run.epoch_accuracy.end(), history.train_accuracy.begin(),
                            history.train_accuracy.end());
  run.step_loss = history.step_loss;
  const LearningRateSchedule rates(schedule_, learning_rate_, lr_total_steps(setup_));
  for (std::size_t step = 0; step < run.step_loss.size(); ++step) {
    run.step_learning_rate.push_back(rates.at(static_cast<int>(step)));
  }
  run.diverged = trainer_->stop_kind() == nn::StopKind::kDiverged;
  run.diverged_epoch = trainer_->diverged_epoch();
  run.diverged_step = trainer_->diverged_step();
  run.stop_reason = trainer_->stop_reason();
  return run;
}

}  // namespace descent

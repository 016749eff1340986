#include "descent/sims/rnn/rnn_session.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <utility>

#include "descent/data/adding_problem.hpp"
#include "descent/data/shuffle.hpp"
#include "descent/math/messages.hpp"
#include "descent/optim/gradient_clipping.hpp"

namespace descent {
namespace {

constexpr std::uint64_t kTrainStream = 10;  // nn/sequence_network.cpp: weights 0–2
constexpr std::uint64_t kTestStream = 11;
constexpr std::uint64_t kOrderStream = 12;

const RnnConfig& checked(const RnnConfig& config) {
  const std::string message = validate_rnn_config(config);
  if (!message.empty()) throw std::invalid_argument(message);
  return config;
}

// The data set's matrices as floats (the network's scalar); an empty mask stays empty.
void to_float(const SequenceDataset& data, nn::Matrix<float>& inputs, nn::Matrix<float>& targets,
              nn::Matrix<float>& mask) {
  inputs = data.inputs.cast<float>();
  targets = data.targets.cast<float>();
  mask = data.mask.cast<float>();
}

// The metric's baseline: the MSE of repeating the last value (sine), 1/6 (adding), chance.
double task_baseline(const RnnConfig& config, const nn::Matrix<float>& inputs,
                     const nn::Matrix<float>& targets) {
  switch (config.task) {
    case RnnTask::kSine:
      return (inputs.cast<double>() - targets.cast<double>()).squaredNorm() /
             static_cast<double>(inputs.size());
    case RnnTask::kAdding:
      return kAddingProblemBaselineMse;
    case RnnTask::kParity:
      return 0.5;
    case RnnTask::kCopy:
      return 1.0 / kRnnCopyVocabulary;
  }
  return 0.0;
}

bool is_classification(const RnnConfig& config) {
  return config.task == RnnTask::kParity || config.task == RnnTask::kCopy;
}

}  // namespace

RnnSession::RnnSession(const RnnConfig& config)
    : config_(checked(config)),
      time_steps_(rnn_time_steps(config)),
      network_(rnn_network_config(config)),
      probe_(network_),
      scorer_(network_),
      order_rng_(derive_seed(config.seed, kOrderStream)) {
  Rng train_rng(derive_seed(config.seed, kTrainStream));
  Rng test_rng(derive_seed(config.seed, kTestStream));
  to_float(make_rnn_task_data(config, kRnnTrainCount, train_rng), train_inputs_, train_targets_,
           train_mask_);
  to_float(make_rnn_task_data(config, kRnnTestCount, test_rng), test_inputs_, test_targets_,
           test_mask_);
  baseline_ = task_baseline(config, test_inputs_, test_targets_);
  last_evaluation_.steps = -1;
  last_evaluation_.metric = is_classification(config) ? "accuracy" : "mse";
  last_evaluation_.baseline = baseline_;
  parameters_ = network_.get_parameters().cast<double>();
  gradient_.resize(parameters_.size());
  optimizer_ = make_optimizer(config.optimizer, static_cast<int>(parameters_.size()));
  optimizer_->set_keeps_display_state(false);
  const int batch = std::min(config.batch_size, kRnnTrainCount);
  batch_inputs_.resize(batch, train_inputs_.cols());
  batch_targets_.resize(batch, train_targets_.cols());
  if (train_mask_.size() > 0) batch_mask_.resize(batch, train_mask_.cols());
  order_.resize(static_cast<std::size_t>(kRnnTrainCount));
  std::iota(order_.begin(), order_.end(), 0);
  next_in_order_ = kRnnTrainCount;  // shuffled before the first batch
  logged_losses_.reserve(static_cast<std::size_t>(kMaxRnnStepsPerCall));
  logged_gradient_norms_.reserve(static_cast<std::size_t>(kMaxRnnStepsPerCall));
}

void RnnSession::gather_batch() {
  const Eigen::Index rows = batch_inputs_.rows();
  for (Eigen::Index r = 0; r < rows; ++r) {
    if (next_in_order_ == kRnnTrainCount) {
      // Fisher–Yates in place (no allocation), as shuffled_indices draws it.
      for (int i = kRnnTrainCount - 1; i > 0; --i) {
        std::swap(order_[static_cast<std::size_t>(i)],
                  order_[static_cast<std::size_t>(uniform_index(order_rng_, i + 1))]);
      }
      next_in_order_ = 0;
    }
    const int sample = order_[static_cast<std::size_t>(next_in_order_++)];
    batch_inputs_.row(r) = train_inputs_.row(sample);
    batch_targets_.row(r) = train_targets_.row(sample);
    if (batch_mask_.size() > 0) batch_mask_.row(r) = train_mask_.row(sample);
  }
}

int RnnSession::train(int steps) {
  const int room = kMaxRnnStepsPerCall - static_cast<int>(logged_losses_.size());
  const int wanted = std::max(0, std::min(steps, room));
  int trained = 0;
  for (; trained < wanted && !diverged(); ++trained) {
    gather_batch();
    const double loss =
        network_.loss_and_gradient(batch_inputs_, batch_targets_, batch_mask_, gradient_);
    const double norm = gradient_.norm();
    logged_losses_.push_back(loss);
    logged_gradient_norms_.push_back(norm);
    if (!std::isfinite(loss) || !std::isfinite(norm)) {
      diverged_step_ = steps_ + 1;
      divergence_ = std::isfinite(loss) ? "the gradient became " + format_number(norm)
                                        : "the loss became " + format_number(loss);
      break;
    }
    if (config_.clip_norm > 0.0) clip_by_norm(gradient_, config_.clip_norm);
    optimizer_->step(parameters_, gradient_, config_.learning_rate);
    network_.set_parameters(parameters_);
    ++steps_;
  }
  return trained;
}

void RnnSession::clear_log() {
  logged_losses_.clear();
  logged_gradient_norms_.clear();
}

std::string RnnSession::stop_reason() const {
  if (!diverged()) return "";
  return "diverged at step " + std::to_string(diverged_step_) + ": " + divergence_;
}

bool RnnSession::evaluate(int sequences) {
  if (!evaluation_.active) {
    evaluation_ = Evaluation{};
    evaluation_.active = true;
    evaluation_.steps = steps_;
    scorer_.set_parameters(parameters_);
  }
  const int rows = std::min(std::max(0, sequences), test_count() - evaluation_.scored);
  if (rows > 0) score_rows(evaluation_.scored, rows);
  evaluation_.scored += rows;
  if (evaluation_.scored < test_count()) return false;
  evaluation_.active = false;
  RnnEvaluation& result = last_evaluation_;
  result.steps = evaluation_.steps;
  result.baseline = baseline_;
  const double counted = static_cast<double>(std::max<long long>(1, evaluation_.counted));
  result.loss = evaluation_.loss_sum / counted;
  const bool classifier = is_classification(config_);
  result.metric = classifier ? "accuracy" : "mse";
  result.value = classifier ? static_cast<double>(evaluation_.correct) / counted : result.loss;
  return true;
}

void RnnSession::score_rows(int first, int rows) {
  const nn::SequenceNetworkConfig& network = scorer_.config();
  const nn::Matrix<float> inputs = test_inputs_.middleRows(first, rows);
  const nn::Matrix<float> targets = test_targets_.middleRows(first, rows);
  const nn::Matrix<float> mask = test_mask_.size() > 0
                                     ? nn::Matrix<float>(test_mask_.middleRows(first, rows))
                                     : nn::Matrix<float>();
  const int output_time = scorer_.output_time(inputs);
  const nn::Matrix<float> predictions = scorer_.predict(inputs);
  const long long counted = mask.size() > 0 ? static_cast<long long>(mask.sum())
                                            : static_cast<long long>(rows) * output_time;
  evaluation_.loss_sum +=
      nn::sequence_loss_value(network.loss, output_time, predictions, targets, mask) *
      static_cast<double>(counted);
  evaluation_.counted += counted;
  if (!is_classification(config_)) return;
  const int classes = network.output_size;
  for (Eigen::Index n = 0; n < predictions.rows(); ++n) {
    for (int t = 0; t < output_time; ++t) {
      if (mask.size() > 0 && mask(n, t) == 0.0f) continue;
      Eigen::Index best = 0;
      predictions.row(n).segment(static_cast<Eigen::Index>(t) * classes, classes).maxCoeff(&best);
      if (static_cast<float>(best) == targets(n, t)) ++evaluation_.correct;
    }
  }
}

RnnInspection RnnSession::inspect(int index) {
  if (index < 0 || index >= test_count()) {
    throw std::out_of_range("inspect: index must be in [0, " + std::to_string(test_count() - 1) +
                            "], got " + std::to_string(index));
  }
  probe_.set_parameters(parameters_);
  const nn::Matrix<float> mask =
      test_mask_.size() > 0 ? nn::Matrix<float>(test_mask_.row(index)) : nn::Matrix<float>();
  return inspect_rnn_sequence(probe_, test_inputs_.row(index), test_targets_.row(index), mask,
                              probe_gradient_);
}

}  // namespace descent

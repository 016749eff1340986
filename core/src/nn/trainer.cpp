#include "descent/nn/trainer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "descent/data/shuffle.hpp"
#include "descent/math/cold_code.hpp"
#include "descent/math/messages.hpp"

namespace descent::nn {
namespace {

// The losses whose predictions are logits, so a single output unit decides by its sign.
bool takes_logits(LossKind kind) {
  return kind == LossKind::kBinaryCrossEntropy || kind == LossKind::kFocal ||
         kind == LossKind::kHinge;
}

// Two-class data trained through one output unit learns the label column (see trainer.hpp).
bool uses_label_column(const Dataset& data, int output_width) {
  return data.targets.cols() != output_width && data.class_count == 2 && output_width == 1;
}

Eigen::MatrixXd training_targets(const Dataset& data, int output_width, LossKind loss) {
  if (!uses_label_column(data, output_width)) return data.targets;
  Eigen::MatrixXd targets(data.size(), 1);
  for (int row = 0; row < data.size(); ++row) {
    const double label = data.labels[static_cast<size_t>(row)];
    targets(row, 0) = loss == LossKind::kHinge ? 2.0 * label - 1.0 : label;
  }
  return targets;
}

// Validation, once per run: optimised for size (cold_code.hpp).
DESCENT_BEGIN_COLD_CODE
std::string check_data(const std::string& name, const Dataset& data, int input_width,
                       int output_width, const Loss& loss) {
  const std::string prefix = "trainer: " + name + " set: ";
  std::string message = validate_dataset(data);
  if (!message.empty()) return prefix + message;
  if (data.size() < 1) return prefix + "has no samples";
  if (data.feature_count() != input_width) {
    return prefix + "has " + std::to_string(data.feature_count()) +
           " features, the network expects " + std::to_string(input_width);
  }
  if (data.targets.cols() != output_width && !uses_label_column(data, output_width)) {
    return prefix + "has " + std::to_string(data.targets.cols()) +
           " target columns, the network has " + std::to_string(output_width) + " outputs";
  }
  // The targets' domain (e.g. [0, 1] for binary cross-entropy) does not depend on the
  // predictions, so the targets themselves serve as stand-in predictions.
  const Eigen::MatrixXd targets = training_targets(data, output_width, loss.kind);
  message = check_loss_inputs(loss, targets, targets);
  return message.empty() ? "" : prefix + message;
}
DESCENT_END_COLD_CODE

// out = the given rows of source, in order. Column by column with raw pointers: it runs on every
// training step, and per-row Eigen block copies cost more than the copying itself on tiny batches.
template <typename Scalar>
void gather_rows(const Matrix<Scalar>& source, const int* rows, int count, Matrix<Scalar>& out) {
  out.resize(count, source.cols());
  for (Eigen::Index column = 0; column < source.cols(); ++column) {
    const Scalar* from = source.data() + column * source.rows();
    Scalar* to = out.data() + column * count;
    for (int row = 0; row < count; ++row) to[row] = from[rows[row]];
  }
}

int batch_count(int samples, int batch_size) {
  const int size = std::min(batch_size, samples);
  return (samples + size - 1) / size;
}

// Index of the first non-finite entry, or −1. It runs on every step's gradient, so the all-finite
// case is one pass without early exits, which the compiler vectorises: a double is Inf or NaN
// exactly when its exponent bits are all ones.
Eigen::Index first_non_finite(const Eigen::VectorXd& values) {
  constexpr std::uint64_t kExponentBits = 0x7ff0000000000000ULL;
  bool any_non_finite = false;
  for (Eigen::Index i = 0; i < values.size(); ++i) {
    std::uint64_t bits;
    std::memcpy(&bits, &values[i], sizeof bits);
    any_non_finite |= (bits & kExponentBits) == kExponentBits;
  }
  if (!any_non_finite) return -1;
  for (Eigen::Index i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) return i;
  }
  return -1;
}

}  // namespace

const char* stop_kind_id(StopKind kind) {
  switch (kind) {
    case StopKind::kRunning:
      return "running";
    case StopKind::kCompleted:
      return "completed";
    case StopKind::kEarlyStopping:
      return "early_stopping";
    case StopKind::kDiverged:
      return "diverged";
  }
  return "running";
}

std::string validate_trainer_config(const TrainerConfig& config) {
  const std::string owner = "trainer";
  const EarlyStoppingSettings& early = config.early_stopping;
  return first_message(
      {check_range(owner, "epochs", config.epochs, 1, kMaxEpochs),
       check_range(owner, "batch_size", config.batch_size, 1,
                   std::numeric_limits<double>::infinity()),
       validate_optimizer_settings(config.optimizer),
       validate_regularization(config.regularization), validate_clip_settings(config.clip),
       early.enabled
           ? check_range(owner, "early stopping patience", early.patience, 1, kMaxPatience)
           : "",
       early.enabled ? check_range(owner, "early stopping min_delta", early.min_delta, 0.0,
                                   std::numeric_limits<double>::infinity())
                     : "",
       validate_loss(config.loss)});
}

template <typename Scalar>
std::string Trainer<Scalar>::validate(const Network<Scalar>& network, const TrainerConfig& config,
                                      const Dataset& train, const Dataset* validation) {
  std::string message = validate_trainer_config(config);
  if (!message.empty()) return message;
  message = check_output_activation(config.loss, network.config().layers.back().activation);
  if (!message.empty()) return "trainer: " + message;
  const int inputs = network.input_width(), outputs = network.output_width();
  message = check_data("training", train, inputs, outputs, config.loss);
  if (!message.empty()) return message;
  if (validation != nullptr) {
    message = check_data("validation", *validation, inputs, outputs, config.loss);
    if (!message.empty()) return message;
  }
  if (config.early_stopping.enabled && validation == nullptr) {
    return "trainer: early stopping watches the validation loss, so it needs a validation set";
  }
  // Training-mode batch norm needs a variance over each mini-batch: no batch may hold one sample.
  const bool has_batch_norm =
      std::any_of(network.config().layers.begin(), network.config().layers.end(),
                  [](const LayerSpec& layer) { return layer.batch_norm; });
  const int batch_size = std::min(config.batch_size, train.size());
  if (has_batch_norm && (batch_size == 1 || train.size() % batch_size == 1)) {
    return "trainer: batch norm needs at least 2 samples in every mini-batch, but " +
           std::to_string(train.size()) + " training samples in batches of " +
           std::to_string(batch_size) + " leave a batch of 1";
  }
  const long long total_steps =
      static_cast<long long>(config.epochs) * batch_count(train.size(), config.batch_size);
  if (total_steps > std::numeric_limits<int>::max()) {
    return "trainer: too many steps (epochs × batches per epoch)";
  }
  message = validate_schedule_settings(config.schedule, config.learning_rate,
                                       static_cast<int>(total_steps));
  return message.empty() ? "" : "trainer: " + message;
}

template <typename Scalar>
Trainer<Scalar>::Trainer(Network<Scalar>& network, const TrainerConfig& config,
                         const Dataset& train, const Dataset* validation)
    : network_(network), config_(config), shuffle_rng_(config.seed) {
  const std::string message = validate(network, config, train, validation);
  if (!message.empty()) throw std::invalid_argument(message);
  train_ = prepare(train);
  has_validation_ = validation != nullptr;
  if (has_validation_) validation_ = prepare(*validation);
  weight_mask_ = weight_mask(network.config());
  parameters_ = network.get_parameters().template cast<double>();
  epoch_end_parameters_ = parameters_;
  best_parameters_ = parameters_;
  epoch_end_running_statistics_ = network.running_statistics();
  best_running_statistics_ = epoch_end_running_statistics_;
  batches_per_epoch_ = batch_count(train.size(), config.batch_size);
  optimizer_ = make_optimizer(config.optimizer, network.parameter_count());
  optimizer_->set_keeps_display_state(false);  // no widget shows a network optimizer's state
  schedule_ = std::make_unique<LearningRateSchedule>(config.schedule, config.learning_rate,
                                                     config.epochs * batches_per_epoch_);
  if (config.record_layer_diagnostics) history_.layers.resize(static_cast<size_t>(network.depth()));
}

template <typename Scalar>
typename Trainer<Scalar>::Split Trainer<Scalar>::prepare(const Dataset& data) const {
  Split split;
  split.inputs = data.inputs.cast<Scalar>();
  split.targets =
      training_targets(data, network_.output_width(), config_.loss.kind).template cast<Scalar>();
  split.labels = data.labels;
  return split;
}

template <typename Scalar>
double Trainer<Scalar>::evaluate(const Split& split, double& accuracy) const {
  const Matrix<Scalar> outputs = network_.predict(split.inputs);
  const double loss = static_cast<double>(loss_value(config_.loss, outputs, split.targets));
  if (split.labels.empty()) return loss;
  const double threshold = takes_logits(config_.loss.kind) ? 0.0 : 0.5;
  int correct = 0;
  for (Eigen::Index row = 0; row < outputs.rows(); ++row) {
    Eigen::Index predicted = 0;
    if (outputs.cols() == 1) {
      predicted = static_cast<double>(outputs(row, 0)) > threshold ? 1 : 0;
    } else {
      outputs.row(row).maxCoeff(&predicted);
    }
    if (predicted == split.labels[static_cast<size_t>(row)]) ++correct;
  }
  accuracy = static_cast<double>(correct) / static_cast<double>(outputs.rows());
  return loss;
}

template <typename Scalar>
bool Trainer<Scalar>::run_epoch() {
  if (finished()) return true;
  const int epoch = epochs_completed() + 1;
  const int samples = static_cast<int>(train_.inputs.rows());
  if (config_.shuffle) {
    epoch_order_ = shuffled_indices(samples, shuffle_rng_);
  } else {
    epoch_order_.resize(static_cast<size_t>(samples));
    for (int i = 0; i < samples; ++i) epoch_order_[static_cast<size_t>(i)] = i;
  }
  const int batch_size = std::min(config_.batch_size, samples);
  double lr = 0.0;
  Matrix<Scalar> inputs, targets;
  for (int start = 0; start < samples; start += batch_size) {
    const int rows = std::min(batch_size, samples - start);
    gather_rows(train_.inputs, epoch_order_.data() + start, rows, inputs);
    gather_rows(train_.targets, epoch_order_.data() + start, rows, targets);
    network_.set_parameters(parameters_);
    const double loss =
        static_cast<double>(network_.loss_and_gradient(inputs, targets, config_.loss, gradient_));
    ++step_count_;
    if (!std::isfinite(loss)) {
      diverge(epoch, "loss", loss);
      return true;
    }
    const Eigen::Index bad = first_non_finite(gradient_);
    if (bad >= 0) {
      diverge(epoch, "gradient", gradient_[bad]);
      return true;
    }
    record_step(loss);
    add_regularization_gradient(config_.regularization, parameters_, weight_mask_, gradient_);
    apply_clipping(config_.clip, gradient_);
    lr = schedule_->at(step_count_ - 1);
    const bool has_l1 = config_.regularization.l1 != 0.0;
    if (has_l1) step_start_parameters_ = parameters_;
    optimizer_->step(parameters_, gradient_, lr);
    if (has_l1) {
      project_to_l1_orthant(config_.regularization, step_start_parameters_, gradient_, weight_mask_,
                            parameters_);
    }
  }
  network_.set_parameters(parameters_);
  record_epoch(epoch, lr);
  return finished();
}

template <typename Scalar>
void Trainer<Scalar>::record_step(double loss) {
  history_.step_loss.push_back(loss);
  if (!config_.record_layer_diagnostics) return;
  for (size_t l = 0; l < history_.layers.size(); ++l) {
    LayerHistory& layer = history_.layers[l];
    const LayerDiagnostics d = network_.layer_diagnostics(static_cast<int>(l));
    layer.activation_mean.push_back(d.activation_mean);
    layer.activation_std.push_back(d.activation_std);
    layer.zero_fraction.push_back(d.zero_fraction);
    layer.dead_unit_fraction.push_back(d.dead_unit_fraction);
    layer.weight_norm.push_back(d.weight_norm);
    layer.weight_gradient_norm.push_back(d.weight_gradient_norm);
    layer.bias_gradient_norm.push_back(d.bias_gradient_norm);
  }
}

template <typename Scalar>
void Trainer<Scalar>::record_epoch(int epoch, double lr) {
  double train_accuracy = 0.0, validation_accuracy = 0.0;
  const double train_loss = evaluate(train_, train_accuracy);
  const double validation_loss = has_validation_ ? evaluate(validation_, validation_accuracy) : 0.0;
  // The last step's update can overflow the weights without its own loss showing it.
  if (!std::isfinite(train_loss)) return diverge(epoch, "loss", train_loss);
  if (!std::isfinite(validation_loss)) return diverge(epoch, "validation loss", validation_loss);

  history_.train_loss.push_back(train_loss);
  if (has_validation_) history_.validation_loss.push_back(validation_loss);
  if (!train_.labels.empty()) history_.train_accuracy.push_back(train_accuracy);
  if (has_validation_ && !validation_.labels.empty()) {
    history_.validation_accuracy.push_back(validation_accuracy);
  }
  history_.penalty.push_back(
      regularization_penalty(config_.regularization, parameters_, weight_mask_));
  history_.learning_rate.push_back(lr);
  epoch_end_parameters_ = parameters_;
  epoch_end_running_statistics_ = network_.running_statistics();

  const double watched = has_validation_ ? validation_loss : train_loss;
  const double min_delta = config_.early_stopping.enabled ? config_.early_stopping.min_delta : 0.0;
  if (best_epoch_ == 0 || watched < best_loss_ - min_delta) {
    best_loss_ = watched;
    best_epoch_ = epoch;
    best_parameters_ = parameters_;
    best_running_statistics_ = epoch_end_running_statistics_;
  }
  if (config_.early_stopping.enabled && epoch - best_epoch_ >= config_.early_stopping.patience) {
    stop_kind_ = StopKind::kEarlyStopping;
    stop_reason_ = "early stopping at epoch " + std::to_string(epoch) + " (best " +
                   std::to_string(best_epoch_) + ")";
    finish();
  } else if (epoch == config_.epochs) {
    stop_kind_ = StopKind::kCompleted;
    stop_reason_ = "completed";
    finish();
  }
}

template <typename Scalar>
void Trainer<Scalar>::diverge(int epoch, const std::string& what, double value) {
  stop_kind_ = StopKind::kDiverged;
  diverged_epoch_ = epoch;
  diverged_step_ = step_count_;
  stop_reason_ = "diverged at epoch " + std::to_string(epoch) + ", step " +
                 std::to_string(step_count_) + ": " + what + " became " +
                 (std::isnan(value) ? "NaN" : "Inf");
  restore(epoch_end_parameters_, epoch_end_running_statistics_);
}

template <typename Scalar>
void Trainer<Scalar>::finish() {
  if (config_.early_stopping.enabled) restore(best_parameters_, best_running_statistics_);
}

template <typename Scalar>
void Trainer<Scalar>::restore(const Eigen::VectorXd& parameters,
                              const std::vector<RunningStatistics<Scalar>>& running_statistics) {
  parameters_ = parameters;
  network_.set_parameters(parameters_);
  network_.set_running_statistics(running_statistics);
}

template <typename Scalar>
std::string Trainer<Scalar>::validate_parameters(const Eigen::VectorXd& parameters) const {
  if (parameters.size() != parameters_.size()) {
    return "expected " + std::to_string(parameters_.size()) + " parameters, got " +
           std::to_string(parameters.size());
  }
  if (!parameters.allFinite()) return "parameters must be finite numbers";
  return "";
}

template <typename Scalar>
void Trainer<Scalar>::set_parameters(const Eigen::VectorXd& parameters) {
  if (const std::string message = validate_parameters(parameters); !message.empty()) {
    throw std::invalid_argument(message);
  }
  parameters_ = parameters;
  epoch_end_parameters_ = parameters_;
  network_.set_parameters(parameters_);
}

template <typename Scalar>
void Trainer<Scalar>::run() {
  while (!run_epoch()) {
  }
}

template class Trainer<float>;
template class Trainer<double>;

}  // namespace descent::nn

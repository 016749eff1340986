#include "descent/sims/regularization/run.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "descent/data/dataset.hpp"
#include "descent/math/cold_code.hpp"
#include "descent/math/messages.hpp"
#include "descent/nn/loss.hpp"
#include "descent/nn/regularization.hpp"

namespace descent {
namespace {

constexpr double kSineVariance = 0.5;  // Var(sin 2πx) for x uniform over one period

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string join(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

// The network sees x rescaled from [0, 1] to [−1, 1]: centred inputs, as one normalises features,
// so that tanh units start in their curved range instead of spending epochs fitting a line.
double network_input(double x) { return 2.0 * x - 1.0; }
Eigen::MatrixXd network_input(const Eigen::MatrixXd& x) { return (2.0 * x.array() - 1.0).matrix(); }

}  // namespace

const std::vector<std::string>& capacity_names() {
  static const std::vector<std::string> names{"low", "medium", "high", "custom"};
  return names;
}

const std::vector<RegularizationOptimizerInfo>& regularization_optimizer_catalog() {
  static const std::vector<RegularizationOptimizerInfo> catalog{
      {"adam", 0.03, 0.003, nn::kMaxRegularizationStrength},
      {"adamw", 0.03, 0.5, 1.0},
      {"momentum", 0.1, 0.003, nn::kMaxRegularizationStrength},
  };
  return catalog;
}

const std::vector<std::string>& regularization_optimizer_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> ids;
    for (const auto& info : regularization_optimizer_catalog()) ids.push_back(info.id);
    return ids;
  }();
  return names;
}

std::vector<int> capacity_layers(const RegularizationRunConfig& config) {
  // low: one tanh unit, a monotone S-curve that cannot follow a sine period (underfits); medium:
  // three units, enough for the sine and little more; high: 288 weights for 15 points, free to
  // thread the fit through the noise.
  if (config.capacity == "low") return {1};
  if (config.capacity == "medium") return {3};
  if (config.capacity == "high") return {16, 16};
  return std::vector<int>(static_cast<std::size_t>(std::max(config.depth, 0)), config.width);
}

// Set-up, once per run: optimised for size (cold_code.hpp).
DESCENT_BEGIN_COLD_CODE
std::string validate_regularization_run_config(const RegularizationRunConfig& config) {
  const std::string owner = "regularization";
  if (!contains(capacity_names(), config.capacity)) {
    return "capacity: \"" + shorten_text(config.capacity) +
           "\" is not known (valid: " + join(capacity_names()) + ")";
  }
  if (!contains(regularization_optimizer_names(), config.optimizer)) {
    return "optimizer: \"" + shorten_text(config.optimizer) +
           "\" is not offered here (valid: " + join(regularization_optimizer_names()) + ")";
  }
  double max_weight_decay = 0.0;
  for (const auto& info : regularization_optimizer_catalog()) {
    if (info.id == config.optimizer) max_weight_decay = info.max_weight_decay;
  }
  return first_message(
      {check_range(owner, "train points", config.train_points, kMinRegularizationTrainPoints,
                   kMaxRegularizationTrainPoints),
       check_range(owner, "validation points", config.validation_points,
                   kMinRegularizationTrainPoints, kMaxRegularizationValidationPoints),
       validate_noise(config.noise),
       check_range(owner, "training set", config.training_set, 0, kMaxTrainingSet),
       config.capacity == "custom" ? check_range(owner, "width", config.width,
                                                 kMinRegularizationWidth, kMaxRegularizationWidth)
                                   : "",
       config.capacity == "custom" ? check_range(owner, "depth", config.depth,
                                                 kMinRegularizationDepth, kMaxRegularizationDepth)
                                   : "",
       check_range(owner, "epochs", config.epochs, kMinRegularizationEpochs,
                   kMaxRegularizationEpochs),
       check_range(owner, "batch size", config.batch_size, 0, kMaxRegularizationTrainPoints),
       check_range(owner, "learning rate", config.learning_rate, 0.0,
                   kMaxRegularizationLearningRate),
       config.learning_rate > 0.0 ? "" : owner + ": learning rate must be > 0",
       check_range(owner, "dropout", config.dropout, 0.0, kMaxRegularizationDropout),
       check_range(owner, "weight decay", config.weight_decay, 0.0, max_weight_decay),
       check_range(owner, "l1", config.l1, 0.0, nn::kMaxRegularizationStrength),
       config.early_stopping
           ? check_range(owner, "patience", config.patience, 1, kMaxRegularizationPatience)
           : "",
       check_range(owner, "curve points", config.curve_points, kMinRegularizationCurvePoints,
                   kMaxRegularizationCurvePoints)});
}
DESCENT_END_COLD_CODE

nn::NetworkConfig regularization_network_config(const RegularizationRunConfig& config) {
  nn::NetworkConfig network;
  network.input_width = 1;
  for (int width : capacity_layers(config)) {
    nn::LayerSpec layer;
    layer.width = width;
    layer.activation = nn::ActivationKind::kTanh;
    layer.dropout_rate = config.dropout;
    network.layers.push_back(layer);
  }
  network.layers.push_back(nn::LayerSpec{});  // one linear output: the prediction of y
  network.seed = derive_seed(config.seed, kWeightStream);
  return network;
}

nn::TrainerConfig regularization_trainer_config(const RegularizationRunConfig& config) {
  nn::TrainerConfig trainer;
  trainer.epochs = config.epochs;
  trainer.batch_size = config.batch_size == 0 ? config.train_points : config.batch_size;
  trainer.optimizer.id = config.optimizer;
  if (config.optimizer == "adamw") {
    trainer.optimizer.hyper_parameters["weight_decay"] = config.weight_decay;
  } else {
    trainer.regularization.l2 = config.weight_decay;
  }
  trainer.regularization.l1 = config.l1;
  trainer.learning_rate = config.learning_rate;
  trainer.loss.kind = nn::LossKind::kMse;
  trainer.seed = derive_seed(config.seed, kShuffleStream);
  return trainer;
}

// Set-up, once per run: optimised for size (cold_code.hpp).
DESCENT_BEGIN_COLD_CODE
Regression1dData regularization_data(const RegularizationRunConfig& config, bool validation) {
  Regression1dSpec spec;
  spec.function = "sine";
  spec.count = validation ? config.validation_points : config.train_points;
  spec.noise = config.noise;
  // Stream 0: the validation points; stream 1 + k: training set k.
  const std::uint64_t stream = validation ? 0 : 1 + static_cast<std::uint64_t>(config.training_set);
  Rng rng(derive_seed(derive_seed(config.seed, kDataStream), stream));
  Regression1dData data;
  const std::string message = make_regression_1d(spec, rng, data);
  if (!message.empty()) throw std::invalid_argument(message);
  return data;
}
DESCENT_END_COLD_CODE

RegularizationRun::RegularizationRun(const RegularizationRunConfig& config) : config_(config) {
  const std::string message = validate_regularization_run_config(config);
  if (!message.empty()) throw std::invalid_argument(message);
  const Regression1dData data = regularization_data(config, false);
  train_ = data.dataset;
  validation_ = regularization_data(config, true).dataset;
  Dataset network_train = train_, network_validation = validation_;
  network_train.inputs = network_input(train_.inputs);
  network_validation.inputs = network_input(validation_.inputs);

  const int points = config.curve_points;
  curve_inputs_.resize(points, 1);
  for (int i = 0; i < points; ++i) {
    const double x = static_cast<double>(i) / (points - 1);
    curve_x_.push_back(x);
    true_curve_.push_back(data.true_value(x));
    curve_inputs_(i, 0) = static_cast<float>(network_input(x));
  }
  underfit_threshold_ = config.noise * config.noise + kUnderfitSignalFraction * kSineVariance;

  const nn::NetworkConfig network_config = regularization_network_config(config);
  network_ = std::make_unique<nn::Network<float>>(network_config);
  trainer_ = std::make_unique<nn::Trainer<float>>(*network_, regularization_trainer_config(config),
                                                  network_train, &network_validation);
  weight_mask_ = nn::weight_mask(network_config);
  best_parameters_ = network_->get_parameters();
  record_epoch();
}

RegularizationRun::~RegularizationRun() = default;

void RegularizationRun::record_epoch() {
  const auto mse = [this](const Dataset& data) {
    const nn::Matrix<float> predictions =
        network_->predict(network_input(data.inputs).cast<float>());
    return (predictions.cast<double>() - data.targets).array().square().mean();
  };
  const nn::TrainingHistory& history = trainer_->history();
  const bool initial = train_loss_.empty();
  // After an epoch the trainer has already measured both losses at these very weights.
  train_loss_.push_back(initial ? mse(train_) : history.train_loss.back());
  validation_loss_.push_back(initial ? mse(validation_) : history.validation_loss.back());

  const nn::Matrix<float> fitted = network_->predict(curve_inputs_);
  for (Eigen::Index i = 0; i < fitted.rows(); ++i) curves_.push_back(fitted(i, 0));

  const nn::Vector<float> parameters = network_->get_parameters();
  int zeros = 0;
  for (Eigen::Index i = 0; i < parameters.size(); ++i) {
    if (weight_mask_[i] != 0.0 && parameters[i] == 0.0f) ++zeros;
  }
  zero_weights_.push_back(zeros);

  const double validation = validation_loss_.back();
  gap_.push_back(validation - train_loss_.back());
  if (initial || validation < lowest_validation_so_far_) {
    lowest_validation_so_far_ = validation;
    train_at_lowest_validation_ = train_loss_.back();
  }
  if (train_loss_.back() > underfit_threshold_) {
    verdicts_.push_back(FitVerdict::kUnderfitting);
  } else if (validation > (1.0 + kOverfitRise) * lowest_validation_so_far_ &&
             train_loss_.back() < train_at_lowest_validation_) {
    verdicts_.push_back(FitVerdict::kOverfitting);
  } else {
    verdicts_.push_back(FitVerdict::kGoodFit);
  }
  if (!initial && trainer_->best_epoch() != best_epoch_) {
    best_epoch_ = trainer_->best_epoch();
    best_parameters_ = parameters;
  }
}

void RegularizationRun::stop(nn::StopKind kind, const std::string& reason) {
  finished_ = true;
  stop_kind_ = kind;
  stop_reason_ = reason;
  if (kind == nn::StopKind::kEarlyStopping ||
      (kind == nn::StopKind::kCompleted && config_.early_stopping)) {
    network_->set_parameters(best_parameters_);  // early stopping keeps the best epoch's weights
  }
}

bool RegularizationRun::advance(int max_epochs) {
  for (int i = 0; i < max_epochs && !finished_; ++i) {
    trainer_->run_epoch();
    if (trainer_->stop_kind() == nn::StopKind::kDiverged) {
      stop(nn::StopKind::kDiverged, trainer_->stop_reason());
      break;
    }
    record_epoch();
    const int epoch = epochs_completed();
    if (config_.early_stopping && epoch - best_epoch_ >= config_.patience) {
      stop(nn::StopKind::kEarlyStopping, "early stopping at epoch " + std::to_string(epoch) +
                                             " (best " + std::to_string(best_epoch_) + ")");
    } else if (trainer_->finished()) {
      stop(nn::StopKind::kCompleted, "completed");
    }
  }
  return finished_;
}

void RegularizationRun::run() {
  while (!advance(config_.epochs)) {
  }
}

int RegularizationRun::kept_epoch() const {
  const bool restored = config_.early_stopping && finished_ &&
                        stop_kind_ != nn::StopKind::kDiverged && best_epoch_ > 0;
  return restored ? best_epoch_ : epochs_completed();
}

int RegularizationRun::sweet_spot_first() const {
  const double limit = (1.0 + kSweetSpotTolerance) * best_validation_loss();
  int first = best_epoch_;
  while (first > 0 && validation_loss_[static_cast<std::size_t>(first - 1)] <= limit) --first;
  return first;
}

int RegularizationRun::sweet_spot_last() const {
  const double limit = (1.0 + kSweetSpotTolerance) * best_validation_loss();
  int last = best_epoch_;
  while (last < epochs_completed() &&
         validation_loss_[static_cast<std::size_t>(last + 1)] <= limit) {
    ++last;
  }
  return last;
}

std::vector<double> RegularizationRun::weights() const {
  const nn::Vector<float> parameters = network_->get_parameters();
  std::vector<double> result;
  for (Eigen::Index i = 0; i < parameters.size(); ++i) {
    if (weight_mask_[i] != 0.0) result.push_back(parameters[i]);
  }
  return result;
}

std::vector<double> RegularizationRun::current_curve() const {
  const nn::Matrix<float> fitted = network_->predict(curve_inputs_);
  return std::vector<double>(fitted.data(), fitted.data() + fitted.size());
}

int RegularizationRun::weight_count() const { return static_cast<int>(weight_mask_.sum()); }

}  // namespace descent

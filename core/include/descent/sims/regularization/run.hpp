#pragma once
// The simulation behind <descent-regularization>: a small noisy 1-D regression set, a network of a
// chosen capacity trained on it epoch by epoch, and everything the explorer draws — per epoch the
// training and validation loss (the "scissors"), the fitted function on a fixed x grid (so the
// learner can scrub back through training), a verdict (underfitting / good fit / overfitting) and
// the count of weights that are exactly zero; at the end the best-validation epoch, the three
// phases, the stop reason and the weights that were kept.
//
// Data: y = sin(2πx) + noise, x uniform in [0, 1] (data/regression_1d.hpp). The validation
// points come from sub-stream 0 of derive_seed(seed, kDataStream), training set k from sub-stream
// 1 + k: so more training points, or another training set, are judged on the same validation
// points. The network
// sees x and predicts y (mse loss).
//
// Regularizers, each off at 0: dropout on every hidden layer; weight decay λ — for "adam" and
// "momentum" the L2 penalty (λ/2)·Σw² on the loss, for "adamw" AdamW's decoupled weight decay (the
// seeds' "AdamW = Adam with built-in weight decay"); L1 strength λ₁·Σ|w|; early stopping with a
// patience. Penalties act on weights only, never biases (nn/regularization.hpp).
//
// Early stopping is the trainer's rule (an epoch improves when its validation loss is below the
// best so far; `patience` epochs without improvement stop the run) applied here, outside the
// Trainer, so that the stopping epoch's own fit is still recorded before the best weights are
// restored (the Trainer restores them inside its last run_epoch).
//
// Indexing: every per-epoch vector has epochs_completed + 1 entries; entry e describes the network
// after e epochs (entry 0: the initial weights).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "descent/data/regression_1d.hpp"
#include "descent/nn/network.hpp"
#include "descent/nn/trainer.hpp"

namespace descent {

// The limits validate_regularization_run_config enforces (regularizationCatalog() gives them to
// the widget). Runs longer than a frame are spread over frames by the widget, with progress.
constexpr int kMinRegularizationEpochs = 1;
constexpr int kMaxRegularizationEpochs = 2000;
constexpr int kMaxTrainingSet = 1000;
constexpr int kMinRegularizationTrainPoints = 2;
constexpr int kMaxRegularizationTrainPoints = 500;
constexpr int kMaxRegularizationValidationPoints = 500;
constexpr int kMinRegularizationWidth = 1;
constexpr int kMaxRegularizationWidth = 256;  // custom capacity: units per hidden layer
constexpr int kMinRegularizationDepth = 1;
constexpr int kMaxRegularizationDepth = 6;  // custom capacity: hidden layers
constexpr int kMaxRegularizationPatience = 1000;
constexpr double kMaxRegularizationDropout = 0.9;
constexpr int kMinRegularizationCurvePoints = 2;
constexpr int kMaxRegularizationCurvePoints = 1001;
constexpr double kMaxRegularizationLearningRate = 10.0;
// Sub-streams of the config's seed.
constexpr std::uint64_t kDataStream = 0;
constexpr std::uint64_t kWeightStream = 1;
constexpr std::uint64_t kShuffleStream = 2;

// Verdict thresholds (see RegularizationRun::verdicts).
// Overfitting: validation loss this fraction above the lowest one so far.
constexpr double kOverfitRise = 0.10;
// Underfitting: training loss above noise² plus this fraction of Var(sin 2πx) = ½.
constexpr double kUnderfitSignalFraction = 0.10;
// The sweet spot: epochs whose validation loss is within this fraction of the best.
constexpr double kSweetSpotTolerance = 0.10;

// The defaults are the explorer's default setup, chosen by measurement (tests/core/sims and
// build-scripts/bench.sh): from seed 17 the high-capacity model without regularization overfits
// (validation loss lowest at epoch 99, then rising while the training loss keeps falling), each
// remedy lowers the final validation loss, and a retrain takes about a frame in WebAssembly.
struct RegularizationRunConfig {
  // Data
  int train_points = 15;
  int validation_points = 30;
  double noise = 0.3;       // standard deviation of the Gaussian noise on y
  std::uint64_t seed = 17;  // data, initial weights, shuffling and dropout masks
  int training_set = 0;     // another draw of the data with the same seed (bias–variance view)
  // Model: "low", "medium", "high" (presets, see capacity_layers) or "custom" (width × depth)
  std::string capacity = "high";
  int width = 16;  // custom only: units per hidden layer
  int depth = 2;   // custom only: hidden layers
  // Training
  int epochs = 300;
  int batch_size = 0;              // 0: full batch (every training point in each step)
  std::string optimizer = "adam";  // "adam", "adamw" or "momentum" (SGD with momentum 0.9)
  double learning_rate = 0.03;
  // Regularization
  double dropout = 0.0;       // rate on every hidden layer, in [0, 0.9]
  double weight_decay = 0.0;  // λ: L2 penalty (adam, momentum) or decoupled decay (adamw)
  double l1 = 0.0;            // λ₁ of the L1 penalty
  bool early_stopping = false;
  int patience = 20;  // epochs without a lower validation loss before stopping
  // Drawing
  int curve_points = 61;  // the fitted function is sampled at this many x in [0, 1]
};

enum class FitVerdict { kUnderfitting = 0, kGoodFit = 1, kOverfitting = 2 };

// "low", "medium", "high", "custom".
const std::vector<std::string>& capacity_names();

// An optimizer the explorer offers, with its measured defaults (tests/core/sims/regularization):
// from seed 17 the high-capacity model overfits at the default learning rate, and weight decay at
// the default λ closes the scissors. Weight decay is an L2 penalty on the loss for adam and
// momentum, but AdamW's own decoupled decay (θ ← θ − α·λ·θ) for adamw, which needs a far larger λ
// for the same effect and is capped lower (validate_regularization_run_config).
struct RegularizationOptimizerInfo {
  std::string id;
  double default_learning_rate;
  double default_weight_decay;
  double max_weight_decay;
};
// adam, adamw, momentum (SGD with momentum 0.9), in that order.
const std::vector<RegularizationOptimizerInfo>& regularization_optimizer_catalog();
// Their ids: "adam", "adamw", "momentum".
const std::vector<std::string>& regularization_optimizer_names();
// Hidden-layer widths of a capacity preset (custom: depth × width), tanh units.
std::vector<int> capacity_layers(const RegularizationRunConfig& config);

// "" when valid, otherwise a message for the user naming the setting.
std::string validate_regularization_run_config(const RegularizationRunConfig& config);

// The network config (tanh hidden layers, one linear output) and trainer config the run uses.
// Precondition: the config is valid.
nn::NetworkConfig regularization_network_config(const RegularizationRunConfig& config);
nn::TrainerConfig regularization_trainer_config(const RegularizationRunConfig& config);

// The training points (validation false) or the validation points. Precondition: valid.
Regression1dData regularization_data(const RegularizationRunConfig& config, bool validation);

// One training run, advanced epoch by epoch (a widget can spread a long run over several
// animation frames and show progress).
class RegularizationRun {
 public:
  // Throws std::invalid_argument with validate_regularization_run_config's message when invalid.
  explicit RegularizationRun(const RegularizationRunConfig& config);
  ~RegularizationRun();
  RegularizationRun(const RegularizationRun&) = delete;
  RegularizationRun& operator=(const RegularizationRun&) = delete;

  // Runs up to `max_epochs` more epochs (fewer when the run finishes). Returns finished().
  bool advance(int max_epochs);
  // Runs until finished.
  void run();

  bool finished() const { return finished_; }
  const RegularizationRunConfig& config() const { return config_; }

  // ---- data and grid ----
  const Dataset& train() const { return train_; }
  const Dataset& validation() const { return validation_; }
  const std::vector<double>& curve_x() const { return curve_x_; }
  const std::vector<double>& true_curve() const { return true_curve_; }  // sin(2πx)

  // ---- per epoch (epochs_completed() + 1 entries; curves: that many rows of curve_points) ----
  int epochs_completed() const { return static_cast<int>(train_loss_.size()) - 1; }
  const std::vector<double>& train_loss() const { return train_loss_; }
  const std::vector<double>& validation_loss() const { return validation_loss_; }
  const std::vector<double>& curves() const { return curves_; }  // row-major
  const std::vector<int>& zero_weights() const { return zero_weights_; }
  // Validation minus training loss: the gap between the scissors' blades.
  const std::vector<double>& gap() const { return gap_; }
  // Verdict at each epoch: underfitting while the training loss is above the noise level
  // noise² + kUnderfitSignalFraction·½ (the model has not even fitted the data it sees); else
  // overfitting when the validation loss is more than kOverfitRise above the lowest so far while
  // the training loss is below its value at that lowest point (the blades open); else a good fit.
  const std::vector<FitVerdict>& verdicts() const { return verdicts_; }

  // ---- summary (valid at any time; final once finished) ----
  int best_epoch() const { return best_epoch_; }  // lowest validation loss (earliest on ties)
  double best_validation_loss() const { return validation_loss_[best_epoch_]; }
  // The epoch whose weights the network ends with: best_epoch with early stopping (the weights
  // are restored), else the last completed epoch.
  int kept_epoch() const;
  // The sweet spot: the epochs around best_epoch whose validation loss is within
  // kSweetSpotTolerance of the best; before it the network is learning, after it overfitting.
  int sweet_spot_first() const;
  int sweet_spot_last() const;
  nn::StopKind stop_kind() const { return stop_kind_; }
  // "" while running, then "completed", "early stopping at epoch k (best b)" or the trainer's
  // "diverged at epoch e, step s: …".
  const std::string& stop_reason() const { return stop_reason_; }
  // The network's weights (no biases) in flat order, as they are now (the kept weights once
  // finished).
  std::vector<double> weights() const;
  int weight_count() const;
  // The network's predictions on the grid as it is now (curves' row kept_epoch() once finished).
  std::vector<double> current_curve() const;

 private:
  void record_epoch();
  void stop(nn::StopKind kind, const std::string& reason);

  RegularizationRunConfig config_;
  Dataset train_;
  Dataset validation_;
  std::vector<double> curve_x_;
  std::vector<double> true_curve_;
  nn::Matrix<float> curve_inputs_;
  std::unique_ptr<nn::Network<float>> network_;
  std::unique_ptr<nn::Trainer<float>> trainer_;
  Eigen::VectorXd weight_mask_;
  nn::Vector<float> best_parameters_;
  double underfit_threshold_ = 0.0;

  std::vector<double> train_loss_;
  std::vector<double> validation_loss_;
  std::vector<double> curves_;
  std::vector<double> gap_;
  std::vector<int> zero_weights_;
  std::vector<FitVerdict> verdicts_;
  double lowest_validation_so_far_ = 0.0;
  double train_at_lowest_validation_ = 0.0;
  int best_epoch_ = 0;
  bool finished_ = false;
  nn::StopKind stop_kind_ = nn::StopKind::kRunning;
  std::string stop_reason_;
};

}  // namespace descent

#pragma once
// Mini-batch training of a Network on a Dataset, epoch by epoch, recording the curves the
// widgets plot: losses and accuracies per epoch, and per step the mini-batch loss and each
// layer's diagnostics when asked for (what the dynamics explorer draws).
//
// One step: set the network to the flat parameters θ, forward and backward pass on the mini-batch
// (mean data loss, network.hpp), add the L1/L2 penalty's gradient (regularization.hpp; L1
// orthant-wise), clip (optim/gradient_clipping.hpp: "norm" clips the global norm of the whole flat
// gradient, as torch.nn.utils.clip_grad_norm_ over all parameters), optimizer.step(θ, g, lr), then
// with L1 set the weights that crossed 0 to exactly 0. θ and the optimizer work in double for both
// Network<float> and Network<double>.
//
// Conventions, chosen so each number on a plot has one meaning:
// - Mini-batches: each epoch takes the training samples in an order — a fresh shuffled_indices
//   permutation per epoch from Rng(seed) with shuffle on, the data set's own order with it off
//   (the sorted-data lesson) — and cuts it into ⌈N / batch_size⌉ consecutive batches, the last one
//   smaller when batch_size does not divide N. batch_size ≥ N means full-batch gradient descent.
// - The learning-rate schedule advances once per mini-batch (per optimizer step, as the
//   optimizers count steps), over epochs × batches-per-epoch steps in all.
// - Targets: Dataset::targets when its width is the network's output width; for two-class data
//   and a single output unit, the label column instead — 0/1, or ±1 for hinge.
// - Per-epoch losses are the mean data loss (no penalty) of the whole training and validation
//   sets at the weights after the epoch's last step; the penalty is recorded on its own.
// - Accuracy (classification data only): argmax of the outputs with several output units; with
//   one, class 1 when the output is > 0 for the losses that take logits (binary cross-entropy,
//   focal, hinge) and > 0.5 for the others (e.g. mse regressing 0/1 labels).
// - Early stopping watches the validation loss: an epoch improves when its loss is below the best
//   so far by more than min_delta; after `patience` epochs without improvement training stops.
//   With early stopping on, the network ends with the best epoch's weights (stopped or not).
// - Divergence: a non-finite loss or gradient at any step stops training with the epoch and the
//   step; the network is left at the weights of the last completed epoch (still finite), and the
//   per-epoch history holds the completed epochs only.
// - Training steps run the network in training mode (batch-norm batch statistics, dropout masks),
//   the per-epoch losses and accuracies in evaluation mode (Network::predict). Restoring weights
//   (early stopping, divergence) restores the batch norms' running statistics with them, so the
//   restored network predicts exactly as it did at that epoch.
// - Deterministic: the same network, data and config give the same history, bit for bit.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "descent/data/dataset.hpp"
#include "descent/math/rng.hpp"
#include "descent/nn/loss.hpp"
#include "descent/nn/network.hpp"
#include "descent/nn/regularization.hpp"
#include "descent/optim/gradient_clipping.hpp"
#include "descent/optim/lr_schedule.hpp"
#include "descent/optim/optimizer.hpp"
#include "descent/optim/optimizer_catalog.hpp"

namespace descent::nn {

// Limits of validate_trainer_config: enough for every lesson, small enough to stay interactive.
constexpr int kMaxEpochs = 100000;
constexpr int kMaxPatience = 100000;

struct EarlyStoppingSettings {
  bool enabled = false;
  int patience = 10;       // epochs without improvement before stopping (≥ 1)
  double min_delta = 0.0;  // how much lower the validation loss must get to count (≥ 0)
};

struct TrainerConfig {
  int epochs = 100;               // passes over the training set (1..kMaxEpochs)
  int batch_size = 32;            // samples per step (≥ 1; ≥ N is full batch)
  bool shuffle = true;            // false: every epoch in the data set's order
  OptimizerSettings optimizer;    // id and hyper-parameters ("adamw": decoupled weight decay)
  double learning_rate = 0.01;    // base learning rate, scaled by the schedule
  ScheduleSettings schedule;      // stepped once per mini-batch
  Regularization regularization;  // L1/L2 on the weights, added to the loss
  ClipSettings clip;              // applied to the whole flat gradient after the penalty
  EarlyStoppingSettings early_stopping;
  Loss loss;               // data loss; binary_cross_entropy wants a linear output layer
  std::uint64_t seed = 0;  // the shuffling Rng; the network's weights have their own seed
  // Per-step layer diagnostics (TrainingHistory::layers), for plots of training dynamics. Off by
  // default: on a small network they cost a sixth of each step.
  bool record_layer_diagnostics = false;
};

// "" when every setting is valid on its own, otherwise the first problem. The learning rate and
// schedule are checked in validate_training, which knows the number of steps.
std::string validate_trainer_config(const TrainerConfig& config);

// One layer's diagnostics over the steps: entry s is LayerDiagnostics of step s + 1's forward and
// backward pass (its mini-batch, its data-loss gradient before penalty and clipping, the weights it
// started from).
struct LayerHistory {
  std::vector<double> activation_mean;
  std::vector<double> activation_std;
  std::vector<double> zero_fraction;
  std::vector<double> dead_unit_fraction;
  std::vector<double> weight_norm;
  std::vector<double> weight_gradient_norm;
  std::vector<double> bias_gradient_norm;
};

// Per-epoch vectors have one entry per completed epoch (index e is epoch e + 1), per-step vectors
// one per step whose own loss and gradient were finite — after a divergence they keep the steps
// that led to it, showing the blow-up. Vectors that do not apply stay empty: validation_* without
// a validation set, *_accuracy for regression data, layers without record_layer_diagnostics.
struct TrainingHistory {
  std::vector<double> train_loss;           // mean data loss over the training set
  std::vector<double> validation_loss;      // mean data loss over the validation set
  std::vector<double> train_accuracy;       // fraction in [0, 1]
  std::vector<double> validation_accuracy;  // fraction in [0, 1]
  std::vector<double> penalty;              // L1 + L2 penalty at the epoch's end
  std::vector<double> learning_rate;        // the rate used by the epoch's last step
  std::vector<double> step_loss;            // per step: the mini-batch's mean data loss
  std::vector<LayerHistory> layers;         // per step, one per network layer, input side first
};

enum class StopKind { kRunning, kCompleted, kEarlyStopping, kDiverged };

// "running", "completed", "early_stopping", "diverged": the ids the JavaScript API reports.
const char* stop_kind_id(StopKind kind);

template <typename Scalar>
class Trainer {
 public:
  // "" when the network, data and config fit together, otherwise a message: a valid config
  // (validate_trainer_config), a loss that does not repeat the last layer's activation
  // (check_output_activation), valid non-empty data sets with the network's input width, targets
  // the network and loss can use (see above), a valid schedule for this run length, a validation
  // set whenever early stopping is on, and no one-sample mini-batch when the network has batch
  // norm. `validation` may be null.
  static std::string validate(const Network<Scalar>& network, const TrainerConfig& config,
                              const Dataset& train, const Dataset* validation);

  // Keeps a reference to `network`, which must outlive the trainer, and copies the data. Throws
  // std::invalid_argument with validate's message when invalid (call validate first to avoid the
  // exception, e.g. from JavaScript).
  Trainer(Network<Scalar>& network, const TrainerConfig& config, const Dataset& train,
          const Dataset* validation);

  // Runs one epoch and records it (no-op once finished). Returns finished().
  bool run_epoch();
  // Runs epochs until finished.
  void run();

  bool finished() const { return stop_kind_ != StopKind::kRunning; }
  StopKind stop_kind() const { return stop_kind_; }
  // "" while running; then "completed", "early stopping at epoch k (best b)" or "diverged at
  // epoch e, step s: loss became NaN" (or "…became Inf", "gradient became NaN", …).
  const std::string& stop_reason() const { return stop_reason_; }

  const TrainingHistory& history() const { return history_; }
  int epochs_completed() const { return static_cast<int>(history_.train_loss.size()); }
  // 1-based epoch with the lowest validation loss (training loss without a validation set) as
  // early stopping counts improvements; 0 before the first epoch.
  int best_epoch() const { return best_epoch_; }
  // Optimizer steps taken so far; when diverged, the 1-based step whose loss was not finite.
  int step_count() const { return step_count_; }
  int batches_per_epoch() const { return batches_per_epoch_; }
  // 1-based epoch and step (counted over the whole run) of the divergence; 0 when none.
  int diverged_epoch() const { return diverged_epoch_; }
  int diverged_step() const { return diverged_step_; }
  // Training-set row indices in the order the latest epoch visited them (batch b is entries
  // b·batch_size onwards); empty before the first epoch.
  const std::vector<int>& epoch_order() const { return epoch_order_; }
  // Its display-only state (Adam's m̂, v̂) is off: see Optimizer::set_keeps_display_state.
  const Optimizer& optimizer() const { return *optimizer_; }

  // θ in double precision: the optimizer's copy, which the next step starts from (the network
  // holds it rounded to Scalar).
  const Eigen::VectorXd& parameters() const { return parameters_; }
  // "" when `parameters` can replace θ: the network's parameter count, all finite.
  std::string validate_parameters(const Eigen::VectorXd& parameters) const;
  // Replaces θ between epochs (e.g. a weight the user edited) and writes it into the network. The
  // optimizer's state, the history and the best epoch so far are kept; a later divergence
  // restores this θ. Throws std::invalid_argument with validate_parameters' message.
  void set_parameters(const Eigen::VectorXd& parameters);

 private:
  struct Split {
    Matrix<Scalar> inputs;
    Matrix<Scalar> targets;
    std::vector<int> labels;  // empty for regression
  };
  Split prepare(const Dataset& data) const;
  double evaluate(const Split& split, double& accuracy) const;
  void record_step(double loss);
  void record_epoch(int epoch, double lr);
  void diverge(int epoch, const std::string& what, double value);
  void restore(const Eigen::VectorXd& parameters,
               const std::vector<RunningStatistics<Scalar>>& running_statistics);
  void finish();

  Network<Scalar>& network_;
  TrainerConfig config_;
  Split train_;
  Split validation_;
  bool has_validation_ = false;
  Eigen::VectorXd weight_mask_;
  Eigen::VectorXd parameters_;
  // Per-step working storage, kept so that steady training allocates nothing: θ before the step
  // (for the L1 projection) and the step's gradient.
  Eigen::VectorXd step_start_parameters_;
  Eigen::VectorXd gradient_;
  // Restored on divergence: the last completed epoch's end.
  Eigen::VectorXd epoch_end_parameters_;
  std::vector<RunningStatistics<Scalar>> epoch_end_running_statistics_;
  // Restored by early stopping: the best epoch's end.
  Eigen::VectorXd best_parameters_;
  std::vector<RunningStatistics<Scalar>> best_running_statistics_;
  std::unique_ptr<Optimizer> optimizer_;
  std::unique_ptr<LearningRateSchedule> schedule_;
  Rng shuffle_rng_;
  std::vector<int> epoch_order_;
  TrainingHistory history_;
  int batches_per_epoch_ = 0;
  int step_count_ = 0;
  double best_loss_ = 0.0;
  int best_epoch_ = 0;
  int diverged_epoch_ = 0;
  int diverged_step_ = 0;
  StopKind stop_kind_ = StopKind::kRunning;
  std::string stop_reason_;
};

extern template class Trainer<float>;
extern template class Trainer<double>;

}  // namespace descent::nn

#pragma once
// One training run of the learning-rate explorer (<descent-lr>): a small network
// (2 → width leaky ReLU → width leaky ReLU → 10 logits, Xavier-uniform weights) learns a ten-class
// data set with softmax cross-entropy and plain SGD, its rate set by any schedule of
// optim/lr_schedule.hpp. With ten classes an untrained network's loss starts near ln 10 ≈ 2.30, the
// first number of the seeds' "2.3 → 2.8 → 3.5 → 9.2 → NaN". Everything is seeded: the same setup
// gives the same curves.
#include <cstdint>
#include <string>
#include <vector>

#include "descent/data/dataset.hpp"
#include "descent/optim/lr_schedule.hpp"

namespace descent {

constexpr int kLrClassCount = 10;
constexpr int kMinLrPoints = 20;
constexpr int kMaxLrPoints = 2000;
constexpr int kMaxLrEpochs = 200;
constexpr int kMaxLrHiddenWidth = 64;
constexpr int kMaxLrTotalSteps = 20000;  // epochs × batches per epoch, to stay interactive
constexpr double kMaxLrLearningRate = 100.0;

struct LrTrainingSetup {
  int points = 200;        // samples of the ten-class data set (kMinLrPoints..kMaxLrPoints)
  int batch_size = 25;     // samples per SGD step (1..points)
  int epochs = 20;         // passes over the data (1..kMaxLrEpochs)
  int hidden_width = 32;   // units in each of the two hidden layers (2..kMaxLrHiddenWidth)
  double noise = 0.1;      // Gaussian jitter of each coordinate (0..1)
  std::uint64_t seed = 1;  // data, initial weights and batch order: one seed, separate streams
};

// "" when valid, otherwise what is wrong.
std::string validate_lr_training_setup(const LrTrainingSetup& setup);

// Optimizer steps in the run: epochs × ⌈points / batch_size⌉ (the schedule's length).
int lr_total_steps(const LrTrainingSetup& setup);

// Ten Gaussian blobs: five directions at radius 1 (classes 0–4) and the same five at radius 2
// (classes 5–9), from data/classification_2d's make_multi_blobs; rows grouped by class.
Dataset lr_ten_class_data(const LrTrainingSetup& setup);

// "" when the setup, the rate (finite, > 0, ≤ kMaxLrLearningRate) and the schedule (for this run
// length) are valid.
std::string validate_lr_training_run(const LrTrainingSetup& setup, double learning_rate,
                                     const ScheduleSettings& schedule);

struct LrTrainingRun {
  double learning_rate = 0.0;          // the base rate η the schedule scales
  std::vector<double> epoch_loss;      // mean loss over the data: entry 0 before training, then one
                                       // per completed epoch
  std::vector<double> epoch_accuracy;  // same indexing, fraction in [0, 1]
  std::vector<double> step_loss;       // the mini-batch loss of each step whose loss was finite
  std::vector<double> step_learning_rate;  // the rate each of those steps used
  bool diverged = false;
  int diverged_epoch =
      0;  // 1-based epoch and step (over the run) of the non-finite loss; 0 if none
  int diverged_step = 0;
  std::string stop_reason;  // "completed" or "diverged at epoch e, step s: loss became NaN"
};

// Throws std::invalid_argument with validate_lr_training_run's message when invalid. A diverging
// run is not an error: it stops at the non-finite loss and reports where.
LrTrainingRun run_lr_training(const LrTrainingSetup& setup, double learning_rate,
                              const ScheduleSettings& schedule);

}  // namespace descent

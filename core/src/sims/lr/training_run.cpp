#include "descent/sims/lr/training_run.hpp"

#include <cmath>
#include <stdexcept>

#include "descent/data/classification_2d.hpp"
#include "descent/math/messages.hpp"
#include "descent/math/rng.hpp"
#include "descent/sims/lr/training_session.hpp"

namespace descent {
namespace {

constexpr int kDirections = kLrClassCount / 2;  // blobs per ring
constexpr double kOuterRadius = 2.0;
constexpr std::uint64_t kDataStream = 1;  // seeds derived from setup.seed, one per use

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
  LrTrainingSession session(setup, learning_rate, schedule);
  session.advance(setup.epochs);
  return session.result();
}

}  // namespace descent

#pragma once
// One run of the learning-rate explorer trained a few epochs at a time, so the page can spread it
// over animation frames (a run at the explorer's limits takes seconds). run_lr_training is this
// session advanced to the end: the same numbers, however the epochs are sliced.
#include <memory>
#include <string>

#include "descent/data/dataset.hpp"
#include "descent/nn/network.hpp"
#include "descent/nn/trainer.hpp"
#include "descent/sims/lr/training_run.hpp"

namespace descent {

class LrTrainingSession {
 public:
  // Throws std::invalid_argument with validate_lr_training_run's message when invalid.
  LrTrainingSession(const LrTrainingSetup& setup, double learning_rate,
                    const ScheduleSettings& schedule);
  // The trainer refers to the network and data held here: the session stays where it is made.
  LrTrainingSession(const LrTrainingSession&) = delete;
  LrTrainingSession& operator=(const LrTrainingSession&) = delete;

  // Trains up to `epochs` more epochs (fewer once finished); returns finished().
  bool advance(int epochs);
  bool finished() const { return trainer_->finished(); }
  int epochs_completed() const { return trainer_->epochs_completed(); }
  int total_epochs() const { return setup_.epochs; }
  // The run so far (complete once finished()).
  LrTrainingRun result() const;

 private:
  LrTrainingSetup setup_;
  double learning_rate_;
  ScheduleSettings schedule_;
  nn::Network<float> network_;
  double initial_loss_ = 0.0;
  double initial_accuracy_ = 0.0;
  std::unique_ptr<nn::Trainer<float>> trainer_;
};

}  // namespace descent

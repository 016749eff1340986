#include "descent/sims/lr/training_session.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

using namespace descent;

namespace {

ScheduleSettings cosine() {
  ScheduleSettings settings;
  settings.id = "cosine";
  return settings;
}

}  // namespace

TEST_CASE("a session sliced into a few epochs at a time gives the one-call run exactly",
          "[lr_explorer]") {
  LrTrainingSetup setup;
  setup.epochs = 7;
  const LrTrainingRun whole = run_lr_training(setup, 0.5, cosine());

  LrTrainingSession session(setup, 0.5, cosine());
  CHECK(session.epochs_completed() == 0);
  CHECK(session.result().epoch_loss.size() == 1);  // the untrained loss only
  CHECK_FALSE(session.advance(3));
  CHECK(session.epochs_completed() == 3);
  CHECK_FALSE(session.advance(1));
  CHECK(session.advance(100));  // more than are left: stops at the run's end
  CHECK(session.epochs_completed() == 7);
  CHECK(session.advance(1));  // finished: nothing more happens
  const LrTrainingRun sliced = session.result();
  CHECK(sliced.epoch_loss == whole.epoch_loss);  // bit for bit
  CHECK(sliced.epoch_accuracy == whole.epoch_accuracy);
  CHECK(sliced.step_loss == whole.step_loss);
  CHECK(sliced.step_learning_rate == whole.step_learning_rate);
  CHECK(sliced.stop_reason == "completed");
}

TEST_CASE("a diverging session stops at the step the one-call run reports", "[lr_explorer]") {
  LrTrainingSetup setup;
  ScheduleSettings constant;
  constant.id = "constant";
  const LrTrainingRun whole = run_lr_training(setup, 4.5, constant);
  REQUIRE(whole.diverged);
  LrTrainingSession session(setup, 4.5, constant);
  while (!session.advance(1)) {
  }
  const LrTrainingRun sliced = session.result();
  CHECK(sliced.diverged);
  CHECK(sliced.diverged_epoch == whole.diverged_epoch);
  CHECK(sliced.diverged_step == whole.diverged_step);
  CHECK(session.epochs_completed() < setup.epochs);
}

TEST_CASE("a session refuses what the one-call run refuses", "[lr_explorer]") {
  LrTrainingSetup setup;
  setup.epochs = 0;
  CHECK_THROWS_AS(LrTrainingSession(setup, 0.5, cosine()), std::invalid_argument);
  CHECK_THROWS_AS(LrTrainingSession(LrTrainingSetup{}, -1.0, cosine()), std::invalid_argument);
}

#pragma once
// The one-call gradient-descent simulation behind <descent-gd> (and the race):
// surface + optimizer + schedule + clipping + start → the whole trajectory with
// per-step loss, gradient, learning rate and optimizer state, plus a verdict.
#include <cstdint>
#include <string>
#include <vector>

#include "descent/optim/gradient_clipping.hpp"
#include "descent/optim/lr_schedule.hpp"
#include "descent/optim/optimizer_catalog.hpp"
#include "descent/surfaces/surface_catalog.hpp"

namespace descent {

// Longest run one call may ask for; keeps a single call well under a second.
constexpr int kMaxDescentSteps = 100000;
// Learning rates above this are rejected as absurd rather than simulated.
constexpr double kMaxLearningRate = 1000.0;
// |parameter| or |loss| beyond these counts as numerical blow-up.
constexpr double kBlowUpPosition = 1e10;
constexpr double kBlowUpLoss = 1e30;

struct DescentRunConfig {
  SurfaceSpec surface;
  OptimizerSettings optimizer;
  double learning_rate = 0.1;
  ScheduleSettings schedule;
  ClipSettings clip;
  std::vector<double> start;  // size = surface dimension
  int steps = 12;
  double gradient_noise = 0.0;  // std-dev of Gaussian noise added to each gradient component
  std::uint64_t seed = 1;       // seeds the gradient noise
};

// One optimizer state vector recorded after every update.
struct StateTrack {
  std::string key;
  std::string label;
  std::string meaning;
  std::vector<double> values;  // steps_completed × dimension, row-major
};

enum class RunOutcome {
  kReachedMinimum,  // ended within tolerance of a known minimum
  kDiverged,        // numerical blow-up (NaN/∞ or beyond kBlowUp*) uphill: run stopped there
  kEscaped,         // ran downhill without bound (a surface with no bottom): run stopped there
  kDiverging,       // loss above the start and rising over the last updates
  kStuck,           // gradient ~0 but no known minimum here (a saddle or plateau)
  kDescending,      // none of the above yet: still on its way
};

struct DescentRun {
  int dimension = 0;
  int steps_completed = 0;        // updates performed (< requested steps only if it diverged)
  std::vector<double> positions;  // (steps_completed+1) × dimension: point after k updates
  std::vector<double> losses;     // steps_completed+1
  std::vector<double> gradients;  // (steps_completed+1) × dimension: exact gradient at each point
  std::vector<double> gradient_norms;  // steps_completed+1
  std::vector<double> learning_rates;  // steps_completed: lr used by update k+1
  std::vector<StateTrack> state;

  RunOutcome outcome = RunOutcome::kDescending;
  int diverged_at_step = -1;  // update index (1-based) that blew up (diverged or escaped), or -1
  int reached_minimum_at_step = -1;  // first point within tolerance of a minimum, or -1
  int nearest_minimum = -1;          // index into surface minima() nearest the final point
  std::string message;               // one line for the learner, e.g. "diverged at step 7: …"
};

// Empty string when the config is valid, otherwise a message for the user.
std::string validate_descent_config(const DescentRunConfig& config);

// Precondition: validate_descent_config(config) is empty (throws std::invalid_argument otherwise).
DescentRun run_descent(const DescentRunConfig& config);

}  // namespace descent

#include "descent/sims/descent_run.hpp"

#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>

#include "descent/math/rng.hpp"

namespace descent {
namespace {

// Consecutive rising updates that, with the loss above its start, mean "diverging".
constexpr int kRisingStepsForDiverging = 3;
// A point counts as at a minimum within this fraction of the view box's extent.
constexpr double kMinimumToleranceFraction = 1e-3;
// Below this gradient norm a point that is not a minimum counts as stuck.
constexpr double kStuckGradientNorm = 1e-4;

double view_extent(const Surface& surface) {
  const ViewBox box = surface.view_box();
  const double width = box.x_max - box.x_min;
  if (surface.dimension() == 1) return width;
  return std::hypot(width, box.y_max - box.y_min);
}

bool blown_up(const Eigen::VectorXd& point, double loss) {
  return !point.allFinite() || !std::isfinite(loss) ||
         point.cwiseAbs().maxCoeff() > kBlowUpPosition || std::abs(loss) > kBlowUpLoss;
}

void append(std::vector<double>& out, const Eigen::VectorXd& v) {
  out.insert(out.end(), v.data(), v.data() + v.size());
}

// Index of the minimum nearest `point`, and its distance (-1, ∞ when the surface has none).
std::pair<int, double> nearest_minimum(const std::vector<KnownMinimum>& minima,
                                       const Eigen::VectorXd& point) {
  int best = -1;
  double best_distance = std::numeric_limits<double>::infinity();
  for (int i = 0; i < static_cast<int>(minima.size()); ++i) {
    const double distance = (minima[i].point - point).norm();
    if (distance < best_distance) {
      best = i;
      best_distance = distance;
    }
  }
  return {best, best_distance};
}

bool loss_rising_at_end(const std::vector<double>& losses) {
  const int n = static_cast<int>(losses.size());
  if (n <= kRisingStepsForDiverging || losses.back() <= losses.front()) return false;
  for (int k = n - kRisingStepsForDiverging; k < n; ++k) {
    if (!(losses[k] > losses[k - 1])) return false;
  }
  return true;
}

void classify(const Surface& surface, DescentRun& run) {
  if (run.outcome == RunOutcome::kDiverged || run.outcome == RunOutcome::kEscaped) return;
  const int dim = run.dimension;
  const Eigen::Map<const Eigen::VectorXd> final_point(
      run.positions.data() + run.steps_completed * dim, dim);
  const auto minima = surface.minima();
  const auto [index, distance] = nearest_minimum(minima, final_point);
  run.nearest_minimum = index;
  const double tolerance = kMinimumToleranceFraction * view_extent(surface);

  if (index >= 0 && distance <= tolerance) {
    run.outcome = RunOutcome::kReachedMinimum;
    for (int k = 0; k <= run.steps_completed; ++k) {
      const Eigen::Map<const Eigen::VectorXd> point(run.positions.data() + k * dim, dim);
      if ((point - minima[index].point).norm() <= tolerance) {
        run.reached_minimum_at_step = k;
        break;
      }
    }
    run.message = "reached the minimum (f = " + format_number(minima[index].value) + ") at step " +
                  std::to_string(run.reached_minimum_at_step);
  } else if (loss_rising_at_end(run.losses)) {
    run.outcome = RunOutcome::kDiverging;
    run.message = "diverging: the loss has risen at every recent step — learning rate too large";
  } else if (run.gradient_norms.back() < kStuckGradientNorm) {
    run.outcome = RunOutcome::kStuck;
    run.message =
        "stuck: the gradient is ≈ 0 but this is not a minimum (a saddle point or plateau)";
  } else {
    run.outcome = RunOutcome::kDescending;
    run.message = "still on its way: not at a minimum yet";
  }
}

}  // namespace

std::string validate_descent_config(const DescentRunConfig& config) {
  if (auto message = validate_surface_spec(config.surface); !message.empty()) return message;
  if (auto message = validate_optimizer_settings(config.optimizer); !message.empty())
    return message;
  if (!std::isfinite(config.learning_rate) || config.learning_rate <= 0.0 ||
      config.learning_rate > kMaxLearningRate) {
    return "learning rate must be a number in (0, " + format_number(kMaxLearningRate) + "], got " +
           format_number(config.learning_rate);
  }
  if (config.steps < 1 || config.steps > kMaxDescentSteps) {
    return "steps must be between 1 and " + std::to_string(kMaxDescentSteps) + ", got " +
           std::to_string(config.steps);
  }
  // After the rate and length checks: the schedule needs both to be valid.
  if (auto message =
          validate_schedule_settings(config.schedule, config.learning_rate, config.steps);
      !message.empty()) {
    return message;
  }
  if (auto message = validate_clip_settings(config.clip); !message.empty()) return message;
  if (!std::isfinite(config.gradient_noise) || config.gradient_noise < 0.0) {
    return "gradient noise must be a number ≥ 0, got " + format_number(config.gradient_noise);
  }
  const int dimension = make_surface(config.surface)->dimension();
  if (static_cast<int>(config.start.size()) != dimension) {
    return "start point must have " + std::to_string(dimension) + " coordinate(s) for surface " +
           config.surface.id + ", got " + std::to_string(config.start.size());
  }
  for (double coordinate : config.start) {
    if (!std::isfinite(coordinate) || std::abs(coordinate) > kBlowUpPosition) {
      return "start point coordinates must be finite numbers, got " + format_number(coordinate);
    }
  }
  // A typed formula may be undefined at the start (e.g. log(x) at x = −1).
  const auto surface = make_surface(config.surface);
  const Eigen::VectorXd start = Eigen::Map<const Eigen::VectorXd>(config.start.data(), dimension);
  if (auto reason = surface->undefined_reason(start); !reason.empty()) {
    return "f is undefined at the start point: " + reason;
  }
  return "";
}

DescentRun run_descent(const DescentRunConfig& config) {
  if (auto message = validate_descent_config(config); !message.empty()) {
    throw std::invalid_argument(message);
  }
  const std::unique_ptr<Surface> surface = make_surface(config.surface);
  const int dim = surface->dimension();
  std::unique_ptr<Optimizer> optimizer = make_optimizer(config.optimizer, dim);
  const LearningRateSchedule schedule(config.schedule, config.learning_rate, config.steps);
  Rng noise_source(config.seed);

  DescentRun run;
  run.dimension = dim;
  run.positions.reserve((config.steps + 1) * dim);
  run.gradients.reserve((config.steps + 1) * dim);
  run.losses.reserve(config.steps + 1);
  run.gradient_norms.reserve(config.steps + 1);
  run.learning_rates.reserve(config.steps);
  // Listed once: the entries point at the optimizer's live vectors, read after every step.
  const std::vector<StateEntry> state_entries = optimizer->state_entries();
  for (const StateEntry& entry : state_entries) {
    run.state.push_back({entry.key, entry.label, entry.meaning, {}});
    run.state.back().values.reserve(config.steps * dim);
  }

  Eigen::VectorXd point = Eigen::Map<const Eigen::VectorXd>(config.start.data(), dim);
  Eigen::VectorXd gradient(dim);
  double loss = (*surface)(point, gradient);
  const auto record_point = [&] {
    append(run.positions, point);
    append(run.gradients, gradient);
    run.losses.push_back(loss);
    run.gradient_norms.push_back(gradient.norm());
  };
  record_point();

  Eigen::VectorXd applied_gradient(dim);
  for (int step = 1; step <= config.steps; ++step) {
    applied_gradient = gradient;
    if (config.gradient_noise > 0.0) {
      for (int i = 0; i < dim; ++i)
        applied_gradient[i] += noise_source.normal(0.0, config.gradient_noise);
    }
    apply_clipping(config.clip, applied_gradient);
    const double lr = schedule.at(step - 1);
    optimizer->step(point, applied_gradient, lr);
    loss = (*surface)(point, gradient);

    if (blown_up(point, loss) || !gradient.allFinite()) {
      // Blowing up downhill is an escape (e.g. off a saddle), not a learning rate too large.
      const bool escaped_downhill = std::isfinite(loss) ? loss < run.losses.front() : loss < 0;
      run.outcome = escaped_downhill ? RunOutcome::kEscaped : RunOutcome::kDiverged;
      run.diverged_at_step = step;
      run.message = escaped_downhill
                        ? "escaped downhill at step " + std::to_string(step) +
                              ": the loss fell without bound (this surface has no bottom)"
                        : "diverged at step " + std::to_string(step) +
                              ": the loss blew up — learning rate too large";
      // A typed formula can leave its domain (log of a negative): say so, not "rate too large".
      if (const std::string reason = surface->undefined_reason(point); !reason.empty()) {
        run.message =
            "stopped at step " + std::to_string(step) + ": f is undefined there — " + reason;
      }
      break;
    }
    run.learning_rates.push_back(lr);
    for (std::size_t i = 0; i < state_entries.size(); ++i) {
      append(run.state[i].values, *state_entries[i].value);
    }
    record_point();
    run.steps_completed = step;
  }
  classify(*surface, run);
  return run;
}

}  // namespace descent

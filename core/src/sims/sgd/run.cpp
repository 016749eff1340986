#include "descent/sims/sgd/run.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "descent/data/shuffle.hpp"
#include "descent/math/messages.hpp"
#include "descent/math/rng.hpp"
#include "descent/optim/sgd.hpp"
#include "descent/sims/sgd/batch_sampler.hpp"
#include "descent/sims/sgd/line_loss.hpp"

namespace descent {
namespace {

std::string check_batch_size(int batch_size, int data_size) {
  if (batch_size < 1 || batch_size > data_size) {
    return "batch size must be between 1 and " + std::to_string(data_size) +
           " (the whole data set), got " + std::to_string(batch_size);
  }
  return "";
}

std::string check_point(const std::vector<double>& point, const char* what) {
  if (point.size() != 2) {
    return std::string(what) + " must have two numbers (w, b), got " + std::to_string(point.size());
  }
  for (double coordinate : point) {
    if (!std::isfinite(coordinate) || std::abs(coordinate) > kSgdMaxStartCoordinate) {
      return std::string(what) + " coordinates must be finite numbers within ±" +
             format_number(kSgdMaxStartCoordinate) + ", got " + format_number(coordinate);
    }
  }
  return "";
}

void append(std::vector<double>& out, const Eigen::Vector2d& v) {
  out.push_back(v[0]);
  out.push_back(v[1]);
}

void classify(SgdRun& run) {
  if (run.outcome == SgdOutcome::kDiverged) return;
  const Eigen::Vector2d end(run.positions[2 * run.iterations_completed],
                            run.positions[2 * run.iterations_completed + 1]);
  double best = INFINITY;
  for (int i = 0; i < static_cast<int>(run.minima.size()); ++i) {
    const double distance = (run.minima[i].point - end).norm();
    if (distance < best) {
      best = distance;
      run.nearest_minimum = i;
    }
  }
  run.distance_to_nearest = best;
  const int epochs = run.iterations_completed / run.batches_per_epoch;
  const std::string after = " after " + std::to_string(epochs) + " epoch" +
                            (epochs == 1 ? "" : "s") + " (" +
                            std::to_string(run.iterations_completed) + " iterations)";
  if (best <= kSgdSettledDistance) {
    const SgdMinimum& minimum = run.minima[run.nearest_minimum];
    run.outcome = minimum.name == "sharp" ? SgdOutcome::kSharpMinimum : SgdOutcome::kWideMinimum;
    run.message = "ended in the " + minimum.name +
                  " minimum (L = " + format_number(std::round(minimum.loss * 1e4) / 1e4) + ")" +
                  after;
  } else {
    run.outcome = SgdOutcome::kElsewhere;
    run.message = "not in either minimum" + after;
    // η ≥ 2/a at both minima: not even the full batch can stay in either (the loss bounces).
    const bool none_stable =
        std::all_of(run.minimum_smallest_stable_batch.begin(),
                    run.minimum_smallest_stable_batch.end(), [](int batch) { return batch < 0; });
    if (none_stable) {
      run.message += " — the learning rate is too large for either minimum (η ≥ 2/sharpness)";
    }
  }
}

}  // namespace

std::string validate_sgd_run_config(const SgdRunConfig& config) {
  if (auto message = check_batch_size(config.batch_size, kSgdDataSize); !message.empty()) {
    return message;
  }
  if (!std::isfinite(config.learning_rate) || config.learning_rate <= 0.0 ||
      config.learning_rate > kSgdMaxLearningRate) {
    return "learning rate must be a number in (0, " + format_number(kSgdMaxLearningRate) +
           "], got " + format_number(config.learning_rate);
  }
  if (config.epochs < 1 || config.epochs > kSgdMaxEpochs) {
    return "epochs must be between 1 and " + std::to_string(kSgdMaxEpochs) + ", got " +
           std::to_string(config.epochs);
  }
  const int batches_per_epoch = (kSgdDataSize + config.batch_size - 1) / config.batch_size;
  if (static_cast<long long>(config.epochs) * batches_per_epoch > kSgdMaxIterations) {
    return "epochs × iterations per epoch must be at most " + std::to_string(kSgdMaxIterations) +
           ": with batch " + std::to_string(config.batch_size) + " (" +
           std::to_string(batches_per_epoch) + " iterations per epoch) use at most " +
           std::to_string(kSgdMaxIterations / batches_per_epoch) + " epochs";
  }
  return check_point(config.start, "start");
}

struct SgdRunner::State {
  State(const SgdLineData& data, const SgdRunConfig& config)
      : data(data),
        config(config),
        sampler(data.size(), config.batch_size, config.shuffle, config.seed),
        optimizer(Sgd::Params{}, 2),  // plain SGD: θ ← θ − η·g
        theta(Eigen::Map<const Eigen::VectorXd>(config.start.data(), 2)),
        gradient(2) {}

  const SgdLineData& data;
  SgdRunConfig config;
  MiniBatchSampler sampler;
  Sgd optimizer;
  SgdRun run;
  Eigen::VectorXd theta;
  Eigen::VectorXd gradient;
  Eigen::Vector2d batch_gradient;
  int total_iterations = 0;
  bool over = false;
};

SgdRunner::SgdRunner(const SgdLineData& data, const SgdRunConfig& config) {
  if (auto message = validate_sgd_run_config(config); !message.empty()) {
    throw std::invalid_argument(message);
  }
  state_ = std::make_unique<State>(data, config);
  SgdRun& run = state_->run;
  run.batch_size = config.batch_size;
  run.batches_per_epoch = state_->sampler.batches_per_epoch();
  run.minima = locate_sgd_minima(data);
  for (const SgdMinimum& minimum : run.minima) {
    run.minimum_growth.push_back(
        mean_square_growth(minimum, config.learning_rate, config.batch_size, data.size()));
    run.minimum_smallest_stable_batch.push_back(
        smallest_stable_batch(minimum, config.learning_rate, data.size()));
  }
  const int iterations = config.epochs * run.batches_per_epoch;
  state_->total_iterations = iterations;
  run.positions.reserve(2 * (iterations + 1));
  run.full_losses.reserve(iterations + 1);
  run.batch_losses.reserve(iterations);
  run.batch_steep_share.reserve(iterations);
  append(run.positions, state_->theta);
  run.full_losses.push_back(full_loss(data, state_->theta));
}

SgdRunner::~SgdRunner() = default;
SgdRunner::SgdRunner(SgdRunner&&) noexcept = default;
SgdRunner& SgdRunner::operator=(SgdRunner&&) noexcept = default;

bool SgdRunner::finished() const { return state_->over; }
int SgdRunner::total_iterations() const { return state_->total_iterations; }
const SgdRun& SgdRunner::run() const { return state_->run; }

bool SgdRunner::advance(int iterations) {
  State& s = *state_;
  SgdRun& run = s.run;
  for (int left = iterations; left > 0 && !s.over; --left) {
    const int iteration = run.iterations_completed + 1;
    if (iteration > s.total_iterations) {
      s.over = true;
      break;
    }
    const std::vector<int>& batch = s.sampler.next_batch();
    const double loss = batch_loss(s.data, batch.data(), static_cast<int>(batch.size()), s.theta,
                                   &s.batch_gradient);
    int steep = 0;
    for (int index : batch) steep += s.data.population[index] == SgdPopulation::kSteep;
    s.gradient = s.batch_gradient;
    s.optimizer.step(s.theta, s.gradient, s.config.learning_rate);
    const double full = full_loss(s.data, s.theta);
    if (!s.theta.allFinite() || s.theta.cwiseAbs().maxCoeff() > kSgdBlowUpCoordinate ||
        !std::isfinite(full)) {
      run.outcome = SgdOutcome::kDiverged;
      run.diverged_at_iteration = iteration;
      run.message = "diverged at iteration " + std::to_string(iteration) +
                    ": the parameters blew up — learning rate too large";
      s.over = true;
      break;
    }
    run.batch_losses.push_back(loss);
    run.batch_steep_share.push_back(static_cast<double>(steep) / batch.size());
    append(run.positions, s.theta);
    run.full_losses.push_back(full);
    run.iterations_completed = iteration;
  }
  if (!s.over && run.iterations_completed == s.total_iterations) s.over = true;
  if (s.over && run.message.empty()) classify(run);
  return s.over;
}

SgdRun run_sgd(const SgdLineData& data, const SgdRunConfig& config) {
  SgdRunner runner(data, config);
  runner.advance(runner.total_iterations());
  return runner.run();
}

std::string validate_gradient_fan(const std::vector<double>& point, int batch_size, int count,
                                  int data_size) {
  if (auto message = check_point(point, "point"); !message.empty()) return message;
  if (auto message = check_batch_size(batch_size, data_size); !message.empty()) return message;
  if (count < 1 || count > kSgdMaxFanBatches) {
    return "the number of mini-batches must be between 1 and " + std::to_string(kSgdMaxFanBatches) +
           ", got " + std::to_string(count);
  }
  return "";
}

GradientFan gradient_fan(const SgdLineData& data, const std::vector<double>& point, int batch_size,
                         int count, std::uint64_t seed) {
  if (auto message = validate_gradient_fan(point, batch_size, count, data.size());
      !message.empty()) {
    throw std::invalid_argument(message);
  }
  const Eigen::Vector2d theta(point[0], point[1]);
  GradientFan fan;
  fan.loss = full_loss(data, theta, &fan.full_gradient);
  Rng rng(seed);
  Eigen::Vector2d gradient;
  for (int k = 0; k < count; ++k) {
    // The first B entries of a uniform permutation: B distinct points, every subset equally likely.
    const std::vector<int> order = shuffled_indices(data.size(), rng);
    fan.batch_losses.push_back(batch_loss(data, order.data(), batch_size, theta, &gradient));
    append(fan.batch_gradients, gradient);
  }
  return fan;
}

std::string sgd_outcome_name(SgdOutcome outcome) {
  switch (outcome) {
    case SgdOutcome::kSharpMinimum:
      return "sharp minimum";
    case SgdOutcome::kWideMinimum:
      return "wide minimum";
    case SgdOutcome::kElsewhere:
      return "elsewhere";
    case SgdOutcome::kDiverged:
      return "diverged";
  }
  return "elsewhere";
}

}  // namespace descent

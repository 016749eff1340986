#include "descent/sims/lr/range_test.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "descent/data/classification_2d.hpp"
#include "descent/math/rng.hpp"
#include "descent/nn/network.hpp"

namespace descent {
namespace {

constexpr double kSmoothing = 0.9;        // β of the loss's exponential average
constexpr double kBlowUpFactor = 4.0;     // smoothed loss this many times the best: diverged
constexpr std::uint64_t kDataStream = 1;  // seeds derived from config.seed, one per use
constexpr std::uint64_t kWeightStream = 2;
constexpr std::uint64_t kBatchStream = 3;

nn::NetworkConfig range_test_network(std::uint64_t seed) {
  nn::NetworkConfig network;
  network.input_width = 2;
  for (int layer = 0; layer < 2; ++layer) {
    nn::LayerSpec spec;
    spec.width = 16;
    spec.activation = nn::ActivationKind::kTanh;
    network.layers.push_back(spec);
  }
  nn::LayerSpec output;
  output.width = 2;  // logits of the two moons
  network.layers.push_back(output);
  network.seed = seed;
  return network;
}

}  // namespace

std::string validate_lr_range_test(const LrRangeTestConfig& config) {
  if (!std::isfinite(config.min_lr) || config.min_lr <= 0.0) return "min_lr must be a number > 0";
  if (!std::isfinite(config.max_lr) || config.max_lr <= config.min_lr || config.max_lr > 1e6) {
    return "max_lr must be above min_lr and at most 1e6";
  }
  if (config.steps < kMinRangeTestSteps || config.steps > kMaxRangeTestSteps) {
    return "steps must be between " + std::to_string(kMinRangeTestSteps) + " and " +
           std::to_string(kMaxRangeTestSteps);
  }
  if (config.points < 8 || config.points > 4096) return "points must be between 8 and 4096";
  if (config.batch_size < 1 || config.batch_size > config.points) {
    return "batch_size must be between 1 and the number of points";
  }
  return "";
}

struct LrRangeTestRun::State {
  explicit State(const LrRangeTestConfig& config)
      : config(config),
        data(make_moons_for(config)),
        network(range_test_network(derive_seed(config.seed, kWeightStream))),
        batch_rng(derive_seed(config.seed, kBatchStream)),
        inputs(config.batch_size, 2),
        targets(config.batch_size, 2),
        parameters(network.get_parameters()),
        growth(std::log(config.max_lr / config.min_lr) / (config.steps - 1)) {
    loss.kind = nn::LossKind::kCrossEntropy;
  }

  static Dataset make_moons_for(const LrRangeTestConfig& config) {
    Rng data_rng(derive_seed(config.seed, kDataStream));
    return make_moons(config.points, 0.1, data_rng);
  }

  LrRangeTestConfig config;
  Dataset data;
  nn::Network<double> network;
  nn::Loss loss;
  Rng batch_rng;
  nn::Matrix<double> inputs, targets;
  Eigen::VectorXd parameters;
  double growth;
  double average = 0.0;
  double best = std::numeric_limits<double>::infinity();
  int step = 0;
  bool stopped = false;
  LrRangeTest recorded;  // without the suggestion (result() adds it)
};

LrRangeTestRun::LrRangeTestRun(const LrRangeTestConfig& config) {
  if (auto message = validate_lr_range_test(config); !message.empty()) {
    throw std::invalid_argument(message);
  }
  state_ = std::make_unique<State>(config);
}

LrRangeTestRun::~LrRangeTestRun() = default;
LrRangeTestRun::LrRangeTestRun(LrRangeTestRun&&) noexcept = default;
LrRangeTestRun& LrRangeTestRun::operator=(LrRangeTestRun&&) noexcept = default;

bool LrRangeTestRun::finished() const {
  return state_->stopped || state_->step >= state_->config.steps;
}

bool LrRangeTestRun::advance(int steps) {
  State& s = *state_;
  LrRangeTest& result = s.recorded;
  for (int left = steps; left > 0 && !finished(); --left) {
    const int step = s.step++;
    const double lr = s.config.min_lr * std::exp(s.growth * step);
    // A mini-batch drawn with replacement: the data set's rows are grouped by class.
    for (int row = 0; row < s.config.batch_size; ++row) {
      const int sample =
          std::min(s.config.points - 1, static_cast<int>(s.batch_rng.uniform() * s.config.points));
      s.inputs.row(row) = s.data.inputs.row(sample);
      s.targets.row(row) = s.data.targets.row(sample);
    }
    const auto answer = s.network.loss_and_gradient(s.inputs, s.targets, s.loss);
    const double value = answer.loss;
    result.learning_rate.push_back(lr);
    result.loss.push_back(value);
    s.average = kSmoothing * s.average + (1.0 - kSmoothing) * value;
    const double smoothed = s.average / (1.0 - std::pow(kSmoothing, step + 1));
    result.smoothed_loss.push_back(smoothed);
    if (!std::isfinite(smoothed) || smoothed > kBlowUpFactor * s.best) {
      result.stopped_at_step = step;
      s.stopped = true;
      break;
    }
    if (smoothed < s.best) {
      s.best = smoothed;
      result.minimum_step = step;
    }
    s.parameters -= lr * answer.gradient;  // plain SGD
    s.network.set_parameters(s.parameters);
  }
  return finished();
}

LrRangeTest LrRangeTestRun::result() const {
  LrRangeTest result = state_->recorded;
  // Steepest descent of the smoothed loss against log lr, up to its minimum: central differences
  // (the log-lr spacing is constant, so comparing loss differences suffices). The first tenth is
  // skipped, as fastai does: the average of a few noisy batches is not yet a trend.
  double steepest = 0.0;
  for (int step = std::max(1, state_->config.steps / 10); step < result.minimum_step; ++step) {
    const double slope = result.smoothed_loss[step + 1] - result.smoothed_loss[step - 1];
    if (slope < steepest) {
      steepest = slope;
      result.suggested_step = step;
    }
  }
  if (result.suggested_step >= 0) result.suggested_lr = result.learning_rate[result.suggested_step];
  return result;
}

LrRangeTest run_lr_range_test(const LrRangeTestConfig& config) {
  LrRangeTestRun run(config);
  run.advance(config.steps);
  return run.result();
}

}  // namespace descent

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

LrRangeTest run_lr_range_test(const LrRangeTestConfig& config) {
  if (auto message = validate_lr_range_test(config); !message.empty()) {
    throw std::invalid_argument(message);
  }
  Rng data_rng(derive_seed(config.seed, kDataStream));
  const Dataset data = make_moons(config.points, 0.1, data_rng);
  nn::Network<double> network(range_test_network(derive_seed(config.seed, kWeightStream)));
  nn::Loss loss;
  loss.kind = nn::LossKind::kCrossEntropy;
  Rng batch_rng(derive_seed(config.seed, kBatchStream));
  nn::Matrix<double> inputs(config.batch_size, 2), targets(config.batch_size, 2);
  Eigen::VectorXd parameters = network.get_parameters();

  LrRangeTest result;
  const double growth = std::log(config.max_lr / config.min_lr) / (config.steps - 1);
  double average = 0.0, best = std::numeric_limits<double>::infinity();
  for (int step = 0; step < config.steps; ++step) {
    const double lr = config.min_lr * std::exp(growth * step);
    // A mini-batch drawn with replacement: the data set's rows are grouped by class.
    for (int row = 0; row < config.batch_size; ++row) {
      const int sample =
          std::min(config.points - 1, static_cast<int>(batch_rng.uniform() * config.points));
      inputs.row(row) = data.inputs.row(sample);
      targets.row(row) = data.targets.row(sample);
    }
    const auto answer = network.loss_and_gradient(inputs, targets, loss);
    const double value = answer.loss;
    result.learning_rate.push_back(lr);
    result.loss.push_back(value);
    average = kSmoothing * average + (1.0 - kSmoothing) * value;
    const double smoothed = average / (1.0 - std::pow(kSmoothing, step + 1));
    result.smoothed_loss.push_back(smoothed);
    if (!std::isfinite(smoothed) || smoothed > kBlowUpFactor * best) {
      result.stopped_at_step = step;
      break;
    }
    if (smoothed < best) {
      best = smoothed;
      result.minimum_step = step;
    }
    parameters -= lr * answer.gradient;  // plain SGD
    network.set_parameters(parameters);
  }
  // Steepest descent of the smoothed loss against log lr, up to its minimum: central differences
  // (the log-lr spacing is constant, so comparing loss differences suffices). The first tenth is
  // skipped, as fastai does: the average of a few noisy batches is not yet a trend.
  double steepest = 0.0;
  for (int step = std::max(1, config.steps / 10); step < result.minimum_step; ++step) {
    const double slope = result.smoothed_loss[step + 1] - result.smoothed_loss[step - 1];
    if (slope < steepest) {
      steepest = slope;
      result.suggested_step = step;
    }
  }
  if (result.suggested_step >= 0) result.suggested_lr = result.learning_rate[result.suggested_step];
  return result;
}

}  // namespace descent

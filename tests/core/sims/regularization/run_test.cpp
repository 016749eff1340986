#include "descent/sims/regularization/run.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <memory>

#include "descent/math/messages.hpp"
#include "descent/sims/regularization/bias_variance.hpp"
#include "descent/sims/regularization/weights.hpp"

using namespace descent;

namespace {

std::unique_ptr<RegularizationRun> finished_run(const RegularizationRunConfig& config) {
  auto run = std::make_unique<RegularizationRun>(config);
  run->run();
  return run;
}

// The validation loss of the weights the run ends with.
double kept_validation_loss(const RegularizationRunConfig& config) {
  RegularizationRun run(config);
  run.run();
  return run.validation_loss()[static_cast<std::size_t>(run.kept_epoch())];
}

}  // namespace

TEST_CASE(
    "The default setup overfits: validation loss rises after its minimum, training loss keeps "
    "falling",
    "[regularization_run]") {
  RegularizationRun run(RegularizationRunConfig{});
  run.run();
  REQUIRE(run.stop_kind() == nn::StopKind::kCompleted);
  const int epochs = run.epochs_completed();
  REQUIRE(epochs == 300);
  const int best = run.best_epoch();
  CHECK(best > 20);
  CHECK(best < epochs - 50);
  const auto& train = run.train_loss();
  const auto& validation = run.validation_loss();
  CHECK(validation[epochs] > 2.0 * run.best_validation_loss());
  CHECK(train[epochs] < 0.8 * train[best]);
  CHECK(run.verdicts()[epochs] == FitVerdict::kOverfitting);
  CHECK(run.verdicts()[0] == FitVerdict::kUnderfitting);
  // The sweet spot surrounds the best epoch; the learning phase before it, overfitting after.
  CHECK(run.sweet_spot_first() <= best);
  CHECK(run.sweet_spot_last() >= best);
  CHECK(run.sweet_spot_first() > 0);
  CHECK(run.sweet_spot_last() < epochs);
  CHECK(run.gap()[epochs] == Approx(validation[epochs] - train[epochs]));
}

TEST_CASE("Every per-epoch record has one entry per epoch plus the initial one",
          "[regularization_run]") {
  RegularizationRunConfig config;
  config.epochs = 12;
  RegularizationRun run(config);
  run.run();
  REQUIRE(run.epochs_completed() == 12);
  CHECK(run.train_loss().size() == 13);
  CHECK(run.validation_loss().size() == 13);
  CHECK(run.verdicts().size() == 13);
  CHECK(run.zero_weights().size() == 13);
  CHECK(run.curves().size() == 13u * static_cast<std::size_t>(config.curve_points));
  CHECK(run.train().size() == config.train_points);
  CHECK(run.validation().size() == config.validation_points);
  CHECK(run.weight_count() == 1 * 16 + 16 * 16 + 16 * 1);
  CHECK(run.weights().size() == 288);
  // The last recorded curve is what the network predicts now.
  const std::vector<double> now = run.current_curve();
  const std::vector<double> last(run.curves().end() - config.curve_points, run.curves().end());
  CHECK(now == last);
}

TEST_CASE(
    "L2, dropout, early stopping, L1, AdamW and a smaller model each lower the final "
    "validation loss of the default setup",
    "[regularization_run]") {
  const RegularizationRunConfig base;
  const double unregularized = kept_validation_loss(base);
  auto with = [&](auto change) {
    RegularizationRunConfig config = base;
    change(config);
    return kept_validation_loss(config);
  };
  const double l2 = with([](auto& c) { c.weight_decay = 0.003; });
  const double dropout = with([](auto& c) { c.dropout = 0.2; });
  const double early = with([](auto& c) {
    c.early_stopping = true;
    c.patience = 20;
  });
  const double l1 = with([](auto& c) { c.l1 = 0.001; });
  const double adamw = with([](auto& c) {
    c.optimizer = "adamw";
    c.weight_decay = 0.5;
  });
  const double medium = with([](auto& c) { c.capacity = "medium"; });
  for (double remedy : {l2, dropout, early, l1, adamw, medium}) {
    CHECK(remedy < 0.7 * unregularized);
  }
}

TEST_CASE(
    "Early stopping stops after `patience` epochs without improvement and restores the best "
    "weights",
    "[regularization_run]") {
  RegularizationRunConfig config;
  config.early_stopping = true;
  config.patience = 20;
  RegularizationRun run(config);
  run.run();
  REQUIRE(run.stop_kind() == nn::StopKind::kEarlyStopping);
  const int best = run.best_epoch();
  CHECK(run.epochs_completed() == best + 20);
  CHECK(run.stop_reason() == "early stopping at epoch " + std::to_string(best + 20) + " (best " +
                                 std::to_string(best) + ")");
  CHECK(run.kept_epoch() == best);
  // The stopping epoch's own fit was recorded before the weights were restored ...
  const auto row = [&](int epoch) {
    const auto first = run.curves().begin() + epoch * config.curve_points;
    return std::vector<double>(first, first + config.curve_points);
  };
  CHECK(row(run.epochs_completed()) != row(best));
  // ... and the network now predicts exactly what it predicted at the best epoch.
  CHECK(run.current_curve() == row(best));
  // Without early stopping the run is identical up to the stop, and goes on.
  RegularizationRunConfig without = config;
  without.early_stopping = false;
  const auto full = finished_run(without);
  const auto& stopped = run.validation_loss();
  CHECK(std::equal(stopped.begin(), stopped.end(), full->validation_loss().begin()));
  CHECK(full->epochs_completed() == 300);
}

TEST_CASE("A small patience stops on the early plateau (the lesson's over-eager early stopping)",
          "[regularization_run]") {
  RegularizationRunConfig config;
  config.early_stopping = true;
  config.patience = 5;
  const auto run = finished_run(config);
  CHECK(run->stop_kind() == nn::StopKind::kEarlyStopping);
  CHECK(run->epochs_completed() < 30);
  CHECK(run->verdicts()[run->kept_epoch()] == FitVerdict::kUnderfitting);
}

TEST_CASE("Capacity: the one-unit model underfits, heavy dropout on a small model underfits",
          "[regularization_run]") {
  RegularizationRunConfig low;
  low.capacity = "low";
  const auto simple = finished_run(low);
  CHECK(simple->verdicts().back() == FitVerdict::kUnderfitting);
  CHECK(simple->weight_count() == 2);
  low.capacity = "medium";
  low.dropout = 0.5;
  CHECK(finished_run(low)->verdicts().back() == FitVerdict::kUnderfitting);
}

TEST_CASE("L1 drives many weights to exactly zero, L2 none", "[regularization_run]") {
  const WeightPenaltyComparison comparison =
      compare_weight_penalties(RegularizationRunConfig{}, 0.001, 0.003, 41);
  CHECK(comparison.l1.histogram.total == 288);
  CHECK(comparison.l2.histogram.total == 288);
  CHECK(comparison.l1.histogram.exact_zeros > 288 / 4);
  CHECK(comparison.l2.histogram.exact_zeros == 0);
  CHECK(comparison.l1.histogram.exact_zeros ==
        std::count(comparison.l1.weights.begin(), comparison.l1.weights.end(), 0.0));
  // Common bins: the limit is the largest magnitude of either run.
  CHECK(comparison.l1.histogram.limit == comparison.l2.histogram.limit);
  // The per-epoch zero count of a run with L1 grows from none.
  RegularizationRunConfig config;
  config.l1 = 0.001;
  const auto run = finished_run(config);
  CHECK(run->zero_weights().front() == 0);
  CHECK(run->zero_weights().back() == comparison.l1.histogram.exact_zeros);
}

TEST_CASE("weight_histogram bins symmetric equal widths and counts exact zeros apart",
          "[regularization_run]") {
  const WeightHistogram histogram = weight_histogram({-1.0, -0.2, 0.0, 0.0, 0.3, 1.0, 5.0}, 1.0, 4);
  CHECK(histogram.counts == std::vector<int>{1, 1, 3, 2});
  CHECK(histogram.exact_zeros == 2);
  CHECK(histogram.total == 7);
  CHECK_THROWS_AS(weight_histogram({1.0}, 0.0, 4), std::invalid_argument);
  CHECK_THROWS_AS(weight_histogram({1.0}, 1.0, 0), std::invalid_argument);
}

TEST_CASE("Bias–variance: the simple model has more bias, the complex one more variance",
          "[regularization_run]") {
  BiasVarianceConfig config;
  config.training_sets = 6;
  const BiasVarianceResult result = run_bias_variance(config);
  CHECK(result.simple.curves.size() == 6u * result.curve_x.size());
  CHECK(result.complex.curves.size() == 6u * result.curve_x.size());
  CHECK(result.simple.bias_squared > 2.0 * result.complex.bias_squared);
  CHECK(result.complex.variance > 2.0 * result.simple.variance);
  CHECK(result.simple.diverged_runs == 0);
  CHECK(result.complex.diverged_runs == 0);
  // Training set 0 is the main view's data: its fit is the run's own last curve.
  const auto first = finished_run(config.base);
  const std::vector<double> row(result.complex.curves.begin(),
                                result.complex.curves.begin() + config.base.curve_points);
  CHECK(row == first->current_curve());
  CHECK(validate_bias_variance_config(BiasVarianceConfig{config.base, 1, "low", "high"}) ==
        "bias-variance: training sets must be in [2, 32], got 1");
}

TEST_CASE("Regularization runs are deterministic and advancing in chunks changes nothing",
          "[regularization_run]") {
  RegularizationRunConfig config;
  config.dropout = 0.2;
  config.epochs = 60;
  const auto whole = finished_run(config);
  RegularizationRun chunked(config);
  while (!chunked.advance(7)) {
  }
  CHECK(chunked.epochs_completed() == 60);
  CHECK(chunked.train_loss() == whole->train_loss());
  CHECK(chunked.validation_loss() == whole->validation_loss());
  CHECK(chunked.curves() == whole->curves());
  // Another training set of the same seed is other data.
  RegularizationRunConfig other = config;
  other.training_set = 1;
  CHECK(finished_run(other)->train().inputs != whole->train().inputs);
}

TEST_CASE("A diverging run is reported with its epoch, not crashed on", "[regularization_run]") {
  RegularizationRunConfig config;
  config.optimizer = "momentum";
  config.learning_rate = 10.0;
  const auto run = finished_run(config);
  CHECK(run->stop_kind() == nn::StopKind::kDiverged);
  CHECK(run->stop_reason().rfind("diverged at epoch ", 0) == 0);
  CHECK(run->epochs_completed() < 300);
  for (double loss : run->train_loss()) CHECK(std::isfinite(loss));
}

TEST_CASE("Invalid regularization configs are rejected with a message naming the setting",
          "[regularization_run]") {
  auto message = [](auto change) {
    RegularizationRunConfig config;
    change(config);
    return validate_regularization_run_config(config);
  };
  CHECK(message([](auto&) {}) == "");
  CHECK(message([](auto& c) { c.capacity = "huge"; }) ==
        "capacity: \"huge\" is not known (valid: low, medium, high, custom)");
  CHECK(message([](auto& c) { c.optimizer = "lion"; }) ==
        "optimizer: \"lion\" is not offered here (valid: adam, adamw, momentum)");
  CHECK(message([](auto& c) { c.epochs = 0; }) ==
        "regularization: epochs must be in [1, 2000], got 0");
  // The limits regularizationCatalog() gives the widget are exactly the ones enforced here.
  CHECK(message([](auto& c) { c.epochs = kMaxRegularizationEpochs; }) == "");
  CHECK(message([](auto& c) { c.epochs = kMaxRegularizationEpochs + 1; }) ==
        "regularization: epochs must be in [1, 2000], got 2001");
  CHECK(message([](auto& c) {
          c.capacity = "custom";
          c.width = kMaxRegularizationWidth + 1;
        }) == "regularization: width must be in [1, 256], got 257");
  CHECK(message([](auto& c) {
          c.capacity = "custom";
          c.depth = kMaxRegularizationDepth + 1;
        }) == "regularization: depth must be in [1, 6], got 7");
  CHECK(message([](auto& c) { c.train_points = kMaxRegularizationTrainPoints + 1; }) ==
        "regularization: train points must be in [2, 500], got 501");
  CHECK(message([](auto& c) {
          c.early_stopping = true;
          c.patience = kMaxRegularizationPatience + 1;
        }) == "regularization: patience must be in [1, 1000], got 1001");
  CHECK(regularization_optimizer_names() == std::vector<std::string>{"adam", "adamw", "momentum"});
  for (const auto& info : regularization_optimizer_catalog()) {
    INFO(info.id);
    CHECK(message([&](auto& c) {
            c.optimizer = info.id;
            c.learning_rate = info.default_learning_rate;
            c.weight_decay = info.max_weight_decay;
          }) == "");
    CHECK(message([&](auto& c) {
            c.optimizer = info.id;
            c.weight_decay = info.max_weight_decay * 1.5;
          }) == "regularization: weight decay must be in [0, " +
                    format_number(info.max_weight_decay) + "], got " +
                    format_number(info.max_weight_decay * 1.5));
    CHECK(info.default_weight_decay <= info.max_weight_decay);
  }
  CHECK(message([](auto& c) { c.learning_rate = 0.0; }) ==
        "regularization: learning rate must be > 0");
  CHECK(message([](auto& c) { c.dropout = 0.95; }) ==
        "regularization: dropout must be in [0, 0.9], got 0.95");
  CHECK(message([](auto& c) {
          c.optimizer = "adamw";
          c.weight_decay = 2.0;
        }) == "regularization: weight decay must be in [0, 1], got 2");
  CHECK(message([](auto& c) {
          c.capacity = "custom";
          c.width = 0;
        }) == "regularization: width must be in [1, 256], got 0");
  CHECK(message([](auto& c) { c.width = 0; }) == "");  // width only matters for custom
  CHECK_THROWS_AS(RegularizationRun([] {
                    RegularizationRunConfig c;
                    c.noise = -1.0;
                    return c;
                  }()),
                  std::invalid_argument);
}

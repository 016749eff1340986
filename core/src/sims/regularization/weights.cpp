#include "descent/sims/regularization/weights.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "descent/math/messages.hpp"

namespace descent {
namespace {

PenaltyRunSummary train_with_penalty(const RegularizationRunConfig& base,
                                     const std::string& penalty, double strength) {
  RegularizationRunConfig config = base;
  config.dropout = 0.0;
  config.early_stopping = false;
  config.l1 = penalty == "l1" ? strength : 0.0;
  config.weight_decay = penalty == "l2" ? strength : 0.0;
  RegularizationRun run(config);
  run.run();
  PenaltyRunSummary summary;
  summary.penalty = penalty;
  summary.strength = strength;
  summary.weights = run.weights();
  summary.final_train_loss = run.train_loss().back();
  summary.final_validation_loss = run.validation_loss().back();
  summary.stop_reason = run.stop_reason();
  return summary;
}

double largest_magnitude(const std::vector<double>& weights) {
  double largest = 0.0;
  for (double w : weights) largest = std::max(largest, std::fabs(w));
  return largest;
}

}  // namespace

WeightHistogram weight_histogram(const std::vector<double>& weights, double limit, int bins) {
  if (bins < 1 || !(limit > 0.0) || !std::isfinite(limit)) {
    throw std::invalid_argument("weight_histogram: needs bins ≥ 1 and a finite limit > 0");
  }
  WeightHistogram histogram;
  histogram.limit = limit;
  histogram.counts.assign(static_cast<std::size_t>(bins), 0);
  const double width = 2.0 * limit / bins;
  for (double w : weights) {
    const int bin = static_cast<int>(std::floor((w + limit) / width));
    ++histogram.counts[static_cast<std::size_t>(std::clamp(bin, 0, bins - 1))];
    if (w == 0.0) ++histogram.exact_zeros;
  }
  histogram.total = static_cast<int>(weights.size());
  return histogram;
}

std::string validate_weight_penalty_comparison(const RegularizationRunConfig& base, double l1,
                                               double l2, int bins) {
  RegularizationRunConfig l1_run = base, l2_run = base;
  l1_run.l1 = l1;
  l1_run.weight_decay = 0.0;
  l2_run.l1 = 0.0;
  l2_run.weight_decay = l2;
  return first_message(
      {validate_regularization_run_config(l1_run), validate_regularization_run_config(l2_run),
       check_range("regularization", "histogram bins", bins, 1, kMaxHistogramBins)});
}

WeightPenaltyComparison compare_weight_penalties(const RegularizationRunConfig& base, double l1,
                                                 double l2, int bins) {
  const std::string message = validate_weight_penalty_comparison(base, l1, l2, bins);
  if (!message.empty()) throw std::invalid_argument(message);
  WeightPenaltyComparison comparison;
  comparison.l1 = train_with_penalty(base, "l1", l1);
  comparison.l2 = train_with_penalty(base, "l2", l2);
  double limit =
      std::max(largest_magnitude(comparison.l1.weights), largest_magnitude(comparison.l2.weights));
  if (!(limit > 0.0) || !std::isfinite(limit)) limit = 1.0;  // every weight 0 (or a blow-up)
  comparison.l1.histogram = weight_histogram(comparison.l1.weights, limit, bins);
  comparison.l2.histogram = weight_histogram(comparison.l2.weights, limit, bins);
  return comparison;
}

}  // namespace descent

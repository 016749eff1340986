#pragma once
// The L1-versus-L2 side view of the regularization explorer: the same network trained twice on the
// same data, once with only an L1 penalty and once with only weight decay (L2), and a histogram of
// each run's final weights on common bins, with the weights that are exactly zero counted apart —
// the seeds' exam question: L1 drives many weights to exactly 0, L2 only shrinks them.
#include <string>
#include <vector>

#include "descent/sims/regularization/run.hpp"

namespace descent {

constexpr int kMaxHistogramBins = 200;

struct WeightHistogram {
  double limit = 0.0;       // the bins cover [−limit, limit] in equal widths
  std::vector<int> counts;  // weights per bin (a weight beyond ±limit goes to the end bin)
  int exact_zeros = 0;      // weights exactly 0 (also counted in their bin)
  int total = 0;            // weights counted
};

// Histogram of `weights` over [−limit, limit] in `bins` bins. Preconditions: bins ≥ 1, limit > 0
// (throws std::invalid_argument otherwise).
WeightHistogram weight_histogram(const std::vector<double>& weights, double limit, int bins);

// One side of the comparison.
struct PenaltyRunSummary {
  std::string penalty;  // "l1" or "l2"
  double strength = 0.0;
  std::vector<double> weights;  // final weights, no biases
  WeightHistogram histogram;
  double final_train_loss = 0.0;
  double final_validation_loss = 0.0;
  std::string stop_reason;
};

struct WeightPenaltyComparison {
  PenaltyRunSummary l1;
  PenaltyRunSummary l2;
};

// "" when the base config is valid and both strengths are usable (l1 as
// RegularizationRunConfig::l1, l2 as its weight_decay for the base's optimizer) and 1 ≤ bins ≤
// kMaxHistogramBins.
std::string validate_weight_penalty_comparison(const RegularizationRunConfig& base, double l1,
                                               double l2, int bins);

// Trains `base` with dropout and early stopping off, once with only l1 (weight_decay 0) and once
// with only weight_decay = l2 (l1 0), and bins both sets of final weights on common bins whose
// limit is the largest |weight| of either run. Precondition: valid (throws otherwise).
WeightPenaltyComparison compare_weight_penalties(const RegularizationRunConfig& base, double l1,
                                                 double l2, int bins);

}  // namespace descent

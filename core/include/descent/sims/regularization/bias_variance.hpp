#pragma once
// The bias–variance view of the regularization explorer: one model trained on several training
// sets (the same seed's training_set 0, 1, …, each a fresh draw of the noisy sine, with the same
// initial weights), and its fitted curves overlaid — for a simple and a complex model. Over the
// fixed x grid:
//   mean curve  f̄(x) = (1/S)·Σₛ fₛ(x)
//   bias²       mean over x of (f̄(x) − sin 2πx)²      (how far the average fit is from the truth)
//   variance    mean over x of (1/S)·Σₛ (fₛ(x) − f̄(x))² (how much the fit changes with the data)
// so the expected squared error against the noiseless function is bias² + variance (the seeds'
// decomposition E[(y − ŷ)²] = bias² + variance + σ², without the noise term σ²).
#include <string>
#include <vector>

#include "descent/sims/regularization/run.hpp"

namespace descent {

constexpr int kMaxBiasVarianceSets = 32;

struct BiasVarianceConfig {
  RegularizationRunConfig base;  // data, training and regularization settings shared by both
  int training_sets = 8;         // S
  std::string simple_capacity = "low";
  std::string complex_capacity = "high";
};

struct BiasVarianceModel {
  std::string capacity;
  std::vector<double> curves;      // S rows of curve_points (row-major): each set's final fit
  std::vector<double> mean_curve;  // f̄ on the grid
  double bias_squared = 0.0;
  double variance = 0.0;
  double mean_validation_loss = 0.0;  // over the S runs, each on its own validation points
  int diverged_runs = 0;              // runs that blew up (their last finite fit is used)
};

struct BiasVarianceResult {
  std::vector<double> curve_x;
  std::vector<double> true_curve;
  BiasVarianceModel simple;
  BiasVarianceModel complex;
};

// "" when valid: the base config with each capacity is valid and 2 ≤ S ≤ kMaxBiasVarianceSets.
std::string validate_bias_variance_config(const BiasVarianceConfig& config);

// Precondition: valid (throws std::invalid_argument otherwise).
BiasVarianceResult run_bias_variance(const BiasVarianceConfig& config);

}  // namespace descent

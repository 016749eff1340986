#pragma once
// One-feature regression data sets y = f(x) + noise, drawn from an explicit seeded Rng.
// Feature name "x"; targets N × 1; no labels (class count 0).
//
// Functions:
// - "sine":       y = sin(2πx), x uniform in [0, 1] (one full period).
// - "polynomial": y = c₀ + c₁x + … + c_d x^d, x uniform in [−1, 1]; the coefficients are given,
//                 or drawn standard normal (c₀ first) when none are given.
// Noise is Gaussian with standard deviation `noise`. Outliers: the given fraction of points
// (rounded to the nearest count) get an extra error of random sign and size uniform in
// [outlier_size, 2·outlier_size].
//
// Draws, in order: the coefficients (polynomial without given ones), every x, every noise value,
// a permutation choosing the outlier order, then a sign and a size for each rank — all of them
// whatever the noise and outlier fraction. So with the same seed and count, changing the noise
// only scales the same noise values, and raising the outlier fraction keeps the earlier outliers
// and adds new ones.
#include <string>
#include <vector>

#include "descent/data/dataset.hpp"
#include "descent/data/generator_limits.hpp"
#include "descent/math/rng.hpp"

namespace descent {

constexpr int kMaxPolynomialDegree = 10;
// Bound on given coefficients, so that y stays far from overflow.
constexpr double kMaxPolynomialCoefficient = 1000.0;
constexpr double kMaxOutlierFraction = 0.5;
constexpr double kMaxOutlierSize = 100.0;

struct Regression1dSpec {
  std::string function = "sine";     // "sine" or "polynomial"
  int count = 100;                   // number of points
  double noise = 0.1;                // standard deviation of the Gaussian noise on y
  int degree = 3;                    // polynomial only: d, 0 to kMaxPolynomialDegree
  std::vector<double> coefficients;  // polynomial only: c₀…c_d (d + 1 values); empty ⇒ drawn
  double outlier_fraction = 0.0;     // fraction of points with a large extra error, ≤ 0.5
  double outlier_size = 3.0;         // the extra error's size is uniform in [size, 2·size]
  bool sorted_by_x = false;          // rows in increasing x (otherwise in draw order)
};

struct Regression1dData {
  Dataset dataset;
  std::string function;              // as in the spec
  std::vector<double> coefficients;  // the polynomial's c₀…c_d (given or drawn); empty for sine
  std::vector<int> outlier_rows;     // rows of dataset that carry an outlier error, ascending

  // The noiseless function at x: what a perfect fit predicts (for drawing the true curve).
  double true_value(double x) const;
};

// c₀ + c₁x + … + c_d x^d by Horner's rule.
double evaluate_polynomial(const std::vector<double>& coefficients, double x);

// Empty when the spec is valid, otherwise a message for the user (the degree and coefficients
// are checked only for "polynomial").
std::string validate_regression_1d_spec(const Regression1dSpec& spec);

// Builds the data set into `out` and returns an empty string, or returns a message for the user
// and leaves `out` untouched.
std::string make_regression_1d(const Regression1dSpec& spec, Rng& rng, Regression1dData& out);

}  // namespace descent

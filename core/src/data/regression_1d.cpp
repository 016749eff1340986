#include "descent/data/regression_1d.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "descent/data/shuffle.hpp"
#include "descent/math/cold_code.hpp"
#include "descent/math/messages.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent {
namespace {

constexpr double kTwoPi = 6.283185307179586476925286766559;

double sine_value(double x) { return std::sin(kTwoPi * x); }

std::string describe(const Regression1dSpec& spec, int degree, int outlier_count) {
  std::string text = spec.function == "sine" ? "y = sin(2πx) + noise, x in [0, 1]"
                                             : "polynomial of degree " + std::to_string(degree) +
                                                   " + noise, x in [-1, 1]";
  text += ": " + std::to_string(spec.count) + " points, noise " + format_number(spec.noise);
  if (outlier_count > 0) text += ", " + std::to_string(outlier_count) + " outliers";
  if (spec.sorted_by_x) text += ", sorted by x";
  return text;
}

}  // namespace

double Regression1dData::true_value(double x) const {
  return function == "sine" ? sine_value(x) : evaluate_polynomial(coefficients, x);
}

double evaluate_polynomial(const std::vector<double>& coefficients, double x) {
  double value = 0.0;
  for (auto c = coefficients.rbegin(); c != coefficients.rend(); ++c) value = value * x + *c;
  return value;
}

std::string validate_regression_1d_spec(const Regression1dSpec& spec) {
  if (spec.function != "sine" && spec.function != "polynomial") {
    return "unknown regression function " + quote_value(spec.function) +
           " (valid: sine, polynomial)";
  }
  std::string message = validate_point_count(spec.count);
  if (message.empty()) message = validate_noise(spec.noise);
  if (!message.empty()) return message;
  if (spec.function == "polynomial") {
    if (spec.degree < 0 || spec.degree > kMaxPolynomialDegree) {
      return "polynomial degree must be between 0 and " + std::to_string(kMaxPolynomialDegree) +
             ", got " + std::to_string(spec.degree);
    }
    const auto expected = static_cast<std::size_t>(spec.degree) + 1;
    if (!spec.coefficients.empty() && spec.coefficients.size() != expected) {
      return "a polynomial of degree " + std::to_string(spec.degree) + " needs " +
             std::to_string(expected) + " coefficients (c0 to c" + std::to_string(spec.degree) +
             "), got " + std::to_string(spec.coefficients.size());
    }
    for (std::size_t i = 0; i < spec.coefficients.size(); ++i) {
      if (!(std::fabs(spec.coefficients[i]) <= kMaxPolynomialCoefficient)) {
        return "polynomial coefficient c" + std::to_string(i) + " must be in [-" +
               format_number(kMaxPolynomialCoefficient) + ", " +
               format_number(kMaxPolynomialCoefficient) + "], got " +
               format_number(spec.coefficients[i]);
      }
    }
  }
  if (!(spec.outlier_fraction >= 0.0 && spec.outlier_fraction <= kMaxOutlierFraction)) {
    return "outlier fraction must be in [0, " + format_number(kMaxOutlierFraction) + "], got " +
           format_number(spec.outlier_fraction);
  }
  if (!(spec.outlier_size > 0.0 && spec.outlier_size <= kMaxOutlierSize)) {
    return "outlier size must be in (0, " + format_number(kMaxOutlierSize) + "], got " +
           format_number(spec.outlier_size);
  }
  return "";
}

std::string make_regression_1d(const Regression1dSpec& spec, Rng& rng, Regression1dData& out) {
  const std::string message = validate_regression_1d_spec(spec);
  if (!message.empty()) return message;
  const bool sine = spec.function == "sine";
  const int n = spec.count;

  Regression1dData data;
  data.function = spec.function;
  if (!sine) {
    data.coefficients = spec.coefficients;
    if (data.coefficients.empty()) {
      for (int i = 0; i <= spec.degree; ++i) data.coefficients.push_back(rng.normal());
    }
  }
  Eigen::VectorXd x(n), y(n);
  for (int i = 0; i < n; ++i) x(i) = sine ? rng.uniform() : rng.uniform(-1.0, 1.0);
  for (int i = 0; i < n; ++i) {
    const double noise_value = rng.normal();
    y(i) = data.true_value(x(i)) + spec.noise * noise_value;
  }
  // Outlier rank r goes to row outlier_order[r]; the first outlier_count ranks are outliers.
  const std::vector<int> outlier_order = shuffled_indices(n, rng);
  const int outlier_count = static_cast<int>(std::lround(spec.outlier_fraction * n));
  for (int rank = 0; rank < n; ++rank) {
    const double sign = rng.uniform() < 0.5 ? -1.0 : 1.0;
    const double size = rng.uniform(spec.outlier_size, 2.0 * spec.outlier_size);
    if (rank < outlier_count) y(outlier_order[static_cast<std::size_t>(rank)]) += sign * size;
  }

  // Row order: draw order, or increasing x (stable, so ties keep draw order).
  std::vector<int> rows(static_cast<std::size_t>(n));
  std::iota(rows.begin(), rows.end(), 0);
  if (spec.sorted_by_x) {
    std::stable_sort(rows.begin(), rows.end(), [&x](int a, int b) { return x(a) < x(b); });
  }
  std::vector<int> position_of_draw(static_cast<std::size_t>(n));
  for (int position = 0; position < n; ++position) {
    position_of_draw[static_cast<std::size_t>(rows[static_cast<std::size_t>(position)])] = position;
  }
  for (int rank = 0; rank < outlier_count; ++rank) {
    const int drawn_row = outlier_order[static_cast<std::size_t>(rank)];
    data.outlier_rows.push_back(position_of_draw[static_cast<std::size_t>(drawn_row)]);
  }
  std::sort(data.outlier_rows.begin(), data.outlier_rows.end());

  data.dataset.inputs = x(rows).eval();
  data.dataset.targets = y(rows).eval();
  data.dataset.feature_names = {"x"};
  data.dataset.description =
      describe(spec, static_cast<int>(data.coefficients.size()) - 1, outlier_count);
  out = std::move(data);
  return "";
}

}  // namespace descent

DESCENT_END_COLD_CODE

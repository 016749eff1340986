#include "descent/data/regression_1d.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <map>

using namespace descent;

namespace {

constexpr double kTwoPi = 6.283185307179586476925286766559;

Regression1dData generate(const Regression1dSpec& spec, std::uint64_t seed) {
  Rng rng(seed);
  Regression1dData data;
  const std::string message = make_regression_1d(spec, rng, data);
  INFO(message);
  REQUIRE(message.empty());
  return data;
}

Regression1dSpec sine_spec(int count, double noise) {
  Regression1dSpec spec;
  spec.count = count;
  spec.noise = noise;
  return spec;
}

Regression1dSpec polynomial_spec(int count, double noise, int degree) {
  Regression1dSpec spec;
  spec.function = "polynomial";
  spec.count = count;
  spec.noise = noise;
  spec.degree = degree;
  return spec;
}

// Rows whose target differs from the noiseless function (with noise 0: the outliers).
std::vector<int> rows_off_the_curve(const Regression1dData& data) {
  std::vector<int> rows;
  for (int row = 0; row < data.dataset.size(); ++row) {
    if (data.dataset.targets(row, 0) != data.true_value(data.dataset.inputs(row, 0))) {
      rows.push_back(row);
    }
  }
  return rows;
}

}  // namespace

TEST_CASE("evaluate_polynomial is c0 + c1·x + … by Horner's rule", "[data]") {
  CHECK(evaluate_polynomial({1.0, 2.0, 3.0}, 2.0) == 17.0);
  CHECK(evaluate_polynomial({-4.0}, 123.0) == -4.0);
  CHECK(evaluate_polynomial({0.0, 0.0, 0.0, 1.0}, -0.5) == -0.125);
}

TEST_CASE("Noisy sine: shape, range, and exact values without noise", "[data]") {
  const Regression1dData data = generate(sine_spec(500, 0.0), 3);
  const Dataset& d = data.dataset;
  CHECK(validate_dataset(d).empty());
  CHECK(d.size() == 500);
  CHECK(d.feature_count() == 1);
  CHECK(d.targets.cols() == 1);
  CHECK_FALSE(d.is_classification());
  CHECK(d.labels.empty());
  CHECK(d.feature_names == std::vector<std::string>{"x"});
  CHECK(data.coefficients.empty());
  CHECK(data.outlier_rows.empty());
  CHECK(d.inputs.minCoeff() >= 0.0);
  CHECK(d.inputs.maxCoeff() < 1.0);
  for (int row = 0; row < d.size(); ++row) {
    REQUIRE(d.targets(row, 0) == std::sin(kTwoPi * d.inputs(row, 0)));
  }
  CHECK(d.description == "y = sin(2πx) + noise, x in [0, 1]: 500 points, noise 0");
}

TEST_CASE("Noise has the requested standard deviation", "[data]") {
  const Regression1dData data = generate(sine_spec(20000, 0.3), 8);
  double sum = 0.0, square_sum = 0.0;
  for (int row = 0; row < data.dataset.size(); ++row) {
    const double residual =
        data.dataset.targets(row, 0) - data.true_value(data.dataset.inputs(row, 0));
    sum += residual;
    square_sum += residual * residual;
  }
  const double mean = sum / 20000;
  CHECK(mean == Approx(0.0).margin(0.01));
  CHECK(std::sqrt(square_sum / 20000 - mean * mean) == Approx(0.3).epsilon(0.03));
}

TEST_CASE("Polynomial: given coefficients are used exactly; drawn ones are reproducible",
          "[data]") {
  Regression1dSpec spec = polynomial_spec(300, 0.0, 2);
  spec.coefficients = {1.0, -2.0, 0.5};
  const Regression1dData given = generate(spec, 4);
  CHECK(given.coefficients == spec.coefficients);
  CHECK(given.dataset.inputs.minCoeff() >= -1.0);
  CHECK(given.dataset.inputs.maxCoeff() < 1.0);
  for (int row = 0; row < given.dataset.size(); ++row) {
    const double x = given.dataset.inputs(row, 0);
    REQUIRE(given.dataset.targets(row, 0) == evaluate_polynomial({1.0, -2.0, 0.5}, x));
  }
  CHECK(given.dataset.description ==
        "polynomial of degree 2 + noise, x in [-1, 1]: 300 points, noise 0");

  for (int degree = 0; degree <= kMaxPolynomialDegree; ++degree) {
    const Regression1dData drawn = generate(polynomial_spec(50, 0.0, degree), 5);
    REQUIRE(drawn.coefficients.size() == static_cast<std::size_t>(degree) + 1);
    CHECK(rows_off_the_curve(drawn).empty());
    CHECK(generate(polynomial_spec(50, 0.0, degree), 5).coefficients == drawn.coefficients);
    CHECK(generate(polynomial_spec(50, 0.0, degree), 6).coefficients != drawn.coefficients);
  }
}

TEST_CASE("Regression data: same seed identical, another seed different", "[data]") {
  for (const auto& spec : {sine_spec(200, 0.2), polynomial_spec(200, 0.2, 4)}) {
    const Regression1dData first = generate(spec, 10);
    const Regression1dData again = generate(spec, 10);
    const Regression1dData other = generate(spec, 11);
    CHECK(first.dataset.inputs == again.dataset.inputs);
    CHECK(first.dataset.targets == again.dataset.targets);
    CHECK(first.dataset.inputs != other.dataset.inputs);
  }
}

TEST_CASE("Outliers: the rounded fraction of points, each with a large error", "[data]") {
  Regression1dSpec spec = sine_spec(200, 0.0);
  spec.outlier_fraction = 0.1;
  spec.outlier_size = 2.5;
  const Regression1dData data = generate(spec, 12);
  REQUIRE(data.outlier_rows.size() == 20);
  CHECK(std::is_sorted(data.outlier_rows.begin(), data.outlier_rows.end()));
  CHECK(rows_off_the_curve(data) == data.outlier_rows);
  int positive = 0;
  for (const int row : data.outlier_rows) {
    const double error =
        data.dataset.targets(row, 0) - data.true_value(data.dataset.inputs(row, 0));
    CHECK(std::fabs(error) >= 2.5 - 1e-12);
    CHECK(std::fabs(error) <= 5.0 + 1e-12);
    positive += error > 0 ? 1 : 0;
  }
  CHECK(positive > 0);
  CHECK(positive < 20);
  CHECK(data.dataset.description.find("20 outliers") != std::string::npos);

  spec.count = 30;
  spec.outlier_fraction = 0.05;  // 1.5 rounds to 2
  CHECK(generate(spec, 12).outlier_rows.size() == 2);
  spec.outlier_fraction = 0.5;
  CHECK(generate(spec, 12).outlier_rows.size() == 15);
}

TEST_CASE("Raising the outlier fraction keeps the points and the earlier outliers", "[data]") {
  Regression1dSpec spec = sine_spec(100, 0.1);
  spec.outlier_fraction = 0.05;
  const Regression1dData few = generate(spec, 13);
  spec.outlier_fraction = 0.2;
  const Regression1dData many = generate(spec, 13);
  spec.outlier_fraction = 0.0;
  const Regression1dData none = generate(spec, 13);
  CHECK(few.dataset.inputs == many.dataset.inputs);
  CHECK(few.dataset.inputs == none.dataset.inputs);
  CHECK(std::includes(many.outlier_rows.begin(), many.outlier_rows.end(), few.outlier_rows.begin(),
                      few.outlier_rows.end()));
  for (int row = 0; row < 100; ++row) {
    const bool outlier =
        std::binary_search(many.outlier_rows.begin(), many.outlier_rows.end(), row);
    if (!outlier) CHECK(many.dataset.targets(row, 0) == none.dataset.targets(row, 0));
  }
  // The draws do not depend on the noise or outlier settings.
  Rng quiet(14), loud(14);
  Regression1dData a, b;
  REQUIRE(make_regression_1d(sine_spec(51, 0.0), quiet, a).empty());
  spec = sine_spec(51, 3.0);
  spec.outlier_fraction = 0.3;
  REQUIRE(make_regression_1d(spec, loud, b).empty());
  CHECK(quiet.next_u64() == loud.next_u64());
}

TEST_CASE("sorted_by_x gives the same points in increasing x, outliers followed", "[data]") {
  Regression1dSpec spec = polynomial_spec(400, 0.0, 3);
  spec.outlier_fraction = 0.1;
  const Regression1dData shuffled = generate(spec, 15);
  spec.sorted_by_x = true;
  const Regression1dData sorted = generate(spec, 15);
  const Eigen::VectorXd x = sorted.dataset.inputs.col(0);
  CHECK(std::is_sorted(x.data(), x.data() + x.size()));
  CHECK(sorted.coefficients == shuffled.coefficients);
  std::map<double, double> by_x_shuffled, by_x_sorted;
  for (int row = 0; row < 400; ++row) {
    by_x_shuffled[shuffled.dataset.inputs(row, 0)] = shuffled.dataset.targets(row, 0);
    by_x_sorted[sorted.dataset.inputs(row, 0)] = sorted.dataset.targets(row, 0);
  }
  CHECK(by_x_sorted == by_x_shuffled);
  REQUIRE(sorted.outlier_rows.size() == 40);
  CHECK(rows_off_the_curve(sorted) == sorted.outlier_rows);
  CHECK(sorted.dataset.description.find("sorted by x") != std::string::npos);
}

TEST_CASE("Invalid regression specs are rejected with a message", "[data]") {
  const double inf = std::numeric_limits<double>::infinity();
  Regression1dSpec spec;
  CHECK(validate_regression_1d_spec(spec).empty());
  spec.function = "cosine";
  CHECK(validate_regression_1d_spec(spec) ==
        "unknown regression function 'cosine' (valid: sine, polynomial)");
  spec = sine_spec(1, 0.1);
  CHECK(validate_regression_1d_spec(spec) == "point count must be between 2 and 100000, got 1");
  spec = sine_spec(10, -1.0);
  CHECK(validate_regression_1d_spec(spec) == "noise must be a number in [0, 10], got -1");
  spec = polynomial_spec(10, 0.1, 11);
  CHECK(validate_regression_1d_spec(spec) == "polynomial degree must be between 0 and 10, got 11");
  spec.degree = -1;
  CHECK(validate_regression_1d_spec(spec) == "polynomial degree must be between 0 and 10, got -1");
  spec.degree = 2;
  spec.coefficients = {1.0, 2.0};
  CHECK(validate_regression_1d_spec(spec) ==
        "a polynomial of degree 2 needs 3 coefficients (c0 to c2), got 2");
  spec.coefficients = {1.0, inf, 2.0};
  CHECK(validate_regression_1d_spec(spec) ==
        "polynomial coefficient c1 must be in [-1000, 1000], got inf");
  spec.coefficients = {1.0, 2.0, 3.0};
  CHECK(validate_regression_1d_spec(spec).empty());
  spec.outlier_fraction = 0.6;
  CHECK(validate_regression_1d_spec(spec) == "outlier fraction must be in [0, 0.5], got 0.6");
  spec.outlier_fraction = 0.1;
  spec.outlier_size = 0.0;
  CHECK(validate_regression_1d_spec(spec) == "outlier size must be in (0, 100], got 0");
  // The sine ignores the polynomial's settings.
  spec = sine_spec(10, 0.1);
  spec.degree = 99;
  CHECK(validate_regression_1d_spec(spec).empty());

  Rng rng(1), untouched(1);
  Regression1dData out = generate(sine_spec(5, 0.0), 2);
  const Eigen::MatrixXd before = out.dataset.inputs;
  CHECK(make_regression_1d(polynomial_spec(10, 0.1, 11), rng, out) ==
        "polynomial degree must be between 0 and 10, got 11");
  CHECK(out.dataset.inputs == before);
  CHECK(rng.next_u64() == untouched.next_u64());
}

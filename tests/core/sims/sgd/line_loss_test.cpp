#include "descent/sims/sgd/line_loss.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "descent/math/rng.hpp"

using namespace descent;

namespace {

double relative_error(double analytic, double numeric) {
  return std::abs(analytic - numeric) / std::max(1e-8, std::abs(analytic) + std::abs(numeric));
}

}  // namespace

TEST_CASE("the SGD data set: 16 steep points far out, 240 flat ones near 0, sorted", "[sgd_line]") {
  const SgdLineData data = make_sgd_line_data();
  REQUIRE(data.size() == kSgdDataSize);
  int steep = 0;
  for (int i = 0; i < data.size(); ++i) {
    if (data.population[i] == SgdPopulation::kSteep) {
      ++steep;
      CHECK(i < kSgdSteepPointCount);  // steep points come first
      CHECK(std::abs(data.x[i]) >= kSgdSteepXMin);
      CHECK(std::abs(data.x[i]) <= kSgdSteepXMax);
      CHECK(std::abs(data.y[i] - kSgdSteepSlope * data.x[i]) < 5 * kSgdSteepNoise);
    } else {
      CHECK(std::abs(data.x[i]) <= kSgdFlatXMax);
      CHECK(std::abs(data.y[i] - kSgdFlatSlope * data.x[i]) < 5 * kSgdFlatNoise);
    }
    // Sorted by x within each population.
    if (i > 0 && data.population[i] == data.population[i - 1]) CHECK(data.x[i] >= data.x[i - 1]);
  }
  CHECK(steep == kSgdSteepPointCount);
  // Same seed ⇒ same points; another seed ⇒ other points.
  const SgdLineData again = make_sgd_line_data();
  CHECK(again.x == data.x);
  CHECK(again.y == data.y);
  CHECK(make_sgd_line_data(kSgdDataSeed + 1).x != data.x);
}

TEST_CASE("per-sample Cauchy loss: gradient and Hessian match central differences", "[sgd_line]") {
  const SgdLineData data = make_sgd_line_data();
  Rng rng(7);
  const double h = 1e-6;
  for (int trial = 0; trial < 200; ++trial) {
    const int i = static_cast<int>(rng.uniform() * data.size());
    const Eigen::Vector2d theta(rng.uniform(-2.0, 2.5), rng.uniform(-1.0, 1.0));
    Eigen::Vector2d gradient = Eigen::Vector2d::Zero();
    sample_loss(data, i, theta, &gradient);
    const Eigen::Matrix2d hessian = sample_hessian(data, i, theta);
    for (int k = 0; k < 2; ++k) {
      Eigen::Vector2d up = theta, down = theta;
      up[k] += h;
      down[k] -= h;
      const double numeric = (sample_loss(data, i, up) - sample_loss(data, i, down)) / (2 * h);
      INFO("sample " << i << " θ = (" << theta[0] << ", " << theta[1] << "), component " << k);
      CHECK(relative_error(gradient[k], numeric) < 1e-6);
      Eigen::Vector2d g_up = Eigen::Vector2d::Zero(), g_down = Eigen::Vector2d::Zero();
      sample_loss(data, i, up, &g_up);
      sample_loss(data, i, down, &g_down);
      for (int j = 0; j < 2; ++j) {
        CHECK(relative_error(hessian(j, k), (g_up[j] - g_down[j]) / (2 * h)) < 1e-5);
      }
    }
  }
}

TEST_CASE("Cauchy loss: ½r² for small residuals, logarithmic for large ones", "[sgd_line]") {
  CHECK(cauchy_loss(0.0) == 0.0);
  CHECK(cauchy_loss(1e-3) == Approx(0.5e-6).epsilon(1e-4));  // ½r² − ¼r⁴/c² + …
  CHECK(cauchy_derivative(1e-3) == Approx(1e-3).epsilon(1e-4));
  CHECK(cauchy_second_derivative(0.0) == 1.0);
  // ρ'' changes sign at r = c: far residuals pull less and less.
  CHECK(cauchy_second_derivative(kSgdCauchyScale) == Approx(0.0).margin(1e-15));
  CHECK(cauchy_derivative(10.0) < cauchy_derivative(1.0));
  CHECK(cauchy_loss(10.0) == Approx(0.5 * 0.04 * std::log(1 + 2500.0)));
}

TEST_CASE("the value-only full loss (a product of 1 + u) equals the per-sample sum", "[sgd_line]") {
  const SgdLineData data = make_sgd_line_data();
  // Near the data, far from it (products beyond 2^512 set powers of two aside) and blown up.
  for (const Eigen::Vector2d theta : {Eigen::Vector2d(0.3, -0.2), Eigen::Vector2d(1.9, 0.0),
                                      Eigen::Vector2d(-40.0, 25.0), Eigen::Vector2d(3e5, -2e5)}) {
    Eigen::Vector2d gradient;
    INFO("theta " << theta.transpose());
    CHECK(full_loss(data, theta) == Approx(full_loss(data, theta, &gradient)).epsilon(1e-14));
  }
  CHECK(std::isnan(full_loss(data, Eigen::Vector2d(std::nan(""), 0.0))));
  CHECK(std::isinf(full_loss(data, Eigen::Vector2d(1e200, 0.0))));
}

TEST_CASE("the mean loss and gradient are the averages of the per-sample ones", "[sgd_line]") {
  const SgdLineData data = make_sgd_line_data();
  const Eigen::Vector2d theta(0.3, -0.2);
  double total = 0.0;
  Eigen::Vector2d gradient_sum = Eigen::Vector2d::Zero();
  for (int i = 0; i < data.size(); ++i) total += sample_loss(data, i, theta, &gradient_sum);
  Eigen::Vector2d gradient;
  CHECK(full_loss(data, theta, &gradient) == Approx(total / data.size()).epsilon(1e-14));
  CHECK((gradient - gradient_sum / data.size()).norm() < 1e-15);
  const int batch[3] = {0, 5, 200};
  Eigen::Vector2d batch_gradient;
  const double expected =
      (sample_loss(data, 0, theta) + sample_loss(data, 5, theta) + sample_loss(data, 200, theta)) /
      3;
  CHECK(batch_loss(data, batch, 3, theta, &batch_gradient) == Approx(expected).epsilon(1e-14));
}

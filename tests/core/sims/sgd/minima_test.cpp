#include "descent/sims/sgd/minima.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>

#include "descent/sims/sgd/line_loss.hpp"
#include "descent/sims/sgd/run.hpp"

using namespace descent;

TEST_CASE("two minima: sharp and non-uniform on the steep line, wide and uniform on the flat one",
          "[sgd_minima]") {
  const SgdLineData data = make_sgd_line_data();
  const auto minima = locate_sgd_minima(data);
  REQUIRE(minima.size() == 2);
  const SgdMinimum& sharp = minima[0];
  const SgdMinimum& wide = minima[1];
  CHECK(sharp.name == "sharp");
  CHECK(wide.name == "wide");
  for (const SgdMinimum& m : minima) {
    Eigen::Vector2d gradient;
    full_loss(data, m.point, &gradient);
    CHECK(gradient.norm() < 1e-10);
    CHECK(Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d>(m.hessian).eigenvalues()[0] > 0.0);
  }
  // Measured: sharp at (1.188, −0.026), a = 1.62, s = 6.76; wide at (−0.807, 0.002), a = 0.571,
  // s = 0.516. The wide one also fits more of the data (lower loss).
  CHECK(sharp.point[0] == Approx(1.188).margin(0.002));
  CHECK(wide.point[0] == Approx(-0.807).margin(0.002));
  CHECK(sharp.sharpness == Approx(1.621).margin(0.002));
  CHECK(wide.sharpness == Approx(0.571).margin(0.002));
  CHECK(sharp.non_uniformity == Approx(6.760).margin(0.005));
  CHECK(wide.non_uniformity == Approx(0.516).margin(0.005));
  CHECK(sharp.sharpness > 2.5 * wide.sharpness);
  CHECK(sharp.non_uniformity > 10 * wide.non_uniformity);
  CHECK(wide.loss < sharp.loss);
}

TEST_CASE("linear stability at η = 0.75: full batch stays in the sharp minimum, B < 25 cannot",
          "[sgd_minima]") {
  const SgdLineData data = make_sgd_line_data();
  const auto minima = locate_sgd_minima(data);
  const double lr = kSgdDefaultLearningRate;
  const SgdMinimum& sharp = minima[0];
  const SgdMinimum& wide = minima[1];
  // Full batch: the growth factor is λmax((I − ηH)²) = max over H's eigenvalues λ of (1 − ηλ)²,
  // below 1 as η·a = 1.22 < 2.
  CHECK(lr * sharp.sharpness < 2.0);
  const Eigen::Vector2d lambda =
      Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d>(sharp.hessian).eigenvalues();
  const double expected =
      std::max(std::pow(1 - lr * lambda[0], 2), std::pow(1 - lr * lambda[1], 2));
  CHECK(mean_square_growth(sharp, lr, kSgdDataSize, kSgdDataSize) ==
        Approx(expected).epsilon(1e-9));
  CHECK(expected < 1.0);
  CHECK(mean_square_growth(sharp, lr, 1, kSgdDataSize) > 20.0);
  CHECK(mean_square_growth(sharp, lr, 8, kSgdDataSize) > 3.0);
  CHECK(mean_square_growth(sharp, lr, 32, kSgdDataSize) < 1.0);
  CHECK(smallest_stable_batch(sharp, lr, kSgdDataSize) == 25);
  // The wide minimum holds every batch size, even one point at a time.
  CHECK(smallest_stable_batch(wide, lr, kSgdDataSize) == 1);
  // Above 2/a even gradient descent cannot stay.
  CHECK(smallest_stable_batch(sharp, 2.1 / sharp.sharpness, kSgdDataSize) == -1);
  CHECK_THROWS_AS(mean_square_growth(sharp, lr, 0, kSgdDataSize), std::invalid_argument);
}

#include "descent/nn/batch_norm2d.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

#include "module_gradient_check.hpp"

using descent::Rng;
using descent::nn::BatchNorm2d;
using descent::nn::Matrix;
using descent::nn::Mode;
using descent::nn::TensorShape;
using descent::test::module_gradient_error;

TEST_CASE("2-D batch norm passes the module gradient check in both modes", "[nn][module]") {
  CHECK(module_gradient_error(BatchNorm2d<double>(3, 4, 5), TensorShape::image(2, 3, 4, 5)) < 1e-7);
  CHECK(module_gradient_error(BatchNorm2d<double>(2, 3, 3), TensorShape::image(1, 2, 3, 3)) < 1e-7);
  CHECK(module_gradient_error(BatchNorm2d<double>(3, 2, 2), TensorShape::image(2, 3, 2, 2),
                              Mode::kEvaluation) < 1e-8);
}

TEST_CASE("2-D batch norm normalises each channel over the batch and its positions",
          "[nn][module]") {
  BatchNorm2d<double> norm(2, 3, 3);
  CHECK(norm.name() == "batch_norm2d 2");
  CHECK(norm.parameter_count() == 4);
  Matrix<double> images(4, 18);
  Rng rng(3);
  for (Eigen::Index i = 0; i < images.size(); ++i) images.data()[i] = 5.0 + 2.0 * rng.normal();
  images.rightCols(9).array() += 10.0;  // channel 1 sits far from channel 0
  const Matrix<double> output = norm.forward(images, Mode::kTraining, rng);
  for (int c = 0; c < 2; ++c) {
    const Eigen::ArrayXXd channel = output.middleCols(c * 9, 9).array();
    CHECK(channel.mean() == Approx(0.0).margin(1e-12));
    // Biased variance over the 36 values, with ε = 1e-5 in the denominator.
    CHECK((channel.square().mean()) == Approx(1.0).epsilon(1e-4));
  }
  // The running mean moved 10 % of the way to each channel's batch mean (≈ 5 and ≈ 15).
  CHECK(norm.running_statistics().mean[0] == Approx(0.5).epsilon(0.1));
  CHECK(norm.running_statistics().mean[1] == Approx(1.5).epsilon(0.1));
  CHECK_THROWS_AS(norm.forward(Matrix<double>(4, 17), Mode::kTraining, rng), std::invalid_argument);
  CHECK_THROWS_AS(BatchNorm2d<double>(0, 3, 3), std::invalid_argument);
}

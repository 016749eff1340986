// Max pooling, average pooling, global average pooling and flatten (the parameter-free vision
// modules): hand-computed forward values and gradient routing, the module gradient check, invalid
// windows.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "descent/nn/avg_pool2d.hpp"
#include "descent/nn/flatten.hpp"
#include "descent/nn/global_avg_pool.hpp"
#include "descent/nn/max_pool2d.hpp"
#include "module_gradient_check.hpp"

using descent::Rng;
using descent::nn::AvgPool2d;
using descent::nn::Flatten;
using descent::nn::GlobalAvgPool;
using descent::nn::MaxPool2d;
using descent::nn::Mode;
using descent::nn::SlidingWindow;
using descent::nn::TensorShape;
using descent::test::module_gradient_error;
using Matrix = descent::nn::Matrix<double>;

namespace {

// One sample, one channel: the rows of a 4×4 image.
Matrix image_4x4() {
  Matrix image(1, 16);
  image << 1, 3, 2, 0,  //
      4, 2, 1, 5,       //
      0, 1, 7, 7,       //
      6, 2, 3, 1;
  return image;
}

}  // namespace

TEST_CASE("max pooling takes each window's maximum and routes the gradient to it", "[nn][conv]") {
  MaxPool2d<double> pool(SlidingWindow{2, 2}, 1, 4, 4);
  Rng rng(1);
  const Matrix input = image_4x4();
  Matrix expected(1, 4);
  expected << 4, 5, 6, 7;
  CHECK(pool.forward(input, Mode::kTraining, rng) == expected);
  CHECK(pool.apply(input) == expected);
  // Arg-max columns: 4 at (1, 0), 5 at (1, 3), 6 at (3, 0), and the tie 7 7 goes to the first.
  CHECK(pool.arg_max()(0, 0) == 4);
  CHECK(pool.arg_max()(0, 1) == 7);
  CHECK(pool.arg_max()(0, 2) == 12);
  CHECK(pool.arg_max()(0, 3) == 10);
  Matrix grad_output(1, 4);
  grad_output << 0.1, 0.2, 0.3, 0.4;
  Matrix expected_grad = Matrix::Zero(1, 16);
  expected_grad(0, 4) = 0.1;
  expected_grad(0, 7) = 0.2;
  expected_grad(0, 12) = 0.3;
  expected_grad(0, 10) = 0.4;
  CHECK(pool.backward(input, grad_output) == expected_grad);

  // Overlapping 3×3 windows, stride 1: the 7 at (2, 2) wins all four windows and collects all four
  // gradients; padding 1 with stride 2 reads −∞ outside the image.
  MaxPool2d<double> overlapping(SlidingWindow{3, 1}, 1, 4, 4);
  overlapping.forward(input, Mode::kTraining, rng);
  CHECK(overlapping.output() == Matrix::Constant(1, 4, 7.0));
  CHECK(overlapping.backward(input, Matrix::Ones(1, 4))(0, 10) == 4.0);
  CHECK(overlapping.name() == "max_pool 3×3, stride 1");
  MaxPool2d<double> padded(SlidingWindow{2, 2, 1}, 1, 4, 4);
  Matrix padded_expected(1, 9);
  padded_expected << 1, 3, 0, 4, 7, 7, 6, 3, 1;
  CHECK(padded.apply(input) == padded_expected);
}

TEST_CASE("average pooling averages each window, padding included, and spreads the gradient",
          "[nn][conv]") {
  AvgPool2d<double> pool(SlidingWindow{2, 2}, 1, 4, 4);
  Rng rng(1);
  const Matrix input = image_4x4();
  Matrix expected(1, 4);
  expected << 2.5, 2, 2.25, 4.5;
  CHECK(pool.forward(input, Mode::kTraining, rng) == expected);
  Matrix grad_output(1, 4);
  grad_output << 4, 8, 12, 16;
  const Matrix grad_input = pool.backward(input, grad_output);
  CHECK(grad_input(0, 0) == 1.0);  // 4 / 4 to each of the top-left window's inputs
  CHECK(grad_input(0, 5) == 1.0);
  CHECK(grad_input(0, 3) == 2.0);              // 8 / 4
  CHECK(grad_input(0, 15) == 4.0);             // 16 / 4
  CHECK(grad_input.sum() == 4 + 8 + 12 + 16);  // each gradient spread, none lost
  // A 3×3 window with padding 1 at the corner holds 4 inputs and 5 zeros, divided by 9.
  AvgPool2d<double> padded(SlidingWindow{3, 2, 1}, 1, 4, 4);
  CHECK(padded.apply(input)(0, 0) == Approx((1 + 3 + 4 + 2) / 9.0));
  CHECK(padded.name() == "avg_pool 3×3, stride 2, padding 1");
}

TEST_CASE("global average pooling gives each channel's mean as a feature", "[nn][conv]") {
  GlobalAvgPool<double> pool(2, 2, 2);
  Matrix input(2, 8);
  input << 1, 2, 3, 4, 10, 20, 30, 40,  //
      -1, -1, -1, -1, 0, 0, 0, 8;
  Matrix expected(2, 2);
  expected << 2.5, 25, -1, 2;
  Rng rng(1);
  CHECK(pool.forward(input, Mode::kTraining, rng) == expected);
  CHECK(pool.output_shape(TensorShape::image(2, 2, 2, 2)) == TensorShape::features(2, 2));
  const Matrix grad = pool.backward(input, Matrix::Constant(2, 2, 2.0));
  CHECK(grad == Matrix::Constant(2, 8, 0.5));
}

TEST_CASE("flatten keeps the values and makes the shape (batch, features)", "[nn][conv]") {
  Flatten<double> flatten;
  CHECK(flatten.output_shape(TensorShape::image(3, 2, 4, 5)) == TensorShape::features(3, 40));
  CHECK(flatten.output_shape(TensorShape::sequence(3, 7, 2)) == TensorShape::features(3, 14));
  const Matrix input = Matrix::Random(3, 40);
  Rng rng(1);
  CHECK(flatten.forward(input, Mode::kTraining, rng) == input);
  CHECK(flatten.backward(input, 2.0 * input) == 2.0 * input);
}

TEST_CASE("pooling modules pass the module gradient check", "[nn][conv]") {
  CHECK(module_gradient_error(MaxPool2d<double>(SlidingWindow{2, 2}, 2, 4, 6),
                              TensorShape::image(3, 2, 4, 6)) < 1e-7);
  CHECK(module_gradient_error(MaxPool2d<double>(SlidingWindow{3, 2, 1}, 3, 5, 5),
                              TensorShape::image(2, 3, 5, 5)) < 1e-7);
  CHECK(module_gradient_error(MaxPool2d<double>(SlidingWindow{2, 1, 1, 2}, 1, 5, 4),
                              TensorShape::image(2, 1, 5, 4)) < 1e-7);
  CHECK(module_gradient_error(AvgPool2d<double>(SlidingWindow{2, 2}, 2, 4, 6),
                              TensorShape::image(3, 2, 4, 6)) < 1e-8);
  CHECK(module_gradient_error(AvgPool2d<double>(SlidingWindow{3, 2, 1}, 3, 5, 5),
                              TensorShape::image(2, 3, 5, 5)) < 1e-8);
  CHECK(module_gradient_error(GlobalAvgPool<double>(3, 4, 5), TensorShape::image(2, 3, 4, 5)) <
        1e-8);
  CHECK(module_gradient_error(Flatten<double>(), TensorShape::image(2, 3, 2, 2)) < 1e-8);
}

TEST_CASE("pooling rejects windows it cannot slide, with a clear message", "[nn][conv]") {
  CHECK_THROWS_WITH(MaxPool2d<double>(SlidingWindow{2, 2, 2}, 1, 4, 4),
                    Catch::Contains("padding must be at most half the window's span (2), got 2"));
  CHECK_THROWS_WITH(MaxPool2d<double>(SlidingWindow{5, 1}, 1, 4, 4),
                    Catch::Contains("a 5×5 window does not fit a 4×4 input"));
  CHECK_THROWS_WITH(MaxPool2d<double>(SlidingWindow{2, 0}, 1, 4, 4),
                    Catch::Contains("max_pool2d: stride must be ≥ 1, got 0"));
  CHECK_THROWS_WITH(AvgPool2d<double>(SlidingWindow{2, 2, 0, 2}, 1, 4, 4),
                    Catch::Contains("average pooling has no dilation"));
  CHECK_THROWS_WITH(AvgPool2d<double>(SlidingWindow{0, 1}, 1, 4, 4),
                    Catch::Contains("avg_pool2d: kernel size must be ≥ 1, got 0"));
  CHECK_THROWS_AS(GlobalAvgPool<double>(0, 4, 4), std::invalid_argument);
  MaxPool2d<double> pool(SlidingWindow{2, 2}, 1, 4, 4);
  CHECK_THROWS_WITH(pool.output_shape(TensorShape::image(1, 2, 4, 4)),
                    Catch::Contains("max_pool 2×2: input is (batch 1, channels 2"));
  CHECK_THROWS_AS(pool.apply(Matrix::Zero(1, 15)), std::invalid_argument);
  CHECK_THROWS_AS(pool.backward(Matrix::Zero(1, 16), Matrix::Zero(1, 4)), std::logic_error);
}

TEST_CASE("max pooling propagates NaN like torch and ignores −∞ padding", "[nn][conv]") {
  MaxPool2d<float> pool(SlidingWindow{2, 2}, 1, 2, 2);
  descent::nn::Matrix<float> input(1, 4);
  input << 1.0f, std::numeric_limits<float>::quiet_NaN(), 5.0f, 2.0f;
  CHECK(std::isnan(pool.apply(input)(0, 0)));
  input << -std::numeric_limits<float>::infinity(), -3.0f, -2.0f, -9.0f;
  CHECK(pool.apply(input)(0, 0) == -2.0f);
}

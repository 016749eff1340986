#include "descent/nn/last_step.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

#include "module_gradient_check.hpp"

using descent::nn::LastStep;
using descent::nn::Matrix;
using descent::nn::TensorShape;

TEST_CASE("last step selects the final step and routes the gradient there", "[nn][last_step]") {
  LastStep<double> last(2);
  Matrix<double> input(2, 6);  // time 3, features 2
  input << 1, 2, 3, 4, 5, 6,   //
      7, 8, 9, 10, 11, 12;
  descent::Rng rng(1);
  const Matrix<double>& output = last.forward(input, descent::nn::Mode::kTraining, rng);
  Matrix<double> expected(2, 2);
  expected << 5, 6, 11, 12;
  CHECK(output == expected);
  CHECK(last.apply(input) == expected);
  const Matrix<double> grad = last.backward(input, Matrix<double>::Ones(2, 2));
  CHECK(grad.leftCols(4).isZero());
  CHECK(grad.rightCols(2).isOnes());
  CHECK(last.output_shape(TensorShape::sequence(4, 3, 2)) == TensorShape::features(4, 2));
  CHECK(descent::test::module_gradient_error(last, TensorShape::sequence(3, 4, 2)) < 1e-8);
}

TEST_CASE("last step rejects inputs of the wrong width", "[nn][last_step]") {
  LastStep<float> last(3);
  CHECK_THROWS_WITH(last.apply(Matrix<float>::Zero(2, 4)),
                    "last step of 3: input has 4 columns, expected time × 3");
  CHECK_THROWS_AS(last.output_shape(TensorShape::features(2, 3)), std::invalid_argument);
  CHECK_THROWS_AS(last.backward(Matrix<float>::Zero(2, 6), Matrix<float>::Zero(2, 3)),
                  std::logic_error);
  CHECK_THROWS_AS(LastStep<float>(0), std::invalid_argument);
}

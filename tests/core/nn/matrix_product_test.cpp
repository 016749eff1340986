#include "descent/nn/matrix_product.hpp"

#include <catch2/catch.hpp>

#include "nn_test_support.hpp"

using descent::Rng;
using descent::nn::add_product;
using descent::nn::add_product_transposed;
using descent::nn::Matrix;
using descent::test::random_matrix;

namespace {

const auto kNormal = [](Rng& rng) { return rng.normal(); };

// C(i, j) + A(i, 0)·B(0, j) + A(i, 1)·B(1, j) + …, one term at a time: the order the kernel
// promises.
template <typename Scalar>
Matrix<Scalar> sequential_product(const Matrix<Scalar>& a, const Matrix<Scalar>& b,
                                  const Matrix<Scalar>& c) {
  Matrix<Scalar> result = c;
  for (Eigen::Index i = 0; i < a.rows(); ++i) {
    for (Eigen::Index j = 0; j < b.cols(); ++j) {
      Scalar sum = c(i, j);
      for (Eigen::Index k = 0; k < a.cols(); ++k) sum = sum + a(i, k) * b(k, j);
      result(i, j) = sum;
    }
  }
  return result;
}

template <typename Scalar>
void check_shapes() {
  Rng rng(7);
  // Row counts around the 2-vector tile and one vector, column counts around the 4-column tile.
  for (const int rows : {1, 2, 3, 4, 5, 8, 9, 10, 17, 32}) {
    for (const int inner : {1, 2, 7}) {
      for (const int columns : {1, 2, 4, 5, 9}) {
        const Matrix<Scalar> a = random_matrix(rows, inner, rng, kNormal).cast<Scalar>();
        const Matrix<Scalar> b = random_matrix(inner, columns, rng, kNormal).cast<Scalar>();
        const Matrix<Scalar> c = random_matrix(rows, columns, rng, kNormal).cast<Scalar>();
        const Matrix<Scalar> expected = sequential_product(a, b, c);
        INFO(rows << "×" << inner << " times " << inner << "×" << columns);
        Matrix<Scalar> product = c;
        add_product(a, b, product);
        CHECK(product == expected);  // bit for bit: the same terms in the same order
        const Matrix<Scalar> b_transposed = b.transpose();
        Matrix<Scalar> transposed_product = c;
        add_product_transposed(a, b_transposed, transposed_product);
        CHECK(transposed_product == expected);
      }
    }
  }
}

}  // namespace

TEST_CASE("add_product adds A·B term by term in k order, for every tile and edge shape", "[nn]") {
  check_shapes<float>();
  check_shapes<double>();
}

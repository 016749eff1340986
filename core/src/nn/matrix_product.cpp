#include "descent/nn/matrix_product.hpp"

#include <cstring>

namespace descent::nn {
namespace {

// A 16-byte SIMD register of Scalar (GCC/Clang vector extension): SSE natively, v128 under
// Emscripten's -msimd128. Arithmetic on it is lane by lane, exactly the scalar operations.
template <typename Scalar>
struct Lanes;
template <>
struct Lanes<float> {
  typedef float Vector __attribute__((vector_size(16)));
};
template <>
struct Lanes<double> {
  typedef double Vector __attribute__((vector_size(16)));
};

template <typename Scalar>
using SimdVector = typename Lanes<Scalar>::Vector;

template <typename Scalar>
constexpr Eigen::Index kLaneCount = sizeof(SimdVector<Scalar>) / sizeof(Scalar);

template <typename Scalar>
SimdVector<Scalar> load(const Scalar* source) {
  SimdVector<Scalar> value;
  std::memcpy(&value, source, sizeof value);  // unaligned load
  return value;
}

template <typename Scalar>
void store(Scalar* target, const SimdVector<Scalar>& value) {
  std::memcpy(target, &value, sizeof value);
}

// The register tile: 2 vectors of rows × 4 columns of C held in registers over the whole k loop
// (Eigen's own tile shape on SSE), so each A vector loaded serves 4 columns and each B value 2
// vectors.
constexpr Eigen::Index kTileColumns = 4;
constexpr Eigen::Index kTileRowVectors = 2;

// C += A·B, where B is `stored` itself or, when transposed, storedᵀ (read in place, no copy). Each
// operand is contiguous column-major storage: A is rows × inner, stored is stored_rows × its
// columns, C is rows × columns.
template <bool transposed, typename Scalar>
void add_product_of(const Scalar* a_data, Eigen::Index rows, Eigen::Index inner,
                    const Scalar* stored_data, Eigen::Index stored_rows, Eigen::Index columns,
                    Scalar* c_data) {
  using Vector = SimdVector<Scalar>;
  constexpr Eigen::Index lanes = kLaneCount<Scalar>;
  constexpr Eigen::Index tile_rows = kTileRowVectors * lanes;
  const Eigen::Index full_rows = rows - rows % tile_rows;
  const Eigen::Index full_columns = columns - columns % kTileColumns;
  const auto b_at = [&](Eigen::Index k, Eigen::Index j) {
    return transposed ? stored_data[j + k * stored_rows] : stored_data[k + j * stored_rows];
  };
  // Column-major: A(i, k) at i + k·rows, C(i, j) at i + j·rows.
  for (Eigen::Index j = 0; j < full_columns; j += kTileColumns) {
    for (Eigen::Index i = 0; i < full_rows; i += tile_rows) {
      Vector sum[kTileRowVectors][kTileColumns];
      for (Eigen::Index v = 0; v < kTileRowVectors; ++v) {
        for (Eigen::Index t = 0; t < kTileColumns; ++t) {
          sum[v][t] = load(c_data + i + v * lanes + (j + t) * rows);
        }
      }
      for (Eigen::Index k = 0; k < inner; ++k) {
        const Vector a0 = load(a_data + i + k * rows);
        const Vector a1 = load(a_data + i + lanes + k * rows);
        for (Eigen::Index t = 0; t < kTileColumns; ++t) {
          const Scalar b_kj = b_at(k, j + t);
          sum[0][t] = sum[0][t] + a0 * b_kj;
          sum[1][t] = sum[1][t] + a1 * b_kj;
        }
      }
      for (Eigen::Index v = 0; v < kTileRowVectors; ++v) {
        for (Eigen::Index t = 0; t < kTileColumns; ++t) {
          store(c_data + i + v * lanes + (j + t) * rows, sum[v][t]);
        }
      }
    }
  }
  // The edges the tiles leave, one entry at a time with the same k order.
  const auto add_entry = [&](Eigen::Index i, Eigen::Index j) {
    Scalar sum = c_data[i + j * rows];
    for (Eigen::Index k = 0; k < inner; ++k) sum = sum + a_data[i + k * rows] * b_at(k, j);
    c_data[i + j * rows] = sum;
  };
  for (Eigen::Index j = 0; j < full_columns; ++j) {
    for (Eigen::Index i = full_rows; i < rows; ++i) add_entry(i, j);
  }
  // Leftover columns (e.g. a one-unit output layer): one vector of rows at a time.
  const Eigen::Index vector_rows = rows - rows % lanes;
  for (Eigen::Index j = full_columns; j < columns; ++j) {
    for (Eigen::Index i = 0; i < vector_rows; i += lanes) {
      Vector sum = load(c_data + i + j * rows);
      for (Eigen::Index k = 0; k < inner; ++k) {
        sum = sum + load(a_data + i + k * rows) * b_at(k, j);
      }
      store(c_data + i + j * rows, sum);
    }
    for (Eigen::Index i = vector_rows; i < rows; ++i) add_entry(i, j);
  }
}

}  // namespace

template <typename Scalar>
void add_product(const Matrix<Scalar>& a, const Matrix<Scalar>& b, Matrix<Scalar>& c) {
  add_product_of<false>(a.data(), a.rows(), a.cols(), b.data(), b.rows(), b.cols(), c.data());
}

template <typename Scalar>
void add_product_transposed(const Matrix<Scalar>& a, const Matrix<Scalar>& b, Matrix<Scalar>& c) {
  add_product_of<true>(a.data(), a.rows(), a.cols(), b.data(), b.rows(), b.rows(), c.data());
}

template <typename Scalar>
void add_product(const ConstMatrixView<Scalar>& a, const ConstMatrixView<Scalar>& b,
                 MatrixView<Scalar> c) {
  add_product_of<false>(a.data(), a.rows(), a.cols(), b.data(), b.rows(), b.cols(), c.data());
}

template <typename Scalar>
void add_product_transposed(const ConstMatrixView<Scalar>& a, const ConstMatrixView<Scalar>& b,
                            MatrixView<Scalar> c) {
  add_product_of<true>(a.data(), a.rows(), a.cols(), b.data(), b.rows(), b.rows(), c.data());
}

template void add_product(const Matrix<float>&, const Matrix<float>&, Matrix<float>&);
template void add_product(const Matrix<double>&, const Matrix<double>&, Matrix<double>&);
template void add_product_transposed(const Matrix<float>&, const Matrix<float>&, Matrix<float>&);
template void add_product_transposed(const Matrix<double>&, const Matrix<double>&, Matrix<double>&);
template void add_product(const ConstMatrixView<float>&, const ConstMatrixView<float>&,
                          MatrixView<float>);
template void add_product(const ConstMatrixView<double>&, const ConstMatrixView<double>&,
                          MatrixView<double>);
template void add_product_transposed(const ConstMatrixView<float>&, const ConstMatrixView<float>&,
                                     MatrixView<float>);
template void add_product_transposed(const ConstMatrixView<double>&, const ConstMatrixView<double>&,
                                     MatrixView<double>);

}  // namespace descent::nn

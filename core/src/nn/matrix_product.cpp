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

// One value every `stride` entries into the lanes (a row of a column-major matrix), and back.
inline SimdVector<float> gather(const float* source, Eigen::Index stride) {
  return SimdVector<float>{source[0], source[stride], source[2 * stride], source[3 * stride]};
}
inline SimdVector<double> gather(const double* source, Eigen::Index stride) {
  return SimdVector<double>{source[0], source[stride]};
}

template <typename Scalar>
void scatter(Scalar* target, Eigen::Index stride, const SimdVector<Scalar>& value) {
  target[0] = value[0];
  target[stride] = value[1];
  if constexpr (kLaneCount<Scalar> == 4) {
    target[2 * stride] = value[2];
    target[3 * stride] = value[3];
  }
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
  // B(k, j..j + lanes) as one vector: contiguous in a transposed B, a row of columns otherwise.
  const auto b_lanes = [&](Eigen::Index k, Eigen::Index j) {
    return transposed ? load(stored_data + j + k * stored_rows)
                      : gather(stored_data + k + j * stored_rows, stored_rows);
  };
  // The rows below the tiles (every row of a one-sample batch): one lane per column, so that the
  // entries' sums advance side by side rather than one dependent chain after another; two vectors
  // (two independent chains) at a time while the columns last.
  for (Eigen::Index i = full_rows; i < rows; ++i) {
    Eigen::Index j = 0;
    for (; j + 2 * lanes <= full_columns; j += 2 * lanes) {
      Vector sum0 = gather(c_data + i + j * rows, rows);
      Vector sum1 = gather(c_data + i + (j + lanes) * rows, rows);
      for (Eigen::Index k = 0; k < inner; ++k) {
        const Scalar a_ik = a_data[i + k * rows];
        sum0 = sum0 + a_ik * b_lanes(k, j);
        sum1 = sum1 + a_ik * b_lanes(k, j + lanes);
      }
      scatter(c_data + i + j * rows, rows, sum0);
      scatter(c_data + i + (j + lanes) * rows, rows, sum1);
    }
    for (; j < full_columns; j += lanes) {
      Vector sum = gather(c_data + i + j * rows, rows);
      for (Eigen::Index k = 0; k < inner; ++k) sum = sum + a_data[i + k * rows] * b_lanes(k, j);
      scatter(c_data + i + j * rows, rows, sum);
    }
  }
  // Leftover columns (e.g. a one-unit output layer): down the rows two vectors at a time, then one,
  // then entry by entry, each with the same k order.
  const auto add_entry = [&](Eigen::Index i, Eigen::Index j) {
    Scalar sum = c_data[i + j * rows];
    for (Eigen::Index k = 0; k < inner; ++k) sum = sum + a_data[i + k * rows] * b_at(k, j);
    c_data[i + j * rows] = sum;
  };
  const Eigen::Index vector_rows = rows - rows % lanes;
  for (Eigen::Index j = full_columns; j < columns; ++j) {
    Scalar* c_column = c_data + j * rows;
    Eigen::Index i = 0;
    for (; i < full_rows; i += tile_rows) {
      Vector sum0 = load(c_column + i);
      Vector sum1 = load(c_column + i + lanes);
      for (Eigen::Index k = 0; k < inner; ++k) {
        const Scalar b_kj = b_at(k, j);
        sum0 = sum0 + load(a_data + i + k * rows) * b_kj;
        sum1 = sum1 + load(a_data + i + lanes + k * rows) * b_kj;
      }
      store(c_column + i, sum0);
      store(c_column + i + lanes, sum1);
    }
    for (; i < vector_rows; i += lanes) {
      Vector sum = load(c_column + i);
      for (Eigen::Index k = 0; k < inner; ++k) {
        sum = sum + load(a_data + i + k * rows) * b_at(k, j);
      }
      store(c_column + i, sum);
    }
    for (; i < rows; ++i) add_entry(i, j);
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

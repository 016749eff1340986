#pragma once
// The dense layer's matrix products (X·W + b, Xᵀ·∂L/∂z, ∂L/∂z·Wᵀ) as one kernel, C += A·B, written
// as column "axpy" loops that the compiler vectorises across rows — SSE natively, WebAssembly SIMD
// under Emscripten — without reordering any sum. Why not Eigen's product: Eigen has no WebAssembly
// SIMD code path, so its blocked kernel runs scalar there (3× slower than native, measured with
// build-scripts/bench.sh); and this kernel adds each output entry's terms in one fixed order
// (k = 0, 1, 2, …) on every platform, so native and WebAssembly training agree bit for bit.
#include "descent/nn/tensor.hpp"

namespace descent::nn {

// C += A·B, with C(i, j) accumulating A(i, k)·B(k, j) for k = 0, 1, … in order. Precondition:
// A.cols() == B.rows(), C is A.rows() × B.cols(), and C aliases neither A nor B.
template <typename Scalar>
void add_product(const Matrix<Scalar>& a, const Matrix<Scalar>& b, Matrix<Scalar>& c);

// C += A·Bᵀ in the same order, reading B in place (∂L/∂z·Wᵀ without a transposed copy of W).
// Precondition: A.cols() == B.cols(), C is A.rows() × B.rows(), and C aliases neither A nor B.
template <typename Scalar>
void add_product_transposed(const Matrix<Scalar>& a, const Matrix<Scalar>& b, Matrix<Scalar>& c);

// The same on views of contiguous column-major storage (a convolution's per-group slices of its
// workspaces and weights), with the same order of terms.
template <typename Scalar>
using ConstMatrixView = Eigen::Map<const Matrix<Scalar>>;
template <typename Scalar>
using MatrixView = Eigen::Map<Matrix<Scalar>>;
template <typename Scalar>
void add_product(const ConstMatrixView<Scalar>& a, const ConstMatrixView<Scalar>& b,
                 MatrixView<Scalar> c);
template <typename Scalar>
void add_product_transposed(const ConstMatrixView<Scalar>& a, const ConstMatrixView<Scalar>& b,
                            MatrixView<Scalar> c);

extern template void add_product(const Matrix<float>&, const Matrix<float>&, Matrix<float>&);
extern template void add_product(const Matrix<double>&, const Matrix<double>&, Matrix<double>&);
extern template void add_product_transposed(const Matrix<float>&, const Matrix<float>&,
                                            Matrix<float>&);
extern template void add_product_transposed(const Matrix<double>&, const Matrix<double>&,
                                            Matrix<double>&);
extern template void add_product(const ConstMatrixView<float>&, const ConstMatrixView<float>&,
                                 MatrixView<float>);
extern template void add_product(const ConstMatrixView<double>&, const ConstMatrixView<double>&,
                                 MatrixView<double>);
extern template void add_product_transposed(const ConstMatrixView<float>&,
                                            const ConstMatrixView<float>&, MatrixView<float>);
extern template void add_product_transposed(const ConstMatrixView<double>&,
                                            const ConstMatrixView<double>&, MatrixView<double>);

}  // namespace descent::nn

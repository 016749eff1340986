#include "descent/nn/step_projection.hpp"

#include "descent/nn/matrix_product.hpp"

namespace descent::nn {

template <typename Scalar>
void project_steps(const Matrix<Scalar>& input, const Matrix<Scalar>& weights,
                   Matrix<Scalar>& output) {
  const Eigen::Index batch = input.rows(), in = weights.rows(), out = weights.cols();
  const Eigen::Index time = input.cols() / in;
  output.setZero(batch, time * out);
  const ConstMatrixView<Scalar> weight_view(weights.data(), in, out);
  for (Eigen::Index t = 0; t < time; ++t) {
    add_product(ConstMatrixView<Scalar>(input.data() + t * in * batch, batch, in), weight_view,
                MatrixView<Scalar>(output.data() + t * out * batch, batch, out));
  }
}

template <typename Scalar>
void project_steps_backward(const Matrix<Scalar>& input, const Matrix<Scalar>& weights,
                            const Matrix<Scalar>& grad_output, Matrix<Scalar>& transposed_step,
                            Matrix<Scalar>& weight_gradient, Matrix<Scalar>* grad_input) {
  const Eigen::Index batch = input.rows(), in = weights.rows(), out = weights.cols();
  const Eigen::Index time = input.cols() / in;
  const ConstMatrixView<Scalar> weight_view(weights.data(), in, out);
  transposed_step.resize(in, batch);
  for (Eigen::Index t = 0; t < time; ++t) {
    const ConstMatrixView<Scalar> step_gradient(grad_output.data() + t * out * batch, batch, out);
    transposed_step.noalias() =
        ConstMatrixView<Scalar>(input.data() + t * in * batch, batch, in).transpose();
    add_product(ConstMatrixView<Scalar>(transposed_step.data(), in, batch), step_gradient,
                MatrixView<Scalar>(weight_gradient.data(), in, out));
    if (grad_input != nullptr) {
      add_product_transposed(step_gradient, weight_view,
                             MatrixView<Scalar>(grad_input->data() + t * in * batch, batch, in));
    }
  }
}

#define DESCENT_STEP_PROJECTION(Scalar)                                                         \
  template void project_steps(const Matrix<Scalar>&, const Matrix<Scalar>&, Matrix<Scalar>&);   \
  template void project_steps_backward(const Matrix<Scalar>&, const Matrix<Scalar>&,            \
                                       const Matrix<Scalar>&, Matrix<Scalar>&, Matrix<Scalar>&, \
                                       Matrix<Scalar>*);
DESCENT_STEP_PROJECTION(float)
DESCENT_STEP_PROJECTION(double)
#undef DESCENT_STEP_PROJECTION

}  // namespace descent::nn

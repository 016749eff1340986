#include "descent/nn/time_distributed_dense.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "descent/nn/matrix_product.hpp"
#include "descent/nn/shape_checked.hpp"

namespace descent::nn {
template <typename Scalar>
TimeDistributedDense<Scalar>::TimeDistributedDense(int fan_in, int fan_out,
                                                   const Initializer& initializer, Rng& rng) {
  // initialize_weights validates the fans and the initializer.
  weights_ = initialize_weights<Scalar>(initializer, fan_in, fan_out, rng);
  bias_ = RowVector<Scalar>::Zero(fan_out);
  weight_gradient_ = Matrix<Scalar>::Zero(fan_in, fan_out);
  bias_gradient_ = RowVector<Scalar>::Zero(fan_out);
}

template <typename Scalar>
void TimeDistributedDense<Scalar>::set_weights(const Matrix<Scalar>& weights) {
  assign_same_shape(name(), "weights", weights_, weights);
}

template <typename Scalar>
void TimeDistributedDense<Scalar>::set_bias(const RowVector<Scalar>& bias) {
  assign_same_shape(name(), "bias", bias_, bias);
}

template <typename Scalar>
std::unique_ptr<Module<Scalar>> TimeDistributedDense<Scalar>::clone() const {
  return std::make_unique<TimeDistributedDense>(*this);
}

template <typename Scalar>
std::string TimeDistributedDense<Scalar>::name() const {
  return "time-distributed dense " + std::to_string(fan_in()) + "→" + std::to_string(fan_out());
}

template <typename Scalar>
TensorShape TimeDistributedDense<Scalar>::output_shape(const TensorShape& input) const {
  if (input.layout() != TensorLayout::kSequence || input.features() != fan_in()) {
    throw std::invalid_argument(
        shape_mismatch(name(), input, "(batch, time, features " + std::to_string(fan_in()) + ")"));
  }
  return TensorShape::sequence(input.batch(), input.time(), fan_out());
}

template <typename Scalar>
Eigen::Index TimeDistributedDense<Scalar>::time_of(const Matrix<Scalar>& input) const {
  if (input.cols() < fan_in() || input.cols() % fan_in() != 0) {
    throw std::invalid_argument(name() + ": input has " + std::to_string(input.cols()) +
                                " columns, expected time × " + std::to_string(fan_in()) +
                                " (one row per sample, step t in columns t·" +
                                std::to_string(fan_in()) + " onwards)");
  }
  return input.cols() / fan_in();
}

template <typename Scalar>
void TimeDistributedDense<Scalar>::compute_output(const Matrix<Scalar>& input,
                                                  Matrix<Scalar>& output) const {
  const Eigen::Index batch = input.rows(), time = time_of(input);
  const Eigen::Index in = fan_in(), out = fan_out();
  output.resize(batch, time * out);
  for (Eigen::Index column = 0; column < time * out; ++column) {
    Scalar* const target = output.data() + column * batch;
    std::fill(target, target + batch, bias_[column % out]);
  }
  const ConstMatrixView<Scalar> weights(weights_.data(), in, out);
  for (Eigen::Index t = 0; t < time; ++t) {
    add_product(ConstMatrixView<Scalar>(input.data() + t * in * batch, batch, in), weights,
                MatrixView<Scalar>(output.data() + t * out * batch, batch, out));
  }
}

template <typename Scalar>
Matrix<Scalar> TimeDistributedDense<Scalar>::apply(const Matrix<Scalar>& input) const {
  Matrix<Scalar> output;
  compute_output(input, output);
  return output;
}

template <typename Scalar>
const Matrix<Scalar>& TimeDistributedDense<Scalar>::forward(const Matrix<Scalar>& input, Mode,
                                                            Rng&) {
  compute_output(input, output_);
  return output_;
}

template <typename Scalar>
void TimeDistributedDense<Scalar>::add_parameter_gradients(const Matrix<Scalar>& input,
                                                           const Matrix<Scalar>& grad_output) {
  if (output_.size() == 0) throw std::logic_error(name() + ": backward() before forward()");
  require_gradient_shape("time-distributed dense", output_, grad_output);
  const Eigen::Index batch = input.rows(), time = time_of(input);
  const Eigen::Index in = fan_in(), out = fan_out();
  if (batch != output_.rows() || time * out != output_.cols()) {
    throw std::invalid_argument(name() + ": backward() needs the last forward()'s input");
  }
  transposed_step_.resize(in, batch);
  for (Eigen::Index t = 0; t < time; ++t) {
    const ConstMatrixView<Scalar> step_gradient(grad_output.data() + t * out * batch, batch, out);
    transposed_step_.noalias() =
        ConstMatrixView<Scalar>(input.data() + t * in * batch, batch, in).transpose();
    add_product(ConstMatrixView<Scalar>(transposed_step_.data(), in, batch), step_gradient,
                MatrixView<Scalar>(weight_gradient_.data(), in, out));
    bias_gradient_ += step_gradient.colwise().sum();
  }
}

template <typename Scalar>
const Matrix<Scalar>& TimeDistributedDense<Scalar>::backward(const Matrix<Scalar>& input,
                                                             const Matrix<Scalar>& grad_output) {
  add_parameter_gradients(input, grad_output);
  const Eigen::Index batch = input.rows(), time = input.cols() / fan_in();
  const Eigen::Index in = fan_in(), out = fan_out();
  grad_input_.setZero(batch, time * in);
  const ConstMatrixView<Scalar> weights(weights_.data(), in, out);
  for (Eigen::Index t = 0; t < time; ++t) {
    add_product_transposed(
        ConstMatrixView<Scalar>(grad_output.data() + t * out * batch, batch, out), weights,
        MatrixView<Scalar>(grad_input_.data() + t * in * batch, batch, in));
  }
  return grad_input_;
}

template <typename Scalar>
void TimeDistributedDense<Scalar>::accumulate_parameter_gradients(
    const Matrix<Scalar>& input, const Matrix<Scalar>& grad_output) {
  add_parameter_gradients(input, grad_output);
}

template <typename Scalar>
void TimeDistributedDense<Scalar>::zero_gradients() {
  weight_gradient_.setZero();
  bias_gradient_.setZero();
}

template <typename Scalar>
ParameterBlock<Scalar> TimeDistributedDense<Scalar>::parameter_block(int index) {
  if (index == 0) {
    return {weights_.data(), weight_gradient_.data(), weights_.rows(), weights_.cols()};
  }
  if (index == 1) return {bias_.data(), bias_gradient_.data(), 1, bias_.cols()};
  return Module<Scalar>::parameter_block(index);
}

template <typename Scalar>
std::optional<GradientNorms> TimeDistributedDense<Scalar>::gradient_norms() const {
  return GradientNorms{static_cast<double>(weights_.norm()),
                       static_cast<double>(weight_gradient_.norm()),
                       static_cast<double>(bias_gradient_.norm())};
}

template class TimeDistributedDense<float>;
template class TimeDistributedDense<double>;

}  // namespace descent::nn

#include "descent/nn/last_step.hpp"

#include <stdexcept>

namespace descent::nn {

template <typename Scalar>
LastStep<Scalar>::LastStep(int features) : features_(features) {
  if (features < 1) {
    throw std::invalid_argument("last step: features must be ≥ 1, got " + std::to_string(features));
  }
}

template <typename Scalar>
std::unique_ptr<Module<Scalar>> LastStep<Scalar>::clone() const {
  return std::make_unique<LastStep>(*this);
}

template <typename Scalar>
std::string LastStep<Scalar>::name() const {
  return "last step of " + std::to_string(features_);
}

template <typename Scalar>
TensorShape LastStep<Scalar>::output_shape(const TensorShape& input) const {
  if (input.layout() != TensorLayout::kSequence || input.features() != features_) {
    throw std::invalid_argument(
        shape_mismatch(name(), input, "(batch, time, features " + std::to_string(features_) + ")"));
  }
  return TensorShape::features(input.batch(), features_);
}

template <typename Scalar>
void LastStep<Scalar>::require_columns(const Matrix<Scalar>& input) const {
  if (input.cols() >= features_ && input.cols() % features_ == 0) return;
  throw std::invalid_argument(name() + ": input has " + std::to_string(input.cols()) +
                              " columns, expected time × " + std::to_string(features_));
}

template <typename Scalar>
Matrix<Scalar> LastStep<Scalar>::apply(const Matrix<Scalar>& input) const {
  require_columns(input);
  return input.rightCols(features_);
}

template <typename Scalar>
const Matrix<Scalar>& LastStep<Scalar>::forward(const Matrix<Scalar>& input, Mode, Rng&) {
  require_columns(input);
  output_ = input.rightCols(features_);
  has_forward_ = true;
  return output_;
}

template <typename Scalar>
const Matrix<Scalar>& LastStep<Scalar>::backward(const Matrix<Scalar>& input,
                                                 const Matrix<Scalar>& grad_output) {
  if (!has_forward_) throw std::logic_error(name() + ": backward() before forward()");
  require_gradient_shape("last step", output_, grad_output);
  require_columns(input);
  grad_input_.setZero(input.rows(), input.cols());
  grad_input_.rightCols(features_) = grad_output;
  return grad_input_;
}

template class LastStep<float>;
template class LastStep<double>;

}  // namespace descent::nn

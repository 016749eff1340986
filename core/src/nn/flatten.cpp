#include "descent/nn/flatten.hpp"

#include <stdexcept>

namespace descent::nn {

template <typename Scalar>
std::unique_ptr<Module<Scalar>> Flatten<Scalar>::clone() const {
  return std::make_unique<Flatten>(*this);
}

template <typename Scalar>
std::string Flatten<Scalar>::name() const {
  return "flatten";
}

template <typename Scalar>
TensorShape Flatten<Scalar>::output_shape(const TensorShape& input) const {
  return TensorShape::features(input.batch(), input.sample_size());
}

// Copies into kept buffers rather than aliasing the input: output() must outlive the caller's
// input, and an assignment of the same size reuses the storage.
template <typename Scalar>
const Matrix<Scalar>& Flatten<Scalar>::forward(const Matrix<Scalar>& input, Mode, Rng&) {
  output_ = input;
  has_forward_ = true;
  return output_;
}

template <typename Scalar>
const Matrix<Scalar>& Flatten<Scalar>::backward(const Matrix<Scalar>&,
                                                const Matrix<Scalar>& grad_output) {
  if (!has_forward_) throw std::logic_error("flatten: backward() before forward()");
  require_gradient_shape("flatten", output_, grad_output);
  grad_input_ = grad_output;
  return grad_input_;
}

template class Flatten<float>;
template class Flatten<double>;

}  // namespace descent::nn

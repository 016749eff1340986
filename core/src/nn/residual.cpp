#include "descent/nn/residual.hpp"

#include <stdexcept>
#include <utility>

namespace descent::nn {

template <typename Scalar>
Residual<Scalar>::Residual(std::unique_ptr<Module<Scalar>> inner) : inner_(std::move(inner)) {
  if (!inner_) throw std::invalid_argument("residual: the wrapped module is null");
}

template <typename Scalar>
Residual<Scalar>::Residual(const Residual& other)
    : Module<Scalar>(other),
      inner_(other.inner_->clone()),
      output_(other.output_),
      grad_input_(other.grad_input_) {}

template <typename Scalar>
Residual<Scalar>& Residual<Scalar>::operator=(const Residual& other) {
  if (this != &other) {
    inner_ = other.inner_->clone();
    output_ = other.output_;
    grad_input_ = other.grad_input_;
  }
  return *this;
}

template <typename Scalar>
std::unique_ptr<Module<Scalar>> Residual<Scalar>::clone() const {
  return std::make_unique<Residual>(*this);
}

template <typename Scalar>
std::string Residual<Scalar>::name() const {
  return "residual(" + inner_->name() + ")";
}

template <typename Scalar>
TensorShape Residual<Scalar>::output_shape(const TensorShape& input) const {
  const TensorShape inner_shape = inner_->output_shape(input);
  if (inner_shape != input) {
    throw std::invalid_argument("residual: the wrapped modules map " + input.to_string() + " to " +
                                inner_shape.to_string() +
                                ", but the skip connection adds the input, so they must keep it");
  }
  return input;
}

template <typename Scalar>
Matrix<Scalar> Residual<Scalar>::apply(const Matrix<Scalar>& input) const {
  Matrix<Scalar> result = inner_->apply(input);
  result += input;
  return result;
}

template <typename Scalar>
const Matrix<Scalar>& Residual<Scalar>::forward(const Matrix<Scalar>& input, Mode mode, Rng& rng) {
  output_ = inner_->forward(input, mode, rng) + input;
  return output_;
}

template <typename Scalar>
const Matrix<Scalar>& Residual<Scalar>::backward(const Matrix<Scalar>& input,
                                                 const Matrix<Scalar>& grad_output) {
  // The skip path passes ∂L/∂y to x unchanged.
  grad_input_ = inner_->backward(input, grad_output) + grad_output;
  return grad_input_;
}

template <typename Scalar>
void Residual<Scalar>::accumulate_parameter_gradients(const Matrix<Scalar>& input,
                                                      const Matrix<Scalar>& grad_output) {
  inner_->accumulate_parameter_gradients(input, grad_output);
}

template <typename Scalar>
Module<Scalar>* Residual<Scalar>::child(int index) {
  if (index != 0) return Module<Scalar>::child(index);
  return inner_.get();
}

template class Residual<float>;
template class Residual<double>;

}  // namespace descent::nn

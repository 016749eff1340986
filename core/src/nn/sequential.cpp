#include "descent/nn/sequential.hpp"

#include <stdexcept>
#include <utility>

namespace descent::nn {

template <typename Scalar>
Sequential<Scalar>::Sequential(const Sequential& other) : Module<Scalar>(other) {
  modules_.reserve(other.modules_.size());
  for (const auto& module : other.modules_) modules_.push_back(module->clone());
}

template <typename Scalar>
Sequential<Scalar>& Sequential<Scalar>::operator=(const Sequential& other) {
  if (this != &other) {
    Sequential copy(other);
    *this = std::move(copy);
  }
  return *this;
}

template <typename Scalar>
void Sequential<Scalar>::add(std::unique_ptr<Module<Scalar>> module) {
  if (!module) throw std::invalid_argument("sequential: cannot add a null module");
  modules_.push_back(std::move(module));
}

template <typename Scalar>
std::unique_ptr<Module<Scalar>> Sequential<Scalar>::clone() const {
  return std::make_unique<Sequential>(*this);
}

template <typename Scalar>
std::string Sequential<Scalar>::name() const {
  std::string names;
  for (const auto& module : modules_) names += (names.empty() ? "" : ", ") + module->name();
  return "sequential(" + names + ")";
}

template <typename Scalar>
TensorShape Sequential<Scalar>::output_shape(const TensorShape& input) const {
  TensorShape shape = input;
  for (const auto& module : modules_) shape = module->output_shape(shape);
  return shape;
}

template <typename Scalar>
Matrix<Scalar> Sequential<Scalar>::apply(const Matrix<Scalar>& input) const {
  if (modules_.empty()) return input;
  Matrix<Scalar> current = modules_.front()->apply(input);
  for (std::size_t index = 1; index < modules_.size(); ++index) {
    current = modules_[index]->apply(current);
  }
  return current;
}

template <typename Scalar>
void Sequential<Scalar>::require_modules() const {
  if (modules_.empty()) throw std::logic_error("sequential: no modules to run");
}

template <typename Scalar>
const Matrix<Scalar>& Sequential<Scalar>::forward(const Matrix<Scalar>& input, Mode mode,
                                                  Rng& rng) {
  require_modules();
  // References into the modules' buffers rather than copies: each value lives where it was
  // computed.
  const Matrix<Scalar>* current = &input;
  for (const auto& module : modules_) current = &module->forward(*current, mode, rng);
  return *current;
}

template <typename Scalar>
const Matrix<Scalar>& Sequential<Scalar>::output() const {
  require_modules();
  return modules_.back()->output();
}

template <typename Scalar>
const Matrix<Scalar>& Sequential<Scalar>::backward_to_first(const Matrix<Scalar>& grad_output) {
  require_modules();
  const Matrix<Scalar>* grad = &grad_output;
  for (std::size_t index = modules_.size() - 1; index > 0; --index) {
    grad = &modules_[index]->backward(modules_[index - 1]->output(), *grad);
  }
  return *grad;
}

template <typename Scalar>
const Matrix<Scalar>& Sequential<Scalar>::backward(const Matrix<Scalar>& input,
                                                   const Matrix<Scalar>& grad_output) {
  const Matrix<Scalar>& grad = backward_to_first(grad_output);
  return modules_.front()->backward(input, grad);
}

template <typename Scalar>
void Sequential<Scalar>::accumulate_parameter_gradients(const Matrix<Scalar>& input,
                                                        const Matrix<Scalar>& grad_output) {
  const Matrix<Scalar>& grad = backward_to_first(grad_output);
  modules_.front()->accumulate_parameter_gradients(input, grad);
}

template <typename Scalar>
void Sequential<Scalar>::accumulate_parameter_gradients_from(int first, const Matrix<Scalar>& input,
                                                             const Matrix<Scalar>& grad_output) {
  require_modules();
  if (first <= 0) return accumulate_parameter_gradients(input, grad_output);
  const std::size_t start = static_cast<std::size_t>(first);
  const Matrix<Scalar>* grad = &grad_output;
  for (std::size_t index = modules_.size() - 1; index > start; --index) {
    grad = &modules_[index]->backward(modules_[index - 1]->output(), *grad);
  }
  modules_[start]->accumulate_parameter_gradients(modules_[start - 1]->output(), *grad);
}

template <typename Scalar>
void Sequential<Scalar>::zero_gradients() {
  for (const auto& module : modules_) module->zero_gradients();
}

template class Sequential<float>;
template class Sequential<double>;

}  // namespace descent::nn

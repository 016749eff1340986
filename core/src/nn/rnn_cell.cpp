#include "descent/nn/rnn_cell.hpp"

#include "descent/nn/activation.hpp"

namespace descent::nn {

template <typename Scalar>
void RnnCell::forward(const RecurrentStep<Scalar>& step) {
  const Eigen::Index count = step.batch * step.hidden;
  for (Eigen::Index k = 0; k < count; ++k) {
    step.hidden_state[k] = step.input_part[k] + step.hidden_part[k];
  }
  tanh_in_place(step.hidden_state, count);
}

template <typename Scalar>
void RnnCell::backward(const RecurrentStep<Scalar>& step,
                       const RecurrentStepGradient<Scalar>& gradient) {
  const Eigen::Index count = step.batch * step.hidden;
  for (Eigen::Index k = 0; k < count; ++k) {
    const Scalar h = step.hidden_state[k];
    const Scalar pre = gradient.hidden[k] * (Scalar(1) - h * h);
    gradient.input_part[k] = pre;
    gradient.hidden_part[k] = pre;
  }
}

template void RnnCell::forward(const RecurrentStep<float>&);
template void RnnCell::forward(const RecurrentStep<double>&);
template void RnnCell::backward(const RecurrentStep<float>&, const RecurrentStepGradient<float>&);
template void RnnCell::backward(const RecurrentStep<double>&, const RecurrentStepGradient<double>&);

}  // namespace descent::nn

#include "descent/nn/lstm_cell.hpp"

#include "descent/nn/activation.hpp"

namespace descent::nn {

template <typename Scalar>
void LstmCell::forward(const RecurrentStep<Scalar>& step) {
  const Eigen::Index count = step.batch * step.hidden;
  Scalar* const input = step.cache;
  Scalar* const forget = input + count;
  Scalar* const candidate = forget + count;
  Scalar* const output = candidate + count;
  Scalar* const squashed_cell = output + count;
  for (Eigen::Index k = 0; k < 4 * count; ++k) {
    step.cache[k] = step.input_part[k] + step.hidden_part[k];
  }
  for (Eigen::Index k = 0; k < 2 * count; ++k) input[k] = stable_sigmoid(input[k]);
  tanh_in_place(candidate, count);
  for (Eigen::Index k = 0; k < count; ++k) output[k] = stable_sigmoid(output[k]);
  for (Eigen::Index k = 0; k < count; ++k) {
    const Scalar cell = forget[k] * step.previous_cell[k] + input[k] * candidate[k];
    step.cell_state[k] = cell;
    squashed_cell[k] = cell;
  }
  tanh_in_place(squashed_cell, count);
  for (Eigen::Index k = 0; k < count; ++k) step.hidden_state[k] = output[k] * squashed_cell[k];
}

template <typename Scalar>
void LstmCell::backward(const RecurrentStep<Scalar>& step,
                        const RecurrentStepGradient<Scalar>& gradient) {
  const Eigen::Index count = step.batch * step.hidden;
  const Scalar* const input = step.cache;
  const Scalar* const forget = input + count;
  const Scalar* const candidate = forget + count;
  const Scalar* const output = candidate + count;
  const Scalar* const squashed_cell = output + count;
  const Scalar one(1);
  for (Eigen::Index k = 0; k < count; ++k) {
    const Scalar grad_hidden = gradient.hidden[k];
    const Scalar grad_cell =
        gradient.cell[k] + grad_hidden * output[k] * (one - squashed_cell[k] * squashed_cell[k]);
    const Scalar grad_input = grad_cell * candidate[k] * input[k] * (one - input[k]);
    const Scalar grad_forget = grad_cell * step.previous_cell[k] * forget[k] * (one - forget[k]);
    const Scalar grad_candidate = grad_cell * input[k] * (one - candidate[k] * candidate[k]);
    const Scalar grad_output = grad_hidden * squashed_cell[k] * output[k] * (one - output[k]);
    gradient.cell[k] = grad_cell * forget[k];
    Scalar* const targets[2] = {gradient.input_part, gradient.hidden_part};
    for (Scalar* target : targets) {
      target[k] = grad_input;
      target[count + k] = grad_forget;
      target[2 * count + k] = grad_candidate;
      target[3 * count + k] = grad_output;
    }
  }
}

template void LstmCell::forward(const RecurrentStep<float>&);
template void LstmCell::forward(const RecurrentStep<double>&);
template void LstmCell::backward(const RecurrentStep<float>&, const RecurrentStepGradient<float>&);
template void LstmCell::backward(const RecurrentStep<double>&,
                                 const RecurrentStepGradient<double>&);

}  // namespace descent::nn

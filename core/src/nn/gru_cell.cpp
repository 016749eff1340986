#include "descent/nn/gru_cell.hpp"

#include "descent/nn/activation.hpp"

namespace descent::nn {

template <typename Scalar>
void GruCell::forward(const RecurrentStep<Scalar>& step) {
  const Eigen::Index count = step.batch * step.hidden;
  Scalar* const reset = step.cache;
  Scalar* const update = reset + count;
  Scalar* const candidate = update + count;
  Scalar* const hidden_candidate = candidate + count;
  for (Eigen::Index k = 0; k < 2 * count; ++k) {
    reset[k] = stable_sigmoid(step.input_part[k] + step.hidden_part[k]);
  }
  for (Eigen::Index k = 0; k < count; ++k) {
    hidden_candidate[k] = step.hidden_part[2 * count + k];
    candidate[k] = step.input_part[2 * count + k] + reset[k] * hidden_candidate[k];
  }
  tanh_in_place(candidate, count);
  for (Eigen::Index k = 0; k < count; ++k) {
    step.hidden_state[k] =
        (Scalar(1) - update[k]) * candidate[k] + update[k] * step.previous_hidden[k];
  }
}

template <typename Scalar>
void GruCell::backward(const RecurrentStep<Scalar>& step,
                       const RecurrentStepGradient<Scalar>& gradient) {
  const Eigen::Index count = step.batch * step.hidden;
  const Scalar* const reset = step.cache;
  const Scalar* const update = reset + count;
  const Scalar* const candidate = update + count;
  const Scalar* const hidden_candidate = candidate + count;
  const Scalar one(1);
  for (Eigen::Index k = 0; k < count; ++k) {
    const Scalar grad_hidden = gradient.hidden[k];
    const Scalar grad_candidate =
        grad_hidden * (one - update[k]) * (one - candidate[k] * candidate[k]);
    const Scalar grad_update =
        grad_hidden * (step.previous_hidden[k] - candidate[k]) * update[k] * (one - update[k]);
    const Scalar grad_reset = grad_candidate * hidden_candidate[k] * reset[k] * (one - reset[k]);
    gradient.previous_hidden[k] = grad_hidden * update[k];
    gradient.input_part[k] = grad_reset;
    gradient.input_part[count + k] = grad_update;
    gradient.input_part[2 * count + k] = grad_candidate;
    gradient.hidden_part[k] = grad_reset;
    gradient.hidden_part[count + k] = grad_update;
    gradient.hidden_part[2 * count + k] = grad_candidate * reset[k];
  }
}

template void GruCell::forward(const RecurrentStep<float>&);
template void GruCell::forward(const RecurrentStep<double>&);
template void GruCell::backward(const RecurrentStep<float>&, const RecurrentStepGradient<float>&);
template void GruCell::backward(const RecurrentStep<double>&, const RecurrentStepGradient<double>&);

}  // namespace descent::nn

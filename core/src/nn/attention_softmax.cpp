#include "descent/nn/attention_softmax.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "descent/math/messages.hpp"

namespace descent::nn {

template <typename Scalar>
std::string check_attention_mask(const Matrix<Scalar>& mask, Eigen::Index batch,
                                 Eigen::Index memory_steps) {
  if (mask.size() == 0) return "";
  if (mask.rows() != batch || mask.cols() != memory_steps) {
    return "the padding mask is " + std::to_string(mask.rows()) + " × " +
           std::to_string(mask.cols()) + ", expected batch × encoder steps (" +
           std::to_string(batch) + " × " + std::to_string(memory_steps) + ") or empty";
  }
  for (Eigen::Index n = 0; n < batch; ++n) {
    bool any_step = false;
    for (Eigen::Index s = 0; s < memory_steps; ++s) {
      const Scalar value = mask(n, s);
      if (value != Scalar(0) && value != Scalar(1)) {
        return "padding mask entries must be 0 or 1, got " +
               format_number(static_cast<double>(value)) + " at sample " + std::to_string(n) +
               ", step " + std::to_string(s);
      }
      any_step = any_step || value == Scalar(1);
    }
    if (!any_step) {
      return "sample " + std::to_string(n) +
             " has every encoder step masked: there is nothing to attend to";
    }
  }
  return "";
}

template <typename Scalar>
void masked_softmax_in_place(Matrix<Scalar>& scores, Eigen::Index query_steps,
                             Eigen::Index memory_steps, const Matrix<Scalar>& mask) {
  const Eigen::Index batch = scores.rows();
  const bool masked = mask.size() != 0;
  for (Eigen::Index t = 0; t < query_steps; ++t) {
    Scalar* const row = scores.data() + t * memory_steps * batch;  // (·, t, s) at row + s·batch
    for (Eigen::Index n = 0; n < batch; ++n) {
      Scalar largest = -std::numeric_limits<Scalar>::infinity();
      for (Eigen::Index s = 0; s < memory_steps; ++s) {
        if (!masked || mask(n, s) != Scalar(0)) largest = std::max(largest, row[s * batch + n]);
      }
      Scalar sum(0);
      for (Eigen::Index s = 0; s < memory_steps; ++s) {
        Scalar& value = row[s * batch + n];
        value = !masked || mask(n, s) != Scalar(0) ? std::exp(value - largest) : Scalar(0);
        sum += value;
      }
      const Scalar reciprocal = Scalar(1) / sum;
      for (Eigen::Index s = 0; s < memory_steps; ++s) row[s * batch + n] *= reciprocal;
    }
  }
}

template <typename Scalar>
void masked_softmax_backward_in_place(const Matrix<Scalar>& weights, Matrix<Scalar>& gradient,
                                      Eigen::Index query_steps, Eigen::Index memory_steps) {
  const Eigen::Index batch = weights.rows();
  for (Eigen::Index t = 0; t < query_steps; ++t) {
    const Scalar* const alpha = weights.data() + t * memory_steps * batch;
    Scalar* const grad = gradient.data() + t * memory_steps * batch;
    for (Eigen::Index n = 0; n < batch; ++n) {
      Scalar weighted(0);
      for (Eigen::Index s = 0; s < memory_steps; ++s) {
        weighted += alpha[s * batch + n] * grad[s * batch + n];
      }
      for (Eigen::Index s = 0; s < memory_steps; ++s) {
        const Eigen::Index k = s * batch + n;
        grad[k] = alpha[k] * (grad[k] - weighted);
      }
    }
  }
}

#define DESCENT_ATTENTION_SOFTMAX(Scalar)                                                       \
  template std::string check_attention_mask(const Matrix<Scalar>&, Eigen::Index, Eigen::Index); \
  template void masked_softmax_in_place(Matrix<Scalar>&, Eigen::Index, Eigen::Index,            \
                                        const Matrix<Scalar>&);                                 \
  template void masked_softmax_backward_in_place(const Matrix<Scalar>&, Matrix<Scalar>&,        \
                                                 Eigen::Index, Eigen::Index);
DESCENT_ATTENTION_SOFTMAX(float)
DESCENT_ATTENTION_SOFTMAX(double)
#undef DESCENT_ATTENTION_SOFTMAX

}  // namespace descent::nn

#include "descent/sims/lr/linear_scaling.hpp"

#include <cmath>
#include <stdexcept>

#include "descent/math/messages.hpp"

namespace descent {

std::string validate_linear_scaling(double base_lr, int base_batch, int new_batch) {
  if (!std::isfinite(base_lr) || base_lr <= 0.0) {
    return "linear scaling: the base learning rate must be a number > 0, got " +
           format_number(base_lr);
  }
  return first_message(
      {check_range("linear scaling", "base batch size", base_batch, 1, kMaxScalingBatchSize),
       check_range("linear scaling", "new batch size", new_batch, 1, kMaxScalingBatchSize)});
}

LinearScaling linear_scaling(double base_lr, int base_batch, int new_batch) {
  if (auto message = validate_linear_scaling(base_lr, base_batch, new_batch); !message.empty()) {
    throw std::invalid_argument(message);
  }
  LinearScaling scaling;
  scaling.factor = static_cast<double>(new_batch) / static_cast<double>(base_batch);
  scaling.scaled_lr = base_lr * scaling.factor;
  return scaling;
}

}  // namespace descent

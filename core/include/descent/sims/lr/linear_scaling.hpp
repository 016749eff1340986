#pragma once
// The linear scaling rule (Goyal et al. 2017, "Accurate, Large Minibatch SGD"): when the batch
// size is multiplied by k, multiply the learning rate by k, so that one epoch moves the weights
// about as far as before (k times fewer steps, each averaging k times more samples).
#include <string>

namespace descent {

constexpr int kMaxScalingBatchSize = 1 << 20;

struct LinearScaling {
  double factor = 1.0;     // k = new_batch / base_batch
  double scaled_lr = 0.0;  // base_lr · k
};

// "" when base_lr is finite and > 0 and both batch sizes are in 1..kMaxScalingBatchSize.
std::string validate_linear_scaling(double base_lr, int base_batch, int new_batch);
// Throws std::invalid_argument with validate_linear_scaling's message when invalid.
LinearScaling linear_scaling(double base_lr, int base_batch, int new_batch);

}  // namespace descent

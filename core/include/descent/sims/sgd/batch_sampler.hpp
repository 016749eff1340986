#pragma once
// Mini-batches of sample indices, epoch by epoch, without replacement (as PyTorch's DataLoader
// does): each epoch visits every sample once, in ⌈N/B⌉ batches, the last one smaller when B does
// not divide N. With shuffling, every epoch starts from a fresh seeded permutation; without it,
// the batches follow the stored order (for a sorted data set: one population, then the other).
#include <cstdint>
#include <vector>

#include "descent/math/rng.hpp"

namespace descent {

class MiniBatchSampler {
 public:
  // Throws std::invalid_argument unless 1 ≤ batch_size ≤ data_size.
  MiniBatchSampler(int data_size, int batch_size, bool shuffle, std::uint64_t seed);

  // The next batch's indices (valid until the next call); starts a new epoch when the last ended.
  const std::vector<int>& next_batch();

  int batches_per_epoch() const { return batches_per_epoch_; }
  int epoch() const { return epoch_; }  // 1-based epoch of the latest batch (0 before the first)

 private:
  int data_size_;
  int batch_size_;
  int batches_per_epoch_;
  bool shuffle_;
  Rng rng_;
  std::vector<int> order_;  // this epoch's order of the samples
  int next_position_;       // where in order_ the next batch starts
  int epoch_ = 0;
  std::vector<int> batch_;
};

}  // namespace descent

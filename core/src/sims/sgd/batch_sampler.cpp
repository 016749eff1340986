#include "descent/sims/sgd/batch_sampler.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

#include "descent/data/shuffle.hpp"

namespace descent {

MiniBatchSampler::MiniBatchSampler(int data_size, int batch_size, bool shuffle, std::uint64_t seed)
    : data_size_(data_size),
      batch_size_(batch_size),
      batches_per_epoch_(batch_size > 0 ? (data_size + batch_size - 1) / batch_size : 0),
      shuffle_(shuffle),
      rng_(seed),
      order_(static_cast<std::size_t>(std::max(data_size, 0))),
      next_position_(data_size) {
  if (batch_size < 1 || batch_size > data_size) {
    throw std::invalid_argument("batch size must be between 1 and " + std::to_string(data_size) +
                                ", got " + std::to_string(batch_size));
  }
  std::iota(order_.begin(), order_.end(), 0);
  batch_.reserve(static_cast<std::size_t>(batch_size));
}

const std::vector<int>& MiniBatchSampler::next_batch() {
  if (next_position_ >= data_size_) {
    if (shuffle_) order_ = shuffled_indices(data_size_, rng_);
    next_position_ = 0;
    ++epoch_;
  }
  const int end = std::min(data_size_, next_position_ + batch_size_);
  batch_.assign(order_.begin() + next_position_, order_.begin() + end);
  next_position_ = end;
  return batch_;
}

}  // namespace descent

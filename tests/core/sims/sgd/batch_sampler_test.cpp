#include "descent/sims/sgd/batch_sampler.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <stdexcept>

#include "descent/sims/sgd/line_loss.hpp"

using namespace descent;

TEST_CASE("every epoch visits each sample exactly once, in ⌈N/B⌉ batches", "[sgd_sampler]") {
  for (int batch_size : {1, 8, 32, 100, 128, 256}) {
    for (bool shuffle : {true, false}) {
      MiniBatchSampler sampler(256, batch_size, shuffle, 3);
      const int per_epoch = (256 + batch_size - 1) / batch_size;
      REQUIRE(sampler.batches_per_epoch() == per_epoch);
      for (int epoch = 1; epoch <= 3; ++epoch) {
        std::vector<int> seen;
        for (int k = 0; k < per_epoch; ++k) {
          const auto& batch = sampler.next_batch();
          CHECK(sampler.epoch() == epoch);
          seen.insert(seen.end(), batch.begin(), batch.end());
        }
        std::vector<int> sorted = seen;
        std::sort(sorted.begin(), sorted.end());
        for (int i = 0; i < 256; ++i) REQUIRE(sorted[i] == i);
        // Without shuffling the batches follow the stored order.
        if (!shuffle) CHECK(seen == sorted);
        if (shuffle && batch_size < 256) CHECK(seen != sorted);
      }
    }
  }
}

TEST_CASE("shuffled epochs differ from each other and depend only on the seed", "[sgd_sampler]") {
  MiniBatchSampler a(256, 32, true, 11), b(256, 32, true, 11), c(256, 32, true, 12);
  const std::vector<int> first_a = a.next_batch();
  CHECK(first_a == b.next_batch());
  CHECK(first_a != c.next_batch());
  for (int k = 1; k < 8; ++k) a.next_batch();
  CHECK(a.next_batch() != first_a);  // epoch 2 is a new permutation
}

TEST_CASE("the mini-batch gradients of one epoch average to the full gradient", "[sgd_sampler]") {
  const SgdLineData data = make_sgd_line_data();
  const Eigen::Vector2d theta(1.9, 0.0);
  Eigen::Vector2d full;
  full_loss(data, theta, &full);
  for (int batch_size : {1, 8, 32, 128}) {
    MiniBatchSampler sampler(data.size(), batch_size, true, 5);
    Eigen::Vector2d sum = Eigen::Vector2d::Zero(), gradient;
    for (int k = 0; k < sampler.batches_per_epoch(); ++k) {
      const auto& batch = sampler.next_batch();
      batch_loss(data, batch.data(), static_cast<int>(batch.size()), theta, &gradient);
      sum += gradient;
    }
    INFO("batch " << batch_size);
    CHECK((sum / sampler.batches_per_epoch() - full).norm() < 1e-13 * full.norm() + 1e-15);
  }
  // Each batch on its own is noisy, though: one point's gradient is far from the mean.
  MiniBatchSampler single(data.size(), 1, true, 5);
  Eigen::Vector2d one;
  batch_loss(data, single.next_batch().data(), 1, theta, &one);
  CHECK((one - full).norm() > 0.1 * full.norm());
}

TEST_CASE("invalid batch sizes are rejected", "[sgd_sampler]") {
  CHECK_THROWS_AS(MiniBatchSampler(256, 0, true, 1), std::invalid_argument);
  CHECK_THROWS_AS(MiniBatchSampler(256, 257, true, 1), std::invalid_argument);
}

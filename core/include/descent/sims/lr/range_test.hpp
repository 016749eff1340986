#pragma once
// The learning-rate range test (Leslie Smith, "Cyclical Learning Rates for Training Neural
// Networks", 2017; fastai's lr_find): train a small network with plain SGD for `steps`
// mini-batches while the rate grows exponentially from min_lr to max_lr, record each batch's loss,
// and suggest the rate where the (smoothed) loss falls fastest per decade of rate, before it
// blows up. The network (2 → 16 tanh → 16 tanh → 2) learns the two-moons data set with softmax
// cross-entropy; everything is seeded.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace descent {

constexpr int kMinRangeTestSteps = 10;
constexpr int kMaxRangeTestSteps = 2000;

struct LrRangeTestConfig {
  double min_lr = 1e-4;   // > 0
  double max_lr = 100.0;  // > min_lr, ≤ 1e6
  int steps = 200;        // mini-batches (kMinRangeTestSteps..kMaxRangeTestSteps)
  int batch_size = 32;    // 1..points
  int points = 256;       // two-moons samples (≥ 8, ≤ 4096)
  std::uint64_t seed = 1;
};

// "" when valid, otherwise what is wrong.
std::string validate_lr_range_test(const LrRangeTestConfig& config);

struct LrRangeTest {
  std::vector<double> learning_rate;  // per recorded step
  std::vector<double> loss;           // the mini-batch's loss before the step (may end in NaN/Inf)
  std::vector<double> smoothed_loss;  // bias-corrected exponential average, β = 0.9 (fastai)
  int stopped_at_step = -1;           // the step where the loss became non-finite or > 4× the best
                                      // smoothed loss (the blow-up); -1 if the whole range was run
  int suggested_step = -1;  // steepest fall of the smoothed loss per decade of rate, before it
  double suggested_lr = 0.0;
  int minimum_step = -1;  // lowest smoothed loss
};

// The test a slice at a time (the page computes it over several frames). Throws
// std::invalid_argument for an invalid config.
class LrRangeTestRun {
 public:
  explicit LrRangeTestRun(const LrRangeTestConfig& config);
  ~LrRangeTestRun();
  LrRangeTestRun(LrRangeTestRun&&) noexcept;
  LrRangeTestRun& operator=(LrRangeTestRun&&) noexcept;

  // Runs up to `steps` more mini-batches; returns whether the test is over (all steps run, or
  // stopped at the blow-up).
  bool advance(int steps);
  bool finished() const;
  // The steps so far, with the suggestion over them (final once finished()).
  LrRangeTest result() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The whole test at once. Throws std::invalid_argument for an invalid config.
LrRangeTest run_lr_range_test(const LrRangeTestConfig& config);

}  // namespace descent

#pragma once
// The one-call simulation behind <descent-sgd>: plain SGD (core/optim Sgd, no momentum) on the
// line-fit loss of sgd_line_loss.hpp, with mini-batches drawn by MiniBatchSampler from the real
// data set — batch = N is full-batch gradient descent. Records the path, the loss of each
// mini-batch and of the whole data set, and which minimum the run ends in; gradient_fan gives the
// full gradient and K sampled mini-batch gradients at one point (the "polling" picture).
#include <Eigen/Dense>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "descent/sims/sgd/line_data.hpp"
#include "descent/sims/sgd/minima.hpp"

namespace descent {

// The documented experiment: from (w, b) = (1.9, 0) with η = 0.75 for 60 epochs, the full
// batch settles in the sharp minimum (η·a ≈ 1.1 < 2) while batches of 1 and 8 cannot stay there
// (mean-square growth > 1) and end in the wide one.
constexpr double kSgdDefaultLearningRate = 0.75;
constexpr int kSgdDefaultEpochs = 60;
constexpr double kSgdDefaultStartW = 1.9;
constexpr double kSgdDefaultStartB = 0.0;

constexpr int kSgdMaxEpochs = 1000;
constexpr int kSgdMaxIterations = 100000;  // epochs × ⌈N/B⌉: keeps one call well under a second
constexpr double kSgdMaxLearningRate = 100.0;
constexpr double kSgdMaxStartCoordinate = 100.0;
constexpr double kSgdBlowUpCoordinate = 1e6;  // |w| or |b| beyond this counts as diverged
constexpr double kSgdSettledDistance = 0.25;  // ends "in" a minimum when this close to it
constexpr int kSgdMaxFanBatches = 64;

struct SgdRunConfig {
  int batch_size = kSgdDataSize;  // B in [1, N]; N is full-batch gradient descent
  double learning_rate = kSgdDefaultLearningRate;
  int epochs = kSgdDefaultEpochs;
  std::vector<double> start = {kSgdDefaultStartW, kSgdDefaultStartB};  // (w, b)
  bool shuffle = true;     // a fresh permutation every epoch; false: the sorted stored order
  std::uint64_t seed = 1;  // seeds the shuffling
};

enum class SgdOutcome {
  kSharpMinimum,  // ended within kSgdSettledDistance of the sharp minimum
  kWideMinimum,   // … of the wide one
  kElsewhere,     // still between or around them
  kDiverged,      // θ or the loss blew up: run stopped there
};

struct SgdRun {
  int batch_size = 0;
  int batches_per_epoch = 0;        // ⌈N/B⌉ iterations make one epoch
  int iterations_completed = 0;     // updates performed
  std::vector<double> positions;    // (iterations_completed + 1) × 2: θ = (w, b) after k updates
  std::vector<double> full_losses;  // iterations_completed + 1: L(θₖ) over all N points
  std::vector<double>
      batch_losses;  // iterations_completed: loss of the batch update k+1 used, at θₖ
  std::vector<double> batch_steep_share;  // iterations_completed: fraction of steep points in it
  std::vector<SgdMinimum> minima;         // sharp, wide
  std::vector<double> minimum_growth;     // per minimum: mean_square_growth at this η and B
  std::vector<int> minimum_smallest_stable_batch;  // per minimum, at this η (−1: none)
  SgdOutcome outcome = SgdOutcome::kElsewhere;
  int nearest_minimum = -1;  // index into minima of the one nearest the end
  double distance_to_nearest = 0.0;
  int diverged_at_iteration = -1;  // 1-based update that blew up, or −1
  std::string message;             // one line for the learner
};

// Empty when valid, otherwise a message for the user.
std::string validate_sgd_run_config(const SgdRunConfig& config);

// The run a slice of iterations at a time (the page spreads a long one over frames). `data` must
// outlive it. Precondition: validate_sgd_run_config(config) is empty (throws
// std::invalid_argument otherwise).
class SgdRunner {
 public:
  SgdRunner(const SgdLineData& data, const SgdRunConfig& config);
  ~SgdRunner();
  SgdRunner(SgdRunner&&) noexcept;
  SgdRunner& operator=(SgdRunner&&) noexcept;

  // Performs up to `iterations` more updates; returns whether the run is over (every iteration
  // done, or diverged), the outcome then classified.
  bool advance(int iterations);
  bool finished() const;
  int total_iterations() const;  // epochs × batches per epoch
  const SgdRun& run() const;     // as far as it has gone

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The whole run at once. Precondition: validate_sgd_run_config(config) is empty (throws
// std::invalid_argument otherwise).
SgdRun run_sgd(const SgdLineData& data, const SgdRunConfig& config);

struct GradientFan {
  double loss = 0.0;                    // L at the point
  Eigen::Vector2d full_gradient;        // ∇L over all N points
  std::vector<double> batch_gradients;  // count × 2: the gradient of each sampled mini-batch
  std::vector<double> batch_losses;     // count
};

// Empty when valid: a finite point, 1 ≤ batch_size ≤ N, 1 ≤ count ≤ kSgdMaxFanBatches.
std::string validate_gradient_fan(const std::vector<double>& point, int batch_size, int count,
                                  int data_size);

// `count` mini-batches of `batch_size` distinct points, each drawn uniformly (seeded), and their
// gradients at `point`, next to the full gradient. Precondition: validate_gradient_fan is empty.
GradientFan gradient_fan(const SgdLineData& data, const std::vector<double>& point, int batch_size,
                         int count, std::uint64_t seed);

// "sharp minimum", "wide minimum", "elsewhere" or "diverged".
std::string sgd_outcome_name(SgdOutcome outcome);

}  // namespace descent

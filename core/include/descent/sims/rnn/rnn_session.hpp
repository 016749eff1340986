#pragma once
// A recurrent network trained live (<descent-rnn>): train(n) does n more optimizer steps, so the
// page can spread training over animation frames; the same numbers however the steps are sliced.
//
// - Data: kRnnTrainCount training and kRnnTestCount test sequences of the task (rnn_config.hpp),
//   drawn once from Rng(derive_seed(seed, 10)) and Rng(derive_seed(seed, 11)); the network's
//   weights from `seed` (nn/sequence_network.hpp).
// - Mini-batches: the next batch_size indices of a shuffled order of the training set
//   (Rng(derive_seed(seed, 12))), reshuffled when used up; a batch that runs past the end takes
//   the rest from the next order, so every batch has batch_size sequences (no cache resized).
// - One step: the loss of the batch (mean over its counted steps) and its gradient (BPTT, full or
//   truncated), the gradient's L2 norm clipped to clip_norm when > 0 (torch's clip_grad_norm_),
//   then one optimizer step at the constant learning rate.
// - Divergence: a non-finite loss or gradient stops the session with its 1-based step; the weights
//   stay at the last finite step.
// - A steady training step allocates nothing (batch buffers, gradient, θ and the step log kept
//   here; the log holds up to kMaxRnnStepsPerCall steps between reads).
#include <memory>
#include <string>
#include <vector>

#include "descent/math/rng.hpp"
#include "descent/nn/sequence_network.hpp"
#include "descent/optim/optimizer.hpp"
#include "descent/sims/rnn/rnn_config.hpp"
#include "descent/sims/rnn/rnn_inspection.hpp"

namespace descent {

// The test set's loss and the task's metric at the weights of step `steps` (evaluation mode).
struct RnnEvaluation {
  int steps = 0;               // the training steps the weights had
  double loss = 0.0;           // the training loss function on the test set
  const char* metric = "mse";  // or "accuracy"
  double value = 0.0;          // MSE (= loss) or the share of counted steps predicted right
  double baseline = 0.0;       // the task's baseline of the same metric (rnn_config.hpp)
};

class RnnSession {
 public:
  // Throws std::invalid_argument with validate_rnn_config's message.
  explicit RnnSession(const RnnConfig& config);
  RnnSession(const RnnSession&) = delete;
  RnnSession& operator=(const RnnSession&) = delete;

  // Trains up to `steps` more steps (none once diverged; at most kMaxRnnStepsPerCall minus the
  // steps logged since the last clear_log()); each step's loss and gradient norm (before
  // clipping) are appended to the log. Returns the steps trained.
  int train(int steps);
  const std::vector<double>& logged_losses() const { return logged_losses_; }
  const std::vector<double>& logged_gradient_norms() const { return logged_gradient_norms_; }
  void clear_log();

  int steps() const { return steps_; }
  bool diverged() const { return diverged_step_ > 0; }
  int diverged_step() const { return diverged_step_; }  // 1-based; 0 when not diverged
  std::string stop_reason() const;                      // "" or "diverged at step s: …"

  // Scores the test set in slices, so a page can spread it over frames: the first call starts an
  // evaluation at the current weights (a copy of them: training may go on between calls), each
  // call scores up to `sequences` more test sequences; true once the whole set is scored, and
  // last_evaluation() is then its result. The loss is the mean over all counted steps.
  bool evaluate(int sequences);
  // The last complete evaluation (steps −1 before the first).
  const RnnEvaluation& last_evaluation() const { return last_evaluation_; }
  // Throws std::out_of_range unless 0 ≤ index < test_count().
  RnnInspection inspect(int index);

  const RnnConfig& config() const { return config_; }
  int time_steps() const { return time_steps_; }
  int test_count() const { return static_cast<int>(test_inputs_.rows()); }
  int train_count() const { return static_cast<int>(train_inputs_.rows()); }
  int parameter_count() const { return network_.parameter_count(); }
  const Eigen::VectorXd& parameters() const { return parameters_; }

 private:
  void gather_batch();
  void score_rows(int first, int rows);

  RnnConfig config_;
  int time_steps_ = 0;
  nn::SequenceNetwork<float> network_;
  nn::SequenceNetwork<float> probe_;  // inspect()'s copy: training's caches stay as they are
  std::unique_ptr<Optimizer> optimizer_;
  Eigen::VectorXd parameters_;
  Eigen::VectorXd gradient_;
  Eigen::VectorXd probe_gradient_;
  nn::Matrix<float> train_inputs_, train_targets_, train_mask_;
  nn::Matrix<float> test_inputs_, test_targets_, test_mask_;
  nn::Matrix<float> batch_inputs_, batch_targets_, batch_mask_;
  double baseline_ = 0.0;
  // The evaluation in progress: scorer_ holds the weights it started at.
  struct Evaluation {
    bool active = false;
    int scored = 0;
    int steps = 0;
    double loss_sum = 0.0;  // Σ per-step loss over the counted steps scored so far
    long long counted = 0;
    long long correct = 0;
  } evaluation_;
  nn::SequenceNetwork<float> scorer_;
  RnnEvaluation last_evaluation_;
  Rng order_rng_;
  std::vector<int> order_;
  int next_in_order_ = 0;
  int steps_ = 0;
  int diverged_step_ = 0;
  std::string divergence_;
  std::vector<double> logged_losses_;
  std::vector<double> logged_gradient_norms_;
};

}  // namespace descent

#pragma once
// A CNN trained live (<descent-cnn>): advance(n) does n more units of work — a unit is one
// mini-batch, or scoring kCnnEvaluationChunk test images at an epoch's end — so the page can spread
// training and evaluation over animation frames; the same numbers however the units are sliced.
//
// - Pixels are scaled to [0, 1]. The training set is the first train_size images (all when 0), of
//   config.classes, at most per_class of each (cnn_selected_images); the test set is the test
//   images of config.classes. Mistakes' indices are into the data's whole test split.
// - Frozen conv blocks: the optimizer is built for, and stepped on, only the entries of θ after the
//   first frozen_conv_blocks blocks' (a prefix of θ), so no gradient, momentum, Adam moment or
//   weight decay ever moves the frozen ones, and the network's backward pass stops before them
//   (Network::set_frozen_layers: no wasted gradient work). Their batch norms (if any) still update
//   their running statistics in training mode, as torch's do unless put in eval mode.
// - Transfer: the constructor taking a source session starts from the source's current conv-block
//   parameters (and batch-norm running statistics); the dense head is initialised fresh from this
//   session's seed.
// - Epochs: a fresh shuffled order per epoch (Rng(derive_seed(seed, 2))), cut into ⌈N / batch⌉
//   consecutive mini-batches, the last one smaller. With shift k > 0 each training image of a
//   batch is moved by (dx, dy) drawn uniformly from [−k, k]² (Rng(derive_seed(seed, 3)), dy then dx
//   per image), the uncovered border filled with 0.
// - One step: softmax cross-entropy on the logits, mean over the batch; the gradient wrt θ (double)
//   goes to the optimizer at the constant learning rate.
// - After each epoch's last batch the history gets: train loss / accuracy, the mean over that
//   epoch's mini-batches as they were trained (training mode, augmented, weights moving — what the
//   step-by-step curve shows), and test loss / accuracy on the whole test set in evaluation mode at
//   the epoch's final weights (chunks of kCnnEvaluationChunk images). The confusion matrix and the
//   misclassified test images are of that last evaluation.
// - Divergence: a non-finite mini-batch loss or gradient, or test loss, stops the session with its
//   epoch and step (1-based, counted over the run); the weights stay at the last finite step.
// - A steady training step allocates nothing (batch buffers, gradient and θ kept here).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "descent/math/rng.hpp"
#include "descent/nn/loss.hpp"
#include "descent/nn/network.hpp"
#include "descent/optim/optimizer.hpp"
#include "descent/sims/cnn/cnn_config.hpp"

namespace descent {

struct CnnProgress {
  int epoch = 0;  // epochs completed
  int batch = 0;  // mini-batches trained in the current epoch
  int batches_per_epoch = 0;
  int steps = 0;            // mini-batches trained in all
  long long examples = 0;   // training examples seen
  bool evaluating = false;  // the epoch's batches are trained; its test set is being scored
  bool done = false;        // all epochs trained, or diverged
  bool diverged = false;
  int diverged_epoch = 0;   // 1-based, 0 when not diverged
  int diverged_step = 0;    // 1-based over the run, 0 when not diverged
  std::string stop_reason;  // "" while running; "completed" or "diverged at epoch e, step s: …"
};

// One entry per completed epoch (index e is epoch e + 1).
struct CnnHistory {
  std::vector<double> train_loss;
  std::vector<double> train_accuracy;
  std::vector<double> test_loss;
  std::vector<double> test_accuracy;
};

// The last test evaluation's mistakes: test index, predicted class (true label in the data).
struct CnnMistakes {
  std::vector<int> index;
  std::vector<int> predicted;
};

// "" when a session of `config` can start from `source`'s conv blocks, else the first difference
// (the number of blocks, a block's filters, kernel, pooling, padding or batch norm, the
// activation).
std::string cnn_transfer_mismatch(const CnnConfig& config, const CnnConfig& source);

class CnnSession {
 public:
  // Throws std::invalid_argument with validate_cnn_config's / validate_cnn_data's message.
  CnnSession(const CnnConfig& config, const CnnData& data);
  // Transfer learning: as above, then every conv block's parameters copied from `source` at its
  // current weights. Throws std::invalid_argument (cnn_transfer_mismatch's message) unless the conv
  // blocks and activation match; the head and the image size may differ.
  CnnSession(const CnnConfig& config, const CnnData& data, const CnnSession& source);
  CnnSession(const CnnSession&) = delete;
  CnnSession& operator=(const CnnSession&) = delete;

  // Does up to max_units more units of work (fewer once done); returns done.
  bool advance(int max_units);
  const CnnProgress& progress() const { return progress_; }
  const CnnHistory& history() const { return history_; }
  // 10 × 10 counts, row = true class, column = predicted, row-major; all 0 before the first epoch.
  const std::vector<int>& confusion() const { return confusion_; }
  const CnnMistakes& mistakes() const { return mistakes_; }

  // The network at the current weights (evaluation mode for everything below).
  const nn::Network<float>& network() const { return network_; }
  // θ at the current weights (the network's may lag a step behind mid-epoch), in the flat order.
  const Eigen::VectorXd& parameters() const { return parameters_; }
  int training_count() const { return static_cast<int>(train_labels_.size()); }
  int test_count() const { return static_cast<int>(test_labels_.size()); }
  int height() const { return height_; }
  int width() const { return width_; }
  const CnnConfig& config() const { return config_; }

 private:
  void start_epoch();
  void step();
  void start_evaluation();
  void evaluate_chunk();
  void end_epoch();
  void diverge(const std::string& what, double value);
  void gather_batch(int start, int rows);

  CnnConfig config_;
  int height_ = 0;
  int width_ = 0;
  // The selected images as bytes, image after image, made [0, 1] floats a batch at a time:
  // converting all 6,000 digits up front blocked the page for 45–65 ms in WebAssembly.
  std::vector<std::uint8_t> train_pixels_;
  std::vector<int> train_labels_;
  std::vector<std::uint8_t> test_pixels_;
  std::vector<int> test_labels_;
  std::vector<int> test_source_index_;  // index in the data's test split of each test row
  nn::Network<float> network_;
  nn::Loss loss_;
  std::unique_ptr<Optimizer> optimizer_;
  Eigen::VectorXd parameters_;
  Eigen::VectorXd gradient_;
  // With frozen conv blocks: θ's trainable tail (from trainable_offset_) and its gradient, what
  // the optimizer steps; unused (offset 0) otherwise.
  int trainable_offset_ = 0;
  Eigen::VectorXd trainable_parameters_;
  Eigen::VectorXd trainable_gradient_;
  Rng shuffle_rng_;
  Rng shift_rng_;
  std::vector<int> order_;
  nn::Matrix<float> batch_inputs_;
  nn::Matrix<float> batch_targets_;
  double epoch_loss_sum_ = 0.0;  // Σ batch loss × rows over the current epoch
  int epoch_correct_ = 0;
  int epoch_examples_ = 0;
  // The test evaluation in progress: images scored so far and their sums.
  struct Evaluation {
    int scored = 0;
    double loss_sum = 0.0;  // Σ chunk loss × rows
    int correct = 0;
    std::vector<int> confusion;
    CnnMistakes mistakes;
    nn::Matrix<float> inputs;
    nn::Matrix<float> targets;
  } evaluation_;
  CnnProgress progress_;
  CnnHistory history_;
  std::vector<int> confusion_;
  CnnMistakes mistakes_;
};

}  // namespace descent

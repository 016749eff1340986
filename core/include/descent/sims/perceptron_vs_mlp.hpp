#pragma once
// The simulation behind <descent-perceptron>: on one of the four-point logic data sets (XOR, AND,
// OR, NAND over (0,0), (0,1), (1,0), (1,1)), Rosenblatt's perceptron (nn/perceptron.hpp) next to a
// 2-2-1 multi-layer perceptron trained by backpropagation (nn/network.hpp, nn/trainer.hpp).
//
// Perceptron: the rule of nn::train_perceptron (w = 0, b = 0, samples in the data set's order,
// w ← w + η(y − ŷ)x, b ← b + η(y − ŷ)), replayed here epoch by epoch so the widget can draw the
// line w·x + b = 0 after every epoch; the error counts and converged flag are
// nn::train_perceptron's own. It stops at the first epoch without an error (converged) or after
// `epochs` epochs.
//
// MLP (documented setup, chosen so the default seed solves XOR): 2 inputs → 2 tanh hidden units →
// 1 logit; P(class 1) = σ(logit), binary cross-entropy from logits; Xavier-uniform weights from
// `seed` (biases 0); plain SGD, one sample per step in the data set's order (as the perceptron
// visits them), the learning rate constant. It always runs `epochs` epochs (no early stop), so its
// loss keeps falling after the accuracy reaches 4/4. A sample is class 1 when its logit is > 0.
#include <cstdint>
#include <string>
#include <vector>

#include "descent/data/dataset.hpp"

namespace descent {

// The limits validate_perceptron_vs_mlp enforces (and perceptronCatalog() gives the widget).
constexpr int kMinPerceptronVsMlpEpochs = 1;
constexpr int kMaxPerceptronVsMlpEpochs = 5000;
// η below 0.01 only slows both models down (the perceptron's line does not depend on η at all).
constexpr double kMinPerceptronVsMlpLearningRate = 0.01;
constexpr double kMaxPerceptronVsMlpLearningRate = 10.0;
constexpr int kMinPerceptronFieldResolution = 2;
constexpr int kMaxPerceptronFieldResolution = 200;
constexpr int kMlpHiddenUnits = 2;
// Flat parameters of the 2-2-1 MLP (network.hpp order): W1 (2×2, row = input), b1 (2), W2 (2×1),
// b2.
constexpr int kMlpParameterCount = 9;
// The square view the widget draws and the decision field covers: the unit square with a margin.
constexpr double kLogicViewMin = -0.5;
constexpr double kLogicViewMax = 1.5;

// "xor", "and", "or", "nand".
const std::vector<std::string>& logic_dataset_names();

// "" and the data set in `data` (the four corners in the order (0,0), (0,1), (1,0), (1,1), labels
// the gate's output) when `name` is one of logic_dataset_names(); otherwise a message.
std::string make_logic_dataset(const std::string& name, Dataset& data);

struct PerceptronVsMlpConfig {
  std::string dataset = "xor";
  int epochs = 300;            // both models: at most this many passes over the four points
  double learning_rate = 0.5;  // η of the perceptron rule and of the MLP's SGD
  std::uint64_t seed = 1;      // the MLP's initial weights (the perceptron starts at 0)
  int field_resolution = 40;   // the MLP's final decision field: resolution × resolution cells
};

// "" when valid: a known data set, epochs in [kMinPerceptronVsMlpEpochs,
// kMaxPerceptronVsMlpEpochs], learning rate in [kMinPerceptronVsMlpLearningRate,
// kMaxPerceptronVsMlpLearningRate], field resolution in range.
std::string validate_perceptron_vs_mlp(const PerceptronVsMlpConfig& config);

// The MLP's decision field over the view, row-major from the top row (y = kLogicViewMax) down,
// column 0 at x = kLogicViewMin, sampled at cell centres: P(class 1) per cell.
struct LogicField {
  int resolution = 0;
  std::vector<double> probability;
};

// Per-model histories. "Entry e" of a per-state vector is the state after e epochs: entry 0 is the
// start (the perceptron at w = 0, b = 0; the MLP at its initial weights), so those vectors have one
// entry more than the per-epoch ones.
struct PerceptronVsMlpRun {
  Dataset data;
  // Perceptron, per state: the line w1·x1 + w2·x2 + b = 0 and its prediction ŷ for each of the four
  // points (4 per entry). It stops at convergence, so it may have fewer epochs than asked for.
  std::vector<double> perceptron_w1, perceptron_w2, perceptron_bias;
  std::vector<int> perceptron_predictions;
  std::vector<int> perceptron_errors;  // per epoch: misclassified samples met during it
  bool perceptron_converged = false;
  int perceptron_epochs_to_converge = 0;  // the first epoch with no error; 0 when none
  // MLP, per epoch.
  std::vector<double> mlp_loss;      // mean binary cross-entropy over the four points
  std::vector<double> mlp_accuracy;  // fraction of the four points classified correctly
  // MLP, per state: kMlpParameterCount flat parameters (network.hpp order) and P(class 1) at
  // each of the four points.
  std::vector<double> mlp_parameters;
  std::vector<double> mlp_point_probability;
  int mlp_epochs_to_solve = 0;  // the first epoch with accuracy 4/4; 0 when never
  std::string mlp_stop_reason;  // the trainer's: "completed", or where it diverged
  LogicField mlp_field;         // at the last state
};

// Throws std::invalid_argument with validate_perceptron_vs_mlp's message when invalid.
PerceptronVsMlpRun run_perceptron_vs_mlp(const PerceptronVsMlpConfig& config);

// "" when `parameters` holds kMlpParameterCount finite values and the resolution is in range.
std::string validate_logic_field(const std::vector<double>& parameters, int resolution);

// The 2-2-1 MLP's decision field for the given flat parameters (e.g. one epoch's slice of
// mlp_parameters). Throws std::invalid_argument with validate_logic_field's message when invalid.
LogicField mlp_logic_field(const std::vector<double>& parameters, int resolution);

}  // namespace descent

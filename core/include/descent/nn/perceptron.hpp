#pragma once
// Rosenblatt's perceptron (1958) for two-class data: ŷ = step(w·x + b) with step(s) = 1 if s > 0
// else 0, trained sample by sample with the perceptron learning rule
//   w ← w + η(y − ŷ)x,   b ← b + η(y − ŷ)
// (labels y ∈ {0, 1}), starting from w = 0, b = 0. A sample changes the weights only when it is
// misclassified, so an epoch without errors means every sample is classified correctly and
// training has converged (it stops there). On linearly separable data it always converges
// (Novikoff 1962); on XOR no line separates the classes, so some sample is wrong in every epoch.
#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

#include "descent/data/dataset.hpp"

namespace descent::nn {

constexpr int kMaxPerceptronEpochs = 100000;

struct PerceptronConfig {
  int epochs = 20;             // passes over the data at most (1..kMaxPerceptronEpochs)
  double learning_rate = 1.0;  // η (> 0; from w = 0 it only scales w, not the decisions)
  bool shuffle = false;        // visit the samples in a fresh random order each epoch
  std::uint64_t seed = 0;      // the shuffling Rng
};

struct PerceptronResult {
  Eigen::VectorXd weights;  // w, one per feature
  double bias = 0.0;        // b
  // Misclassified samples met during each epoch (= updates made), one entry per epoch run.
  std::vector<int> errors_per_epoch;
  bool converged = false;  // the last epoch made no error
};

// "" when the config is valid and the data set is a valid, non-empty two-class data set.
std::string validate_perceptron(const PerceptronConfig& config, const Dataset& data);

// ŷ for each row of inputs (one per sample): 1 where w·x + b > 0, else 0.
std::vector<int> perceptron_predict(const PerceptronResult& perceptron,
                                    const Eigen::MatrixXd& inputs);

// Trains on data's labels. Throws std::invalid_argument with validate_perceptron's message when
// invalid.
PerceptronResult train_perceptron(const PerceptronConfig& config, const Dataset& data);

}  // namespace descent::nn

#pragma once
// A data set of sequences in the layout the sequence modules read (nn/tensor_shape.hpp,
// nn/sequence_loss.hpp): one row per sequence, step t's values in columns t·size … t·size + size
// − 1. The procedural tasks (sine_sequence, adding_problem, parity_sequence, token_copy) return
// one.
//
//   inputs   count × time·input_size: raw values, or token ids (input_size 1) for a model with an
//            embedding of input_vocabulary tokens
//   targets  count × target_time·target_size values (MSE tasks, classes = 0), or
//            count × target_time class ids in [0, classes) (cross-entropy tasks, target_size 1)
//   mask     count × target_time of 0/1, or empty when every target step counts
// target_time is time (a prediction at every step) or 1 (one per sequence: a last-step head).
#include <Eigen/Dense>
#include <string>

namespace descent {

// Longest sequence a task generates: ample for the adding problem's classic lengths (≤ 500)
// while a count × time matrix stays small.
constexpr int kMaxSequenceLength = 1000;

struct SequenceDataset {
  Eigen::MatrixXd inputs;
  Eigen::MatrixXd targets;
  Eigen::MatrixXd mask;  // empty: every target step counts
  int time = 0;
  int input_size = 1;
  int input_vocabulary = 0;  // > 0: inputs are token ids in [0, input_vocabulary)
  int target_time = 0;
  int target_size = 1;
  int classes = 0;  // > 0: targets are class ids in [0, classes)
};

// Empty when the count is valid (validate_point_count's limits) and 1 ≤ minimum_time ≤ time ≤
// kMaxSequenceLength, otherwise a message naming `task`.
std::string validate_sequence_size(const char* task, int count, int time, int minimum_time = 1);

}  // namespace descent

#pragma once
// A data set for supervised learning: one row per sample in every matrix (the nn mini-batch
// convention), inputs as features, targets as what the network should output.
#include <Eigen/Dense>
#include <string>
#include <vector>

namespace descent {

struct Dataset {
  Eigen::MatrixXd inputs;   // N × d: row i holds sample i's d features
  Eigen::MatrixXd targets;  // N × k: one-hot class rows (classification) or target values
  std::vector<int> labels;  // class index of each sample in [0, class_count); empty for regression
  int class_count = 0;      // number of classes; 0 for regression
  std::vector<std::string> feature_names;  // one per input column, e.g. "x1", "x2"
  std::string description;                 // one line for the user: where the data came from

  int size() const { return static_cast<int>(inputs.rows()); }
  int feature_count() const { return static_cast<int>(inputs.cols()); }
  bool is_classification() const { return class_count > 0; }
};

// Empty when the parts agree (row counts, one feature name per column, labels in range and
// matching one-hot targets, no labels for regression, finite values), otherwise a message.
std::string validate_dataset(const Dataset& data);

// N × class_count matrix whose row i is 1 in column labels[i] and 0 elsewhere.
// Precondition: every label in [0, class_count) (throws std::invalid_argument otherwise).
Eigen::MatrixXd one_hot(const std::vector<int>& labels, int class_count);

// Number of samples in each class (class_count entries); empty for regression.
// Precondition: labels in range (throws std::out_of_range otherwise).
std::vector<int> class_counts(const Dataset& data);

// The samples at `rows`, in that order (repeats allowed), with the same names, class count and
// description. Precondition: every row in [0, size()) (throws std::invalid_argument otherwise).
Dataset subset(const Dataset& data, const std::vector<int>& rows);

}  // namespace descent

#include "descent/data/dataset.hpp"

#include <stdexcept>

namespace descent {

std::string validate_dataset(const Dataset& data) {
  const Eigen::Index n = data.inputs.rows();
  if (data.targets.rows() != n) {
    return "dataset: " + std::to_string(n) + " input rows but " +
           std::to_string(data.targets.rows()) + " target rows";
  }
  if (!data.feature_names.empty() &&
      static_cast<Eigen::Index>(data.feature_names.size()) != data.inputs.cols()) {
    return "dataset: " + std::to_string(data.inputs.cols()) + " feature columns but " +
           std::to_string(data.feature_names.size()) + " feature names";
  }
  if (!data.inputs.allFinite()) return "dataset: an input value is not finite";
  if (!data.targets.allFinite()) return "dataset: a target value is not finite";
  if (data.class_count < 0) {
    return "dataset: class count must be ≥ 0, got " + std::to_string(data.class_count);
  }
  if (!data.is_classification()) {
    if (!data.labels.empty()) return "dataset: a regression dataset (class count 0) has labels";
    return "";
  }
  if (static_cast<Eigen::Index>(data.labels.size()) != n) {
    return "dataset: " + std::to_string(n) + " samples but " + std::to_string(data.labels.size()) +
           " labels";
  }
  if (data.targets.cols() != data.class_count) {
    return "dataset: " + std::to_string(data.class_count) + " classes but " +
           std::to_string(data.targets.cols()) + " target columns (expected one-hot rows)";
  }
  for (Eigen::Index i = 0; i < n; ++i) {
    const int label = data.labels[static_cast<std::size_t>(i)];
    if (label < 0 || label >= data.class_count) {
      return "dataset: sample " + std::to_string(i) + " has label " + std::to_string(label) +
             ", outside [0, " + std::to_string(data.class_count) + ")";
    }
    for (int c = 0; c < data.class_count; ++c) {
      if (data.targets(i, c) != (c == label ? 1.0 : 0.0)) {
        return "dataset: sample " + std::to_string(i) +
               "'s target row is not the one-hot row of its label " + std::to_string(label);
      }
    }
  }
  return "";
}

Eigen::MatrixXd one_hot(const std::vector<int>& labels, int class_count) {
  Eigen::MatrixXd encoded =
      Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(labels.size()), class_count);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0 || labels[i] >= class_count) {
      throw std::invalid_argument("one_hot: label " + std::to_string(labels[i]) + " outside [0, " +
                                  std::to_string(class_count) + ")");
    }
    encoded(static_cast<Eigen::Index>(i), labels[i]) = 1.0;
  }
  return encoded;
}

std::vector<int> class_counts(const Dataset& data) {
  std::vector<int> counts(static_cast<std::size_t>(data.class_count), 0);
  for (const int label : data.labels) ++counts.at(static_cast<std::size_t>(label));
  return counts;
}

Dataset subset(const Dataset& data, const std::vector<int>& rows) {
  for (const int row : rows) {
    if (row < 0 || row >= data.size()) {
      throw std::invalid_argument("subset: row " + std::to_string(row) + " outside [0, " +
                                  std::to_string(data.size()) + ")");
    }
  }
  Dataset part;
  part.inputs = data.inputs(rows, Eigen::all);
  part.targets = data.targets(rows, Eigen::all);
  if (data.is_classification()) {
    part.labels.reserve(rows.size());
    for (const int row : rows) part.labels.push_back(data.labels[static_cast<std::size_t>(row)]);
  }
  part.class_count = data.class_count;
  part.feature_names = data.feature_names;
  part.description = data.description;
  return part;
}

}  // namespace descent

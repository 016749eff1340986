#pragma once
// TensorFlow Playground's input features of a 2-D point (x₁, x₂): x₁, x₂, x₁², x₂², x₁x₂, sin x₁,
// sin x₂ — the hand-made features that let a network without hidden layers draw a circle.
//
// Scale: our data sets lie in about [−1, 1]² where TensorFlow Playground's lie in [−6, 6]², so the
// sine features are sin(πx): one full period across the data, as sin x spans its [−6, 6] (over
// [−1, 1] sin x itself would be nearly x, and useless).
#include <Eigen/Dense>
#include <string>
#include <vector>

namespace descent {

struct FeatureInfo {
  std::string id;     // e.g. "x1_squared"
  std::string label;  // e.g. "x₁²"
};

// The features in menu order: x1, x2, x1_squared, x2_squared, x1_times_x2, sin_x1, sin_x2.
const std::vector<FeatureInfo>& feature_catalog();

// Resolves feature ids to their catalog indices (in catalog order, whatever the order given) and
// returns "", or a message for the user: an unknown or repeated id, or no feature at all.
std::string resolve_features(const std::vector<std::string>& ids, std::vector<int>& indices);

// The value of catalog feature `index` at the point (x1, x2).
double feature_value(int index, double x1, double x2);

// N × indices.size(): row i holds the chosen features of point row i of `points` (N × 2).
Eigen::MatrixXd map_features(const Eigen::MatrixXd& points, const std::vector<int>& indices);

}  // namespace descent

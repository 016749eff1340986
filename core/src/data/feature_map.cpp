#include "descent/data/feature_map.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "descent/math/messages.hpp"

namespace descent {

namespace {
constexpr double kPi = 3.14159265358979323846;
}

const std::vector<FeatureInfo>& feature_catalog() {
  static const std::vector<FeatureInfo> catalog = {
      {"x1", "x₁"},
      {"x2", "x₂"},
      {"x1_squared", "x₁²"},
      {"x2_squared", "x₂²"},
      {"x1_times_x2", "x₁x₂"},
      {"sin_x1", "sin πx₁"},
      {"sin_x2", "sin πx₂"},
  };
  return catalog;
}

std::string resolve_features(const std::vector<std::string>& ids, std::vector<int>& indices) {
  const auto& catalog = feature_catalog();
  std::vector<int> found;
  for (const auto& id : ids) {
    const auto it = std::find_if(catalog.begin(), catalog.end(),
                                 [&](const FeatureInfo& info) { return info.id == id; });
    if (it == catalog.end()) {
      std::string known;
      for (const auto& info : catalog) known += (known.empty() ? "" : ", ") + info.id;
      return "unknown feature " + quote_value(id) + " (known: " + known + ")";
    }
    const int index = static_cast<int>(it - catalog.begin());
    if (std::find(found.begin(), found.end(), index) != found.end()) {
      return "feature " + quote_value(id) + " is listed twice";
    }
    found.push_back(index);
  }
  if (found.empty()) return "choose at least one input feature";
  std::sort(found.begin(), found.end());
  indices = found;
  return "";
}

double feature_value(int index, double x1, double x2) {
  switch (index) {
    case 0:
      return x1;
    case 1:
      return x2;
    case 2:
      return x1 * x1;
    case 3:
      return x2 * x2;
    case 4:
      return x1 * x2;
    case 5:
      return std::sin(kPi * x1);
    case 6:
      return std::sin(kPi * x2);
    default:
      throw std::invalid_argument("feature index out of range");
  }
}

Eigen::MatrixXd map_features(const Eigen::MatrixXd& points, const std::vector<int>& indices) {
  if (points.cols() != 2) throw std::invalid_argument("map_features needs N × 2 points");
  Eigen::MatrixXd features(points.rows(), static_cast<Eigen::Index>(indices.size()));
  for (Eigen::Index i = 0; i < points.rows(); ++i) {
    for (std::size_t f = 0; f < indices.size(); ++f) {
      features(i, static_cast<Eigen::Index>(f)) =
          feature_value(indices[f], points(i, 0), points(i, 1));
    }
  }
  return features;
}

}  // namespace descent

#pragma once
// Settings shared by the synthetic data generators (classification_2d, regression_1d): how many
// points and how much noise they accept, and the messages for values outside those limits.
#include <string>

namespace descent {

constexpr int kMinPointCount = 2;
constexpr int kMaxPointCount = 100000;
// The clean shapes span about 2 units; beyond noise 10 every data set is one Gaussian cloud.
constexpr double kMaxNoise = 10.0;

// Empty when kMinPointCount ≤ count ≤ kMaxPointCount, otherwise a message for the user.
std::string validate_point_count(int count);

// Empty when 0 ≤ noise ≤ kMaxNoise (so not NaN), otherwise a message for the user.
std::string validate_noise(double noise);

}  // namespace descent

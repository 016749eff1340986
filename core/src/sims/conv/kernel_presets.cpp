#include "descent/sims/conv/kernel_presets.hpp"

#include <algorithm>
#include <stdexcept>

#include "descent/math/cold_code.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent {
namespace {

// The 3×3-only presets, row-major.
const std::vector<std::pair<std::string, std::vector<double>>>& fixed_kernels() {
  static const std::vector<std::pair<std::string, std::vector<double>>> kernels = {
      {"sharpen", {0, -1, 0, -1, 5, -1, 0, -1, 0}}, {"sobel-x", {-1, 0, 1, -2, 0, 2, -1, 0, 1}},
      {"sobel-y", {-1, -2, -1, 0, 0, 0, 1, 2, 1}},  {"laplacian", {0, 1, 0, 1, -4, 1, 0, 1, 0}},
      {"emboss", {-2, -1, 0, -1, 1, 1, 0, 1, 2}},
  };
  return kernels;
}

// Row `size` − 1 of Pascal's triangle: the binomial approximation of a Gaussian.
std::vector<double> binomial_row(int size) {
  std::vector<double> row(size, 1.0);
  for (int n = 1; n < size; ++n) {
    for (int k = n - 1; k > 0; --k) row[k] += row[k - 1];
  }
  return row;
}

}  // namespace

const std::vector<std::string>& kernel_preset_names() {
  static const std::vector<std::string> names = {"identity", "box-blur", "gaussian",  "sharpen",
                                                 "sobel-x",  "sobel-y",  "laplacian", "emboss"};
  return names;
}

std::string validate_kernel_preset(const std::string& name, int size) {
  const auto& names = kernel_preset_names();
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    return "unknown kernel \"" + name + "\"";
  }
  if (size < 1) return "kernel size must be at least 1";
  if (name == "box-blur") return "";
  if (name == "identity" || name == "gaussian") {
    return size % 2 == 1 ? "" : "the " + name + " kernel needs an odd size (1, 3, 5, 7)";
  }
  return size == 3 ? "" : "the " + name + " kernel is 3×3 only";
}

std::vector<double> kernel_preset(const std::string& name, int size) {
  if (auto message = validate_kernel_preset(name, size); !message.empty()) {
    throw std::invalid_argument(message);
  }
  const std::size_t taps = static_cast<std::size_t>(size) * size;
  if (name == "box-blur") return std::vector<double>(taps, 1.0 / static_cast<double>(taps));
  if (name == "identity") {
    std::vector<double> kernel(taps, 0.0);
    kernel[taps / 2] = 1.0;
    return kernel;
  }
  if (name == "gaussian") {
    const std::vector<double> row = binomial_row(size);
    double total = 0.0;
    for (double value : row) total += value;
    std::vector<double> kernel(taps);
    for (int i = 0; i < size; ++i) {
      for (int j = 0; j < size; ++j) kernel[i * size + j] = row[i] * row[j] / (total * total);
    }
    return kernel;
  }
  for (const auto& [preset, weights] : fixed_kernels()) {
    if (preset == name) return weights;
  }
  throw std::logic_error("kernel preset " + name + " has no weights");
}

}  // namespace descent

DESCENT_END_COLD_CODE

#pragma once
// Gradient clipping, as torch.nn.utils.clip_grad_norm_ / clip_grad_value_.
#include <Eigen/Dense>
#include <string>

namespace descent {

struct ClipSettings {
  std::string mode = "none";  // "none", "norm", "value"
  double threshold = 1.0;     // max L2 norm, or max |component|
};

// Empty when valid: mode is "none", "norm" or "value" and, unless "none", the threshold is
// finite and > 0.
std::string validate_clip_settings(const ClipSettings& settings);

// Rescales grad so its L2 norm is at most max_norm (direction kept). Returns the norm before
// clipping. As torch, the factor is max_norm/(norm + 1e-6), applied only when below 1.
// Throws std::invalid_argument unless max_norm is finite and > 0 (likewise max_abs below).
double clip_by_norm(Eigen::VectorXd& grad, double max_norm);

// Clamps every component into [-max_abs, max_abs].
void clip_by_value(Eigen::VectorXd& grad, double max_abs);

// Applies settings.mode; no-op for "none". Throws std::invalid_argument for invalid settings.
void apply_clipping(const ClipSettings& settings, Eigen::VectorXd& grad);

}  // namespace descent

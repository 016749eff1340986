#include "descent/optim/gradient_clipping.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "descent/math/messages.hpp"
#include "descent/optim/hyper_parameters.hpp"

namespace descent {
namespace {

void require_positive_threshold(const char* owner, double threshold) {
  if (!(std::isfinite(threshold) && threshold > 0.0)) {
    throw std::invalid_argument(std::string(owner) +
                                ": threshold must be a finite number > 0, got " +
                                format_number(threshold));
  }
}

}  // namespace

std::string validate_clip_settings(const ClipSettings& settings) {
  if (settings.mode == "none") return "";  // the threshold is unused
  if (settings.mode != "norm" && settings.mode != "value") {
    return "unknown clipping mode " + quote_value(settings.mode) + " (valid: none, norm, value)";
  }
  if (!(std::isfinite(settings.threshold) && settings.threshold > 0.0)) {
    return "clipping: threshold must be a finite number > 0, got " +
           format_number(settings.threshold);
  }
  return "";
}

double clip_by_norm(Eigen::VectorXd& grad, double max_norm) {
  require_positive_threshold("clip_by_norm", max_norm);
  // Summed in index order (not Eigen's SIMD reduction) so native and WebAssembly agree bit for bit.
  double sum_of_squares = 0.0;
  for (Eigen::Index i = 0; i < grad.size(); ++i) sum_of_squares += grad[i] * grad[i];
  const double norm = std::sqrt(sum_of_squares);
  // torch adds 1e-6 to the norm, so a clipped gradient ends just under max_norm.
  const double scale = max_norm / (norm + 1e-6);
  if (scale < 1.0) grad *= scale;
  return norm;
}

void clip_by_value(Eigen::VectorXd& grad, double max_abs) {
  require_positive_threshold("clip_by_value", max_abs);
  // std::clamp keeps NaN as NaN, as torch.clamp does, so a divergence stays visible.
  for (Eigen::Index i = 0; i < grad.size(); ++i) grad[i] = std::clamp(grad[i], -max_abs, max_abs);
}

void apply_clipping(const ClipSettings& settings, Eigen::VectorXd& grad) {
  if (settings.mode == "none") return;  // the common case, first: this runs on every step
  const std::string message = validate_clip_settings(settings);
  if (!message.empty()) throw std::invalid_argument(message);
  if (settings.mode == "norm") {
    clip_by_norm(grad, settings.threshold);
  } else if (settings.mode == "value") {
    clip_by_value(grad, settings.threshold);
  }
}

}  // namespace descent

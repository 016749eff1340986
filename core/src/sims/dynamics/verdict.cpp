#include "descent/sims/dynamics/verdict.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace descent {

std::string flow_verdict_name(FlowVerdict verdict) {
  switch (verdict) {
    case FlowVerdict::kHealthy:
      return "healthy";
    case FlowVerdict::kFading:
      return "fading";
    case FlowVerdict::kVanishing:
      return "vanishing";
    case FlowVerdict::kExploding:
      return "exploding";
    case FlowVerdict::kNonFinite:
      return "nan";
  }
  return "nan";
}

double gradient_flow_ratio(const std::vector<double>& gradient_norms) {
  if (gradient_norms.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double largest = *std::max_element(gradient_norms.begin(), gradient_norms.end());
  if (!(largest > 0.0) || !std::isfinite(largest)) return std::numeric_limits<double>::quiet_NaN();
  return gradient_norms.front() / largest;
}

FlowVerdict classify_gradient_flow(const std::vector<double>& gradient_norms, double loss) {
  const bool finite = std::isfinite(loss) && !gradient_norms.empty() &&
                      std::all_of(gradient_norms.begin(), gradient_norms.end(),
                                  [](double norm) { return std::isfinite(norm); });
  if (!finite) return FlowVerdict::kNonFinite;
  const double largest = *std::max_element(gradient_norms.begin(), gradient_norms.end());
  if (largest > kExplodingNorm) return FlowVerdict::kExploding;
  if (loss > kFittedLoss && largest < kVanishingGradientPerLoss * loss) {
    return FlowVerdict::kVanishing;
  }
  const double ratio = gradient_flow_ratio(gradient_norms);
  if (ratio < kVanishingRatio) return FlowVerdict::kVanishing;
  if (ratio < kFadingRatio) return FlowVerdict::kFading;
  return FlowVerdict::kHealthy;
}

}  // namespace descent

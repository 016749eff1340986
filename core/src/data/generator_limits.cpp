#include "descent/data/generator_limits.hpp"

#include "descent/math/cold_code.hpp"
#include "descent/math/messages.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent {

std::string validate_point_count(int count) {
  if (count >= kMinPointCount && count <= kMaxPointCount) return "";
  return "point count must be between " + std::to_string(kMinPointCount) + " and " +
         std::to_string(kMaxPointCount) + ", got " + std::to_string(count);
}

std::string validate_noise(double noise) {
  if (noise >= 0.0 && noise <= kMaxNoise) return "";
  return "noise must be a number in [0, " + format_number(kMaxNoise) + "], got " +
         format_number(noise);
}

}  // namespace descent

DESCENT_END_COLD_CODE

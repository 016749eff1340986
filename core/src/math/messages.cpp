#include "descent/math/messages.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "descent/math/cold_code.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent {

std::string format_number(double value) {
  char text[32];
  // Whole numbers below 1e15 are exact in %.0f and read better than %g's "1e+04".
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    std::snprintf(text, sizeof text, "%.0f", value);
    return text;
  }
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(text, sizeof text, "%.*g", precision, value);
    if (std::strtod(text, nullptr) == value) break;
  }
  return text;
}

std::string check_range(const std::string& owner, const std::string& key, double value,
                        double min_value, double max_value, bool max_exclusive) {
  const bool in_range =
      value >= min_value && (max_exclusive ? value < max_value : value <= max_value);
  if (std::isfinite(value) && in_range) return "";
  const std::string prefix = owner + ": " + key + " must be ";
  const std::string got = ", got " + format_number(value);
  if (std::isinf(max_value)) return prefix + "a finite number ≥ " + format_number(min_value) + got;
  return prefix + "in [" + format_number(min_value) + ", " + format_number(max_value) +
         (max_exclusive ? ")" : "]") + got;
}

std::string shorten_text(const std::string& text, std::size_t max_chars) {
  std::size_t characters = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    // A UTF-8 continuation byte (10xxxxxx) belongs to the character before it.
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (characters == max_chars) return text.substr(0, i) + "…";
    ++characters;
  }
  return text;
}

std::string quote_value(const std::string& text, std::size_t max_chars) {
  return "'" + shorten_text(text, max_chars) + "'";
}

std::string first_message(std::initializer_list<std::string> messages) {
  for (const auto& message : messages) {
    if (!message.empty()) return message;
  }
  return "";
}

}  // namespace descent

DESCENT_END_COLD_CODE

#pragma once
// Building the user-facing messages that validation returns: exact numbers,
// range checks, the first of several problems.
#include <initializer_list>
#include <string>

namespace descent {

// Shortest decimal text that reads back as exactly `value` (e.g. "0.1", "1e-12", "0.999999").
std::string format_number(double value);

// Empty when `value` is finite and within [min_value, max_value] (or [min_value, max_value) when
// max_exclusive), otherwise "owner: key must be in [min, max], got value".
std::string check_range(const std::string& owner, const std::string& key, double value,
                        double min_value, double max_value, bool max_exclusive = false);

// The first non-empty message, or an empty string when all are empty.
std::string first_message(std::initializer_list<std::string> messages);

}  // namespace descent

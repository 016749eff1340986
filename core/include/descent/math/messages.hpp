#pragma once
// Building the user-facing messages that validation returns: exact numbers,
// range checks, the first of several problems.
#include <cstddef>
#include <initializer_list>
#include <string>

namespace descent {

// Shortest decimal text that reads back as exactly `value` (e.g. "0.1", "1e-12", "0.999999").
std::string format_number(double value);

// Empty when `value` is finite and within [min_value, max_value] (or [min_value, max_value) when
// max_exclusive), otherwise "owner: key must be in [min, max], got value".
std::string check_range(const std::string& owner, const std::string& key, double value,
                        double min_value, double max_value, bool max_exclusive = false);

// Longest user text (a name, a cell, an id) a message quotes; longer text is cut with "…", so a
// huge input never makes a huge message.
constexpr std::size_t kMaxQuotedChars = 40;

// `text` cut to at most `max_chars` characters (whole UTF-8 sequences) followed by "…" when it was
// longer; `text` itself otherwise.
std::string shorten_text(const std::string& text, std::size_t max_chars = kMaxQuotedChars);

// shorten_text(text) in single quotes: 'adamx', 'aaaa…'.
std::string quote_value(const std::string& text, std::size_t max_chars = kMaxQuotedChars);

// The first non-empty message, or an empty string when all are empty.
std::string first_message(std::initializer_list<std::string> messages);

}  // namespace descent

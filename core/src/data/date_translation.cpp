#include "descent/data/date_translation.hpp"

#include <cstring>
#include <stdexcept>

#include "descent/data/generator_limits.hpp"
#include "descent/math/cold_code.hpp"
#include "descent/math/messages.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent {
namespace {

const char* const kMonthNames[12] = {"January",   "February", "March",    "April",
                                     "May",       "June",     "July",     "August",
                                     "September", "October",  "November", "December"};

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

// An integer uniform in [low, high].
int uniform_int(Rng& rng, int low, int high) {
  return low + static_cast<int>(rng.uniform() * (high - low + 1));
}

std::string two_digits(int value) { return (value < 10 ? "0" : "") + std::to_string(value); }

// The id of `symbol` among `symbols`, or −1.
int symbol_id(const char* symbols, char symbol) {
  const char* found = std::strchr(symbols, symbol);
  return symbol != '\0' && found != nullptr ? static_cast<int>(found - symbols) : -1;
}

// `text` as ids right-aligned in `row` of a count × kDateSourceLength matrix (padding 0 in
// front), its mask row 1 on the characters. Precondition: every character is a source symbol.
void write_source(const std::string& text, Eigen::Index row, Eigen::MatrixXd& ids,
                  Eigen::MatrixXd& mask) {
  const auto padding = static_cast<Eigen::Index>(kDateSourceLength - text.size());
  ids.row(row).setZero();
  mask.row(row).setZero();
  for (std::size_t k = 0; k < text.size(); ++k) {
    const Eigen::Index column = padding + static_cast<Eigen::Index>(k);
    ids(row, column) = symbol_id(kDateSourceSymbols, text[k]);
    mask(row, column) = 1.0;
  }
}

}  // namespace

std::string validate_date_translation_spec(const DateTranslationSpec& spec) {
  const std::string count_message = validate_point_count(spec.count);
  if (!count_message.empty()) return "date translation: " + count_message;
  if (spec.first_year < 1000 || spec.last_year > 9999 || spec.first_year > spec.last_year) {
    return "date translation: years must satisfy 1000 ≤ first_year ≤ last_year ≤ 9999, got " +
           std::to_string(spec.first_year) + " … " + std::to_string(spec.last_year);
  }
  return "";
}

std::string written_date(int year, int month, int day) {
  return std::to_string(day) + " " + kMonthNames[month - 1] + " " + std::to_string(year);
}

std::string iso_date(int year, int month, int day) {
  return std::to_string(year) + "-" + two_digits(month) + "-" + two_digits(day);
}

Seq2SeqDataset make_date_translations(const DateTranslationSpec& spec, Rng& rng) {
  const std::string message = validate_date_translation_spec(spec);
  if (!message.empty()) throw std::invalid_argument(message);
  Seq2SeqDataset data;
  data.source_symbols = kDateSourceSymbols;
  data.target_symbols = kDateTargetSymbols;
  data.source_vocabulary = static_cast<int>(data.source_symbols.size());
  data.target_classes = static_cast<int>(data.target_symbols.size());
  data.sources.resize(spec.count, kDateSourceLength);
  data.source_mask.resize(spec.count, kDateSourceLength);
  data.targets.resize(spec.count, kDateTargetLength);
  for (int n = 0; n < spec.count; ++n) {
    const int year = uniform_int(rng, spec.first_year, spec.last_year);
    const int month = uniform_int(rng, 1, 12);
    const int day = uniform_int(rng, 1, days_in_month(year, month));
    write_source(written_date(year, month, day), n, data.sources, data.source_mask);
    const std::string target = iso_date(year, month, day);
    for (int k = 0; k < kDateTargetLength; ++k) {
      data.targets(n, k) = symbol_id(kDateTargetSymbols, target[static_cast<std::size_t>(k)]);
    }
  }
  return data;
}

std::string date_source_ids(const std::string& text, Eigen::MatrixXd& ids, Eigen::MatrixXd& mask) {
  if (text.empty() || text.size() > static_cast<std::size_t>(kDateSourceLength)) {
    return "date translation: the text must have 1 to " + std::to_string(kDateSourceLength) +
           " characters, got " + std::to_string(text.size()) + " (" + quote_value(text) + ")";
  }
  for (const char symbol : text) {
    if (symbol == '_' || symbol_id(kDateSourceSymbols, symbol) < 0) {
      return "date translation: " + quote_value(std::string(1, symbol)) + " in " +
             quote_value(text) +
             " is not one of the characters the model reads (digits, a space "
             "and the letters of the month names)";
    }
  }
  Eigen::MatrixXd row_ids(1, kDateSourceLength), row_mask(1, kDateSourceLength);
  write_source(text, 0, row_ids, row_mask);
  ids = row_ids;
  mask = row_mask;
  return "";
}

}  // namespace descent

DESCENT_END_COLD_CODE

#pragma once
// Date-format translation, character by character (the classic seq2seq toy task): a date written
// out, "12 March 2021", becomes its ISO form "2021-03-12". Dates are drawn valid (leap years
// included): a year uniform in [first_year, last_year], a month uniform in 1 … 12, a day uniform
// over that month's days — drawn in that order, pair by pair.
//
//   source   the written date ("D Month YYYY", the day without a leading zero: 10 to 17
//            characters), left-padded to kDateSourceLength steps with the padding id 0, so an
//            encoder's last state follows the last real character; ids index kDateSourceSymbols
//   target   "YYYY-MM-DD": kDateTargetLength ids indexing kDateTargetSymbols (no padding)
//   masks    source_mask 0 on the padding, 1 on the characters; no target mask
#include <string>

#include "descent/data/seq2seq_dataset.hpp"
#include "descent/math/rng.hpp"

namespace descent {

// Id i is character i; id 0 ('_') is the padding.
inline constexpr const char* kDateSourceSymbols = "_ 0123456789ADFJMNOSabceghilmnoprstuvy";
inline constexpr const char* kDateTargetSymbols = "0123456789-";
constexpr int kDateSourceLength = 17;  // "28 September 2021"
constexpr int kDateTargetLength = 10;  // "2021-09-28"

struct DateTranslationSpec {
  int count = 256;
  int first_year = 1950;
  int last_year = 2049;
};

// Empty when valid: count (validate_point_count), 1000 ≤ first_year ≤ last_year ≤ 9999.
std::string validate_date_translation_spec(const DateTranslationSpec& spec);

// Throws std::invalid_argument with the validation message when invalid.
Seq2SeqDataset make_date_translations(const DateTranslationSpec& spec, Rng& rng);

// "12 March 2021" for (2021, 3, 12), and "2021-03-12". No validation: month in 1 … 12.
std::string written_date(int year, int month, int day);
std::string iso_date(int year, int month, int day);

// A typed source ("3 May 1999") as one padded row of ids and its mask (each 1 × kDateSourceLength),
// for decoding a user's own input. Returns "" or a message naming the problem (a character
// outside the source symbols, an empty or too long text); the outputs are set only on success.
std::string date_source_ids(const std::string& text, Eigen::MatrixXd& ids, Eigen::MatrixXd& mask);

}  // namespace descent

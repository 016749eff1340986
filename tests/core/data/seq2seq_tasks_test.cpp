// The seq2seq tasks: reverse/copy pairs and date translation — layout, validity, determinism.
#include <catch2/catch.hpp>
#include <cstring>
#include <stdexcept>
#include <string>

#include "descent/data/date_translation.hpp"
#include "descent/data/token_copy.hpp"

using descent::Rng;
using descent::Seq2SeqDataset;

namespace {

// The characters of one row of ids, skipping masked steps.
std::string characters(const Eigen::MatrixXd& ids, const Eigen::MatrixXd& mask, int row,
                       const std::string& symbols) {
  std::string text;
  for (Eigen::Index t = 0; t < ids.cols(); ++t) {
    if (mask.size() != 0 && mask(row, t) == 0.0) continue;
    text += symbols[static_cast<std::size_t>(ids(row, t))];
  }
  return text;
}

}  // namespace

TEST_CASE("copy and reverse pairs hold the single-stream task's symbols", "[data][seq2seq]") {
  for (const bool reverse : {false, true}) {
    const descent::TokenCopySpec spec{30, 6, 5, reverse};
    Rng rng(4), same(4);
    const Seq2SeqDataset pairs = descent::make_token_copy_pairs(spec, rng);
    const descent::SequenceDataset stream = descent::make_token_copy(spec, same);
    REQUIRE(pairs.sources.rows() == 30);
    REQUIRE(pairs.sources.cols() == 6);
    REQUIRE(pairs.targets.cols() == 6);
    CHECK(pairs.source_vocabulary == 5);
    CHECK(pairs.target_classes == 5);
    CHECK(pairs.source_mask.size() == 0);
    CHECK(pairs.target_mask.size() == 0);
    CHECK(pairs.sources == stream.inputs.leftCols(6));
    for (int n = 0; n < 30; ++n) {
      for (int i = 0; i < 6; ++i) {
        CHECK(pairs.targets(n, i) == pairs.sources(n, reverse ? 5 - i : i));
      }
    }
  }
  Rng first(9), again(9), other(10);
  const descent::TokenCopySpec spec{16, 8, 6, true};
  CHECK(descent::make_token_copy_pairs(spec, first).sources ==
        descent::make_token_copy_pairs(spec, again).sources);
  CHECK(descent::make_token_copy_pairs(spec, first).sources !=
        descent::make_token_copy_pairs(spec, other).sources);
  CHECK_THROWS_WITH(descent::make_token_copy_pairs({16, 0, 6, true}, first),
                    "reverse: length must be ≥ 1, got 0");
}

TEST_CASE("date translation: written dates to ISO dates, valid and seeded", "[data][seq2seq]") {
  CHECK(descent::written_date(2021, 3, 12) == "12 March 2021");
  CHECK(descent::iso_date(2021, 3, 12) == "2021-03-12");
  CHECK(descent::written_date(1999, 9, 28) == "28 September 1999");
  CHECK(std::strlen(descent::written_date(2000, 9, 28).c_str()) ==
        static_cast<std::size_t>(descent::kDateSourceLength));

  Rng rng(6);
  const Seq2SeqDataset data = descent::make_date_translations({400, 1900, 2099}, rng);
  REQUIRE(data.sources.rows() == 400);
  REQUIRE(data.sources.cols() == descent::kDateSourceLength);
  REQUIRE(data.source_mask.cols() == descent::kDateSourceLength);
  REQUIRE(data.targets.cols() == descent::kDateTargetLength);
  CHECK(data.target_mask.size() == 0);
  CHECK(data.source_vocabulary == static_cast<int>(std::strlen(descent::kDateSourceSymbols)));
  CHECK(data.target_classes == 11);
  int leap_days = 0, short_sources = 0;
  for (int n = 0; n < 400; ++n) {
    const std::string target = characters(data.targets, Eigen::MatrixXd(), n, data.target_symbols);
    const std::string source = characters(data.sources, data.source_mask, n, data.source_symbols);
    // Padding in front only: the mask is 0 … 0 1 … 1 and padded steps hold id 0.
    const int real = static_cast<int>(data.source_mask.row(n).sum());
    CHECK(data.source_mask.row(n).tail(real).minCoeff() == 1.0);
    CHECK(data.sources.row(n).head(descent::kDateSourceLength - real).cwiseAbs().sum() == 0.0);
    short_sources += real < 13;
    const int year = std::stoi(target.substr(0, 4)), month = std::stoi(target.substr(5, 2));
    const int day = std::stoi(target.substr(8, 2));
    INFO(source << " → " << target);
    REQUIRE(target[4] == '-');
    REQUIRE(target[7] == '-');
    CHECK((year >= 1900 && year <= 2099));
    CHECK((month >= 1 && month <= 12));
    CHECK(day >= 1);
    // The source is the same date written out, and the day exists in that month.
    CHECK(source == descent::written_date(year, month, day));
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int days[] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    CHECK(day <= days[month - 1]);
    leap_days += month == 2 && day == 29;
  }
  CHECK(short_sources > 10);  // "1 May 2021"-like dates do occur
  CHECK(leap_days < 10);

  Rng first(3), again(3), other(4);
  const Seq2SeqDataset a = descent::make_date_translations({20}, first);
  CHECK(a.sources == descent::make_date_translations({20}, again).sources);
  CHECK(a.targets != descent::make_date_translations({20}, other).targets);

  CHECK(descent::validate_date_translation_spec({1}) ==
        "date translation: point count must be between 2 and 100000, got 1");
  CHECK(descent::validate_date_translation_spec({8, 2050, 2049}) ==
        "date translation: years must satisfy 1000 ≤ first_year ≤ last_year ≤ 9999, got 2050 … "
        "2049");
  CHECK_THROWS_WITH(descent::make_date_translations({8, 999, 2000}, rng),
                    Catch::StartsWith("date translation: years must satisfy"));
}

TEST_CASE("a typed date becomes padded source ids", "[data][seq2seq]") {
  Eigen::MatrixXd ids, mask;
  REQUIRE(descent::date_source_ids("3 May 1999", ids, mask).empty());
  REQUIRE(ids.cols() == descent::kDateSourceLength);
  CHECK(mask.sum() == 10.0);
  CHECK(characters(ids, mask, 0, descent::kDateSourceSymbols) == "3 May 1999");
  CHECK(ids.leftCols(7).isZero(0.0));
  CHECK(descent::date_source_ids("3 may 1999!", ids, mask) ==
        "date translation: '!' in '3 may 1999!' is not one of the characters the model reads "
        "(digits, a space and the letters of the month names)");
  CHECK(descent::date_source_ids("", ids, mask) ==
        "date translation: the text must have 1 to 17 characters, got 0 ('')");
  CHECK(descent::date_source_ids("_3 May", ids, mask).find("'_'") != std::string::npos);
  CHECK(mask.sum() == 10.0);  // unchanged by the failures
}

#pragma once
// A small user data set from CSV text (the caller reads the file; the core does no I/O).
//
// Format: comma-separated; the first non-blank line is a header of unique, non-empty column
// names; every other non-blank line is one sample with one value per column. Values may be
// quoted ("a, b" with "" for a quote inside); spaces and tabs around values are ignored; blank
// lines, a trailing newline, \r\n or \r line ends and a UTF-8 byte order mark are accepted.
// One column is the target (by name, or the last one); the others, in header order, are the
// features and must be finite numbers.
// Target kinds: regression (a finite number per row) or classification (any non-empty text; each
// distinct text is a class, numbered in order of first appearance, compared exactly: "1" and
// "1.0" are different classes). Automatic: classification as soon as one target value is not a
// number, otherwise regression — so integer class labels need CsvTargetKind::classification.
// Errors are reported one at a time, naming the line (1-based, counting blank lines) and the
// column: first the text's structure (header, quotes, value counts, limits), then the values,
// top to bottom and left to right, e.g. "line 7, column 'x2': 'abc' is not a number".
#include <cstddef>
#include <string>
#include <vector>

#include "descent/data/dataset.hpp"

namespace descent {

constexpr int kMaxCsvRows = 10000;  // data rows, the header not counted
constexpr int kMaxCsvColumns = 32;  // features and target together
constexpr int kMaxCsvClasses = 32;  // distinct target values of a classification target
constexpr int kMinCsvRows = 2;
// Largest text import_csv reads (checked before parsing): 10,000 rows of 32 columns of ~12
// characters fit; a bigger file is refused by its size alone.
constexpr std::size_t kMaxCsvBytes = 4 * 1024 * 1024;

enum class CsvTargetKind { automatic, regression, classification };

struct CsvImportOptions {
  std::string target_column;  // name of the target column; empty ⇒ the last column
  CsvTargetKind target_kind = CsvTargetKind::automatic;
};

struct CsvImportResult {
  std::string message;      // empty on success, otherwise what is wrong and where
  Dataset dataset;          // the data when message is empty; feature names from the header
  std::string target_name;  // the target column's header name
  std::vector<std::string> class_names;  // class i's text (classification); empty for regression

  bool ok() const { return message.empty(); }
};

// Parses `text`; never throws for bad input (the message says what is wrong).
CsvImportResult import_csv(const std::string& text, const CsvImportOptions& options = {});

}  // namespace descent

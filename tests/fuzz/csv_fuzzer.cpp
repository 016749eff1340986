// libFuzzer harness for the CSV importer (build-scripts/fuzz.sh).
// Input: one options byte, then the CSV text. The options byte (seeds use '@'..'_', 0x40 + bits):
//   bits 0-1  target kind: 0 automatic, 1 regression, 2 classification, 3 automatic
//   bits 2-4  target column: 0 none (the last column); 1-6 the name of that field (1-based) of the
//             text's first line, split at commas and trimmed; 7 a name that is in no header
//   bit 5     the line ending the text is rewritten with below: 0 "\r\n", 1 "\r"
// It checks that import_csv never crashes, hangs, throws or trips ASan/UBSan, and that:
// - a failure has a message and no data;
// - a success keeps the header's promises: 2 ≤ rows ≤ kMaxCsvRows, 1 feature or more and at most
//   kMaxCsvColumns columns, validate_dataset passes (finite values, consistent shapes, one-hot
//   targets matching the labels), feature and target names unique and non-empty, the requested
//   target and kind honoured, classes numbered in order of first appearance, 2 to kMaxCsvClasses
//   distinct non-empty class names, and no more rows than the text has lines;
// - the result (message or data) is identical with a UTF-8 byte order mark in front, and, for text
//   without '\r', with every '\n' written as "\r\n" or "\r".
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "descent/data/csv_import.hpp"

using namespace descent;

namespace {

[[noreturn]] void fail(const char* what, const std::string& text, const std::string& detail) {
  std::fprintf(stderr, "csv_fuzzer: %s\n  %s\n  text (%zu bytes):\n%s\n", what, detail.c_str(),
               text.size(), text.c_str());
  std::abort();
}

// `text` is the CSV text in every function using it.
#define REQUIRE(condition, detail)                    \
  do {                                                \
    if (!(condition)) fail(#condition, text, detail); \
  } while (false)

bool is_space(char c) { return c == ' ' || c == '\t'; }

// Field `index` (0-based) of the first line (after a byte order mark), split naively at commas
// and trimmed.
std::string first_line_field(const std::string& text, int index) {
  const std::size_t start = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  const std::string line = text.substr(start, text.find_first_of("\r\n") - start);
  std::size_t begin = 0;
  for (int i = 0; i < index; ++i) {
    begin = line.find(',', begin);
    if (begin == std::string::npos) return "";
    ++begin;
  }
  std::size_t end = line.find(',', begin);
  if (end == std::string::npos) end = line.size();
  while (begin < end && is_space(line[begin])) ++begin;
  while (end > begin && is_space(line[end - 1])) --end;
  return line.substr(begin, end - begin);
}

bool same_result(const CsvImportResult& a, const CsvImportResult& b) {
  const Dataset& x = a.dataset;
  const Dataset& y = b.dataset;
  return a.message == b.message && a.target_name == b.target_name &&
         a.class_names == b.class_names && x.inputs.rows() == y.inputs.rows() &&
         x.inputs.cols() == y.inputs.cols() && x.inputs == y.inputs &&
         x.targets.rows() == y.targets.rows() && x.targets.cols() == y.targets.cols() &&
         x.targets == y.targets && x.labels == y.labels && x.class_count == y.class_count &&
         x.feature_names == y.feature_names && x.description == y.description;
}

void check_success(const std::string& text, const CsvImportOptions& options,
                   const CsvImportResult& result) {
  const Dataset& data = result.dataset;
  const std::string validation = validate_dataset(data);
  REQUIRE(validation.empty(), validation);
  const int rows = data.size();
  REQUIRE(rows >= kMinCsvRows && rows <= kMaxCsvRows, std::to_string(rows));
  std::size_t lines = 1;
  for (char c : text) lines += c == '\n' || c == '\r';
  REQUIRE(static_cast<std::size_t>(rows) < lines, "more rows than lines after the header");
  REQUIRE(data.targets.rows() == rows, "");
  REQUIRE(data.feature_count() >= 1 && data.feature_count() + 1 <= kMaxCsvColumns,
          std::to_string(data.feature_count()));
  REQUIRE(static_cast<int>(data.feature_names.size()) == data.feature_count(), "");
  REQUIRE(data.inputs.allFinite() && data.targets.allFinite(), "");
  REQUIRE(!data.description.empty(), "");

  std::set<std::string> names(data.feature_names.begin(), data.feature_names.end());
  names.insert(result.target_name);
  REQUIRE(names.size() == data.feature_names.size() + 1, "repeated column name");
  REQUIRE(names.count("") == 0, "empty column name");
  if (!options.target_column.empty()) {
    REQUIRE(result.target_name == options.target_column, result.target_name);
  }

  if (!data.is_classification()) {
    REQUIRE(options.target_kind != CsvTargetKind::classification, "");
    REQUIRE(data.targets.cols() == 1 && data.labels.empty() && result.class_names.empty(), "");
    return;
  }
  REQUIRE(options.target_kind != CsvTargetKind::regression, "");
  const int classes = data.class_count;
  REQUIRE(classes >= 2 && classes <= kMaxCsvClasses, std::to_string(classes));
  REQUIRE(static_cast<int>(result.class_names.size()) == classes, "");
  REQUIRE(std::set<std::string>(result.class_names.begin(), result.class_names.end()).size() ==
              result.class_names.size(),
          "repeated class name");
  int next_new_class = 0;
  for (int label : data.labels) {
    REQUIRE(label >= 0 && label <= next_new_class, "classes not numbered by first appearance");
    if (label == next_new_class) ++next_new_class;
  }
  REQUIRE(next_new_class == classes, "a class with no sample");
  for (const std::string& name : result.class_names) REQUIRE(!name.empty(), "empty class name");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t flags = data[0];
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);

  CsvImportOptions options;
  static const CsvTargetKind kKinds[] = {CsvTargetKind::automatic, CsvTargetKind::regression,
                                         CsvTargetKind::classification, CsvTargetKind::automatic};
  options.target_kind = kKinds[flags & 3];
  const int column = (flags >> 2) & 7;
  if (column == 7) {
    options.target_column = "no such column \x01";
  } else if (column > 0) {
    options.target_column = first_line_field(text, column - 1);
  }

  const CsvImportResult result = import_csv(text, options);
  if (result.ok()) {
    check_success(text, options, result);
  } else {
    REQUIRE(result.dataset.size() == 0 && result.dataset.inputs.size() == 0 &&
                result.dataset.targets.size() == 0 && result.dataset.labels.empty() &&
                result.dataset.class_count == 0 && result.dataset.feature_names.empty() &&
                result.class_names.empty() && result.target_name.empty(),
            result.message);
  }

  if (text.compare(0, 3, "\xEF\xBB\xBF") != 0) {
    const CsvImportResult with_bom = import_csv("\xEF\xBB\xBF" + text, options);
    REQUIRE(same_result(result, with_bom),
            "with a byte order mark: " + with_bom.message + "\n  without: " + result.message);
  }
  if (text.find('\r') == std::string::npos && text.find('\n') != std::string::npos) {
    const char* line_end = (flags & 0x20) ? "\r" : "\r\n";
    std::string rewritten;
    for (char c : text) {
      if (c == '\n') {
        rewritten += line_end;
      } else {
        rewritten += c;
      }
    }
    const CsvImportResult other = import_csv(rewritten, options);
    REQUIRE(same_result(result, other), std::string("with line ends ") +
                                            ((flags & 0x20) ? "\\r" : "\\r\\n") + ": " +
                                            other.message + "\n  with \\n: " + result.message);
  }
  return 0;
}

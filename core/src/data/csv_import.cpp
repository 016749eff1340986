#include "descent/data/csv_import.hpp"

#include <cmath>
#include <cstdlib>
#include <map>

#include "descent/math/cold_code.hpp"
#include "descent/math/messages.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent {
namespace {

struct Record {
  int line;                         // 1-based line number in the text
  std::vector<std::string> fields;  // unquoted, trimmed values
};

// A structural problem in one line: which field (0-based) and what.
struct LineError {
  int field = -1;  // -1: no error
  std::string what;
};

bool is_space(char c) { return c == ' ' || c == '\t'; }

// Splits text[begin, end) (one line, no line break) into values.
LineError split_line(const std::string& text, std::size_t begin, std::size_t end,
                     std::vector<std::string>& fields) {
  fields.clear();
  std::size_t pos = begin;
  while (true) {
    while (pos < end && is_space(text[pos])) ++pos;
    std::string value;
    if (pos < end && text[pos] == '"') {
      ++pos;
      while (true) {
        if (pos >= end) {
          return {static_cast<int>(fields.size()), "missing closing quote"};
        }
        if (text[pos] != '"') {
          value += text[pos++];
        } else if (pos + 1 < end && text[pos + 1] == '"') {
          value += '"';
          pos += 2;
        } else {
          ++pos;
          break;
        }
      }
      while (pos < end && is_space(text[pos])) ++pos;
      if (pos < end && text[pos] != ',') {
        return {static_cast<int>(fields.size()), "unexpected text after the closing quote"};
      }
    } else {
      const std::size_t start = pos;
      while (pos < end && text[pos] != ',') ++pos;
      std::size_t stop = pos;
      while (stop > start && is_space(text[stop - 1])) --stop;
      value.assign(text, start, stop - start);
    }
    fields.push_back(std::move(value));
    if (pos >= end) return {};
    ++pos;  // the comma
  }
}

enum class NumberKind { number, empty, not_a_number, not_finite, out_of_range };

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string lowercase(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// Decimal numbers only: [+-] digits [. digits] [e [+-] digits], at least one mantissa digit.
NumberKind parse_number(const std::string& cell, double& value) {
  if (cell.empty()) return NumberKind::empty;
  std::size_t i = 0;
  if (cell[i] == '+' || cell[i] == '-') ++i;
  const std::size_t unsigned_start = i;
  std::size_t digits = 0;
  while (i < cell.size() && is_digit(cell[i])) ++i, ++digits;
  if (i < cell.size() && cell[i] == '.') {
    ++i;
    while (i < cell.size() && is_digit(cell[i])) ++i, ++digits;
  }
  bool well_formed = digits > 0;
  if (well_formed && i < cell.size() && (cell[i] == 'e' || cell[i] == 'E')) {
    ++i;
    if (i < cell.size() && (cell[i] == '+' || cell[i] == '-')) ++i;
    std::size_t exponent_digits = 0;
    while (i < cell.size() && is_digit(cell[i])) ++i, ++exponent_digits;
    well_formed = exponent_digits > 0;
  }
  if (!well_formed || i != cell.size()) {
    const std::string word = lowercase(cell.substr(unsigned_start));
    const bool non_finite = word == "nan" || word == "inf" || word == "infinity";
    return non_finite ? NumberKind::not_finite : NumberKind::not_a_number;
  }
  // strtod is correctly rounded in glibc and in Emscripten's musl, and the core never changes
  // the C locale, so '.' is the decimal point on both.
  value = std::strtod(cell.c_str(), nullptr);
  return std::isfinite(value) ? NumberKind::number : NumberKind::out_of_range;
}

std::string quoted_cell(const std::string& cell) { return quote_value(cell); }

std::string number_problem(NumberKind kind, const std::string& cell) {
  switch (kind) {
    case NumberKind::empty:
      return "empty value";
    case NumberKind::not_a_number:
      return quoted_cell(cell) + " is not a number";
    case NumberKind::not_finite:
      return quoted_cell(cell) + " is not a finite number";
    case NumberKind::out_of_range:
      return quoted_cell(cell) + " is out of range (beyond ±1.8e308)";
    case NumberKind::number:
      break;
  }
  return "";
}

class CsvParser {
 public:
  CsvParser(const std::string& text, const CsvImportOptions& options)
      : text_(text), options_(options) {}

  CsvImportResult run() {
    CsvImportResult result;
    result.message = read_records();
    if (result.message.empty()) result.message = choose_target();
    if (result.message.empty()) result.message = convert(result);
    if (!result.message.empty()) return CsvImportResult{result.message, {}, {}, {}};
    return result;
  }

 private:
  // "line 7, column 'x2'" once the header is read; header columns and extra values by position.
  std::string where(int line, int field) const {
    const bool named = field < static_cast<int>(header_.size());
    return "line " + std::to_string(line) + ", column " +
           (named ? quoted_cell(header_[static_cast<std::size_t>(field)])
                  : std::to_string(field + 1));
  }

  // Splits the text into the header and the data records, checking the structure.
  std::string read_records() {
    std::size_t pos = text_.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    int line = 0;
    std::vector<std::string> fields;
    while (pos < text_.size()) {
      ++line;
      std::size_t end = pos;
      while (end < text_.size() && text_[end] != '\n' && text_[end] != '\r') ++end;
      const std::size_t next =
          end + ((end + 1 < text_.size() && text_[end] == '\r' && text_[end + 1] == '\n') ? 2 : 1);
      bool blank = true;
      for (std::size_t i = pos; i < end && blank; ++i) blank = is_space(text_[i]);
      if (!blank) {
        const LineError error = split_line(text_, pos, end, fields);
        if (error.field >= 0) return where(line, error.field) + ": " + error.what;
        const std::string message =
            header_line_ == 0 ? read_header(line, fields) : add_record(line, fields);
        if (!message.empty()) return message;
      }
      pos = next;
    }
    if (header_line_ == 0) return "the CSV is empty: expected a header row, then data rows";
    if (records_.size() < static_cast<std::size_t>(kMinCsvRows)) {
      return "the CSV has " + std::to_string(records_.size()) + " data row" +
             (records_.size() == 1 ? "" : "s") + " below the header; at least " +
             std::to_string(kMinCsvRows) + " are needed";
    }
    return "";
  }

  std::string read_header(int line, std::vector<std::string>& names) {
    header_line_ = line;
    const std::string at = "line " + std::to_string(line) + " (header): ";
    if (names.size() < 2) {
      return at + "need at least 2 columns (the features, then the target), found " +
             std::to_string(names.size());
    }
    if (names.size() > static_cast<std::size_t>(kMaxCsvColumns)) {
      return at + std::to_string(names.size()) + " columns; at most " +
             std::to_string(kMaxCsvColumns) + " are allowed";
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i].empty()) return at + "column " + std::to_string(i + 1) + " has no name";
      for (std::size_t j = 0; j < i; ++j) {
        if (names[j] == names[i]) {
          return at + "columns " + std::to_string(j + 1) + " and " + std::to_string(i + 1) +
                 " are both named " + quoted_cell(names[i]);
        }
      }
    }
    header_ = std::move(names);
    return "";
  }

  std::string add_record(int line, std::vector<std::string>& fields) {
    if (records_.size() == static_cast<std::size_t>(kMaxCsvRows)) {
      return "line " + std::to_string(line) + ": too many data rows; at most " +
             std::to_string(kMaxCsvRows) + " are allowed";
    }
    if (fields.size() != header_.size()) {
      return "line " + std::to_string(line) + ": expected " + std::to_string(header_.size()) +
             " values (one per header column), found " + std::to_string(fields.size());
    }
    records_.push_back({line, std::move(fields)});
    return "";
  }

  std::string choose_target() {
    if (options_.target_column.empty()) {
      target_ = static_cast<int>(header_.size()) - 1;
      return "";
    }
    for (std::size_t i = 0; i < header_.size(); ++i) {
      if (header_[i] == options_.target_column) {
        target_ = static_cast<int>(i);
        return "";
      }
    }
    std::string names;
    for (const auto& name : header_) names += (names.empty() ? "" : ", ") + name;
    return "no column named " + quoted_cell(options_.target_column) +
           " in the header (columns: " + names + ")";
  }

  // Automatic kind: classification iff some target value is text that is not a number at all
  // (NaN and Inf count as numbers, to be reported as non-finite). Sets detection_ to say why.
  bool detect_classification() {
    for (const auto& record : records_) {
      const std::string& cell = record.fields[static_cast<std::size_t>(target_)];
      double value = 0.0;
      if (parse_number(cell, value) == NumberKind::not_a_number) {
        detection_ =
            "detected from " + quoted_cell(cell) + " on line " + std::to_string(record.line);
        return true;
      }
    }
    detection_ = "every target value is a number";
    return false;
  }

  std::string convert(CsvImportResult& result) {
    const bool classification =
        options_.target_kind == CsvTargetKind::classification ||
        (options_.target_kind == CsvTargetKind::automatic && detect_classification());
    const auto rows = static_cast<Eigen::Index>(records_.size());
    const auto features = static_cast<Eigen::Index>(header_.size()) - 1;
    Dataset& data = result.dataset;
    data.inputs.resize(rows, features);
    Eigen::VectorXd values(rows);
    std::map<std::string, int> class_of;
    for (Eigen::Index row = 0; row < rows; ++row) {
      const Record& record = records_[static_cast<std::size_t>(row)];
      Eigen::Index feature = 0;
      for (int column = 0; column < static_cast<int>(header_.size()); ++column) {
        const std::string& cell = record.fields[static_cast<std::size_t>(column)];
        if (column == target_ && classification) {
          if (cell.empty()) return where(record.line, column) + ": empty value";
          const auto found = class_of.find(cell);
          if (found != class_of.end()) {
            data.labels.push_back(found->second);
            continue;
          }
          if (result.class_names.size() == static_cast<std::size_t>(kMaxCsvClasses)) {
            return where(record.line, column) + ": " + quoted_cell(cell) + " would be class " +
                   std::to_string(kMaxCsvClasses + 1) + "; at most " +
                   std::to_string(kMaxCsvClasses) + " classes are allowed";
          }
          const int index = static_cast<int>(result.class_names.size());
          class_of.emplace(cell, index);
          result.class_names.push_back(cell);
          data.labels.push_back(index);
          continue;
        }
        double value = 0.0;
        const NumberKind kind = parse_number(cell, value);
        if (kind != NumberKind::number) {
          return where(record.line, column) + ": " + number_problem(kind, cell);
        }
        if (column == target_) {
          values(row) = value;
        } else {
          data.inputs(row, feature++) = value;
        }
      }
    }
    result.target_name = header_[static_cast<std::size_t>(target_)];
    for (int column = 0; column < static_cast<int>(header_.size()); ++column) {
      if (column != target_)
        data.feature_names.push_back(header_[static_cast<std::size_t>(column)]);
    }
    std::string kind_text;
    if (classification) {
      if (result.class_names.size() < 2) {
        return "target column " + quoted_cell(result.target_name) + " has only one class (" +
               quoted_cell(result.class_names.front()) + "); classification needs at least 2";
      }
      data.class_count = static_cast<int>(result.class_names.size());
      data.targets = one_hot(data.labels, data.class_count);
      kind_text = std::to_string(data.class_count) + " classes";
    } else {
      data.targets = values;
      kind_text = "regression";
    }
    if (options_.target_kind == CsvTargetKind::automatic) kind_text += " (" + detection_ + ")";
    data.description = "CSV data: " + std::to_string(rows) + " rows, " + std::to_string(features) +
                       " feature" + (features == 1 ? "" : "s") + ", target " +
                       quoted_cell(result.target_name) + " — " + kind_text;
    return "";
  }

  const std::string& text_;
  const CsvImportOptions& options_;
  int header_line_ = 0;  // 0 until the header is read
  std::vector<std::string> header_;
  std::vector<Record> records_;
  int target_ = -1;        // column index of the target
  std::string detection_;  // why automatic detection chose the kind
};

}  // namespace

CsvImportResult import_csv(const std::string& text, const CsvImportOptions& options) {
  // Checked before any pass over the text: a huge file (or one huge field) costs nothing.
  if (text.size() > kMaxCsvBytes) {
    return CsvImportResult{"the file is too large: " + std::to_string(text.size()) +
                               " bytes; at most " + std::to_string(kMaxCsvBytes) +
                               " bytes are allowed",
                           {},
                           {},
                           {}};
  }
  return CsvParser(text, options).run();
}

}  // namespace descent

DESCENT_END_COLD_CODE

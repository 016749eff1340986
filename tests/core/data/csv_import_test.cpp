#include "descent/data/csv_import.hpp"

#include <catch2/catch.hpp>

using namespace descent;

namespace {

CsvImportResult import_ok(const std::string& text, const CsvImportOptions& options = {}) {
  CsvImportResult result = import_csv(text, options);
  INFO(result.message);
  REQUIRE(result.ok());
  REQUIRE(validate_dataset(result.dataset).empty());
  return result;
}

std::string import_error(const std::string& text, const CsvImportOptions& options = {}) {
  const CsvImportResult result = import_csv(text, options);
  CHECK(result.dataset.size() == 0);
  CHECK(result.class_names.empty());
  return result.message;
}

CsvImportOptions target(const std::string& name, CsvTargetKind kind = CsvTargetKind::automatic) {
  CsvImportOptions options;
  options.target_column = name;
  options.target_kind = kind;
  return options;
}

CsvImportOptions kind(CsvTargetKind target_kind) { return target("", target_kind); }

}  // namespace

TEST_CASE("CSV regression: numeric features, last column as the target", "[data]") {
  const CsvImportResult result = import_ok("x1,x2,y\n1,2,3\n4.5,-5e-1,6\n");
  const Dataset& data = result.dataset;
  Eigen::MatrixXd inputs(2, 2);
  inputs << 1, 2, 4.5, -0.5;
  CHECK(data.inputs == inputs);
  CHECK(data.targets == Eigen::Vector2d(3, 6));
  CHECK(data.feature_names == std::vector<std::string>{"x1", "x2"});
  CHECK(result.target_name == "y");
  CHECK_FALSE(data.is_classification());
  CHECK(data.labels.empty());
  CHECK(result.class_names.empty());
  CHECK(data.description ==
        "CSV data: 2 rows, 2 features, target 'y' — regression (every target value is a number)");
}

TEST_CASE("CSV classification: string labels become classes in order of first appearance",
          "[data]") {
  const CsvImportResult result =
      import_ok("petal,sepal,species\n1,2,setosa\n3,4,versicolor\n5,6,setosa\n7,8,virginica\n");
  const Dataset& data = result.dataset;
  CHECK(data.class_count == 3);
  CHECK(result.class_names == std::vector<std::string>{"setosa", "versicolor", "virginica"});
  CHECK(data.labels == std::vector<int>{0, 1, 0, 2});
  CHECK(data.targets == one_hot({0, 1, 0, 2}, 3));
  CHECK(data.inputs.col(1) == Eigen::Vector4d(2, 4, 6, 8));
  CHECK(data.description ==
        "CSV data: 4 rows, 2 features, target 'species' — 3 classes (detected from 'setosa' on "
        "line 2)");
}

TEST_CASE("CSV target by name; integer labels as classes when asked", "[data]") {
  const std::string text = "label,a,b\n2,0.5,1\n1,1.5,2\n2,2.5,3\n";
  const CsvImportResult automatic = import_ok(text, target("label"));
  CHECK_FALSE(automatic.dataset.is_classification());
  CHECK(automatic.dataset.targets == Eigen::Vector3d(2, 1, 2));
  CHECK(automatic.dataset.feature_names == std::vector<std::string>{"a", "b"});
  CHECK(automatic.dataset.inputs.col(0) == Eigen::Vector3d(0.5, 1.5, 2.5));

  const CsvImportResult classes = import_ok(text, target("label", CsvTargetKind::classification));
  CHECK(classes.dataset.class_count == 2);
  CHECK(classes.class_names == std::vector<std::string>{"2", "1"});
  CHECK(classes.dataset.labels == std::vector<int>{0, 1, 0});
  CHECK(classes.dataset.description == "CSV data: 3 rows, 2 features, target 'label' — 2 classes");

  const CsvImportResult regression = import_ok(text, target("label", CsvTargetKind::regression));
  CHECK(regression.dataset.description ==
        "CSV data: 3 rows, 2 features, target 'label' — regression");
}

TEST_CASE("CSV quotes, spaces, CRLF, blank lines, BOM and number formats", "[data]") {
  const std::string text =
      "\xEF\xBB\xBF\"x, first\" , \"y\"\"s\",class\r\n"
      "\r\n"
      " 1 ,\t\"2\" , \"a, \"\"quoted\"\" label\"\r\n"
      "   \r\n"
      "+3.,.5,b\r"
      "-1.5E+3,7e-2,  a \"literal\"  \r\n"
      "\r\n";
  const CsvImportResult result = import_ok(text);
  const Dataset& data = result.dataset;
  CHECK(data.feature_names == std::vector<std::string>{"x, first", "y\"s"});
  CHECK(result.target_name == "class");
  Eigen::MatrixXd inputs(3, 2);
  inputs << 1, 2, 3, 0.5, -1500, 0.07;
  CHECK(data.inputs == inputs);
  // Quoted values are unquoted; an unquoted value keeps its inner quotes literally.
  CHECK(result.class_names ==
        std::vector<std::string>{"a, \"quoted\" label", "b", "a \"literal\""});
  CHECK(data.labels == std::vector<int>{0, 1, 2});
}

TEST_CASE("CSV errors name the line and the column", "[data]") {
  // Line numbers count blank lines; CRLF and lone CR end lines like LF.
  const std::string header = "x1,x2,label\r\n\r\n1,2,a\r\n";  // data starts on line 3
  CHECK(import_error(header + "3,4,b\r\n4,abc,a\r\n") ==
        "line 5, column 'x2': 'abc' is not a number");
  CHECK(import_error(header + "\r\n\r\n,4,b\n") == "line 6, column 'x1': empty value");
  CHECK(import_error(header + "1,  ,b\n") == "line 4, column 'x2': empty value");
  CHECK(import_error(header + "NaN,4,b\n") == "line 4, column 'x1': 'NaN' is not a finite number");
  CHECK(import_error(header + "1,-Infinity,b\n") ==
        "line 4, column 'x2': '-Infinity' is not a finite number");
  CHECK(import_error(header + "1,inf,b\n") == "line 4, column 'x2': 'inf' is not a finite number");
  CHECK(import_error(header + "1e999,4,b\n") ==
        "line 4, column 'x1': '1e999' is out of range (beyond ±1.8e308)");
  CHECK(import_error(header + "1,2,\n") == "line 4, column 'label': empty value");
  CHECK(import_error(header + "1,2\n") ==
        "line 4: expected 3 values (one per header column), found 2");
  CHECK(import_error(header + "1,2,b,\n") ==
        "line 4: expected 3 values (one per header column), found 4");
  CHECK(import_error(header + "1,2,\"b\n3,4,c\n") ==
        "line 4, column 'label': missing closing quote");
  CHECK(import_error(header + "1,\"2\"x,b\n") ==
        "line 4, column 'x2': unexpected text after the closing quote");
  CHECK(import_error(header + "1,2,b,\"unclosed\n") == "line 4, column 4: missing closing quote");
  // Malformed numbers that strtod would half-accept.
  for (const std::string bad : {"1.2.3", "0x10", "1e", "1e+", "--1", ".", "1,5", "2 3", "e5"}) {
    const std::string cell = bad == "1,5" ? "\"1,5\"" : bad;
    CHECK(import_error(header + cell + ",4,b\n") ==
          "line 4, column 'x1': '" + bad + "' is not a number");
  }
  // Structure is checked before values: the short row on line 5 is reported first.
  CHECK(import_error(header + "abc,4,b\n1,2\n") ==
        "line 5: expected 3 values (one per header column), found 2");
  // Long values are cut in messages.
  CHECK(import_error(header + std::string(60, 'z') + ",4,b\n") ==
        "line 4, column 'x1': '" + std::string(40, 'z') + "…' is not a number");
}

TEST_CASE("CSV header and target errors", "[data]") {
  CHECK(import_error("") == "the CSV is empty: expected a header row, then data rows");
  CHECK(import_error("\n  \r\n") == "the CSV is empty: expected a header row, then data rows");
  CHECK(import_error("x,y\n") == "the CSV has 0 data rows below the header; at least 2 are needed");
  CHECK(import_error("x,y\n1,2\n\n") ==
        "the CSV has 1 data row below the header; at least 2 are needed");
  CHECK(import_error("\ny\n1\n2\n") ==
        "line 2 (header): need at least 2 columns (the features, then the target), found 1");
  CHECK(import_error("x,,y\n1,2,3\n") == "line 1 (header): column 2 has no name");
  CHECK(import_error("x,y,x\n1,2,3\n") == "line 1 (header): columns 1 and 3 are both named 'x'");
  CHECK(import_error("x,\"y\n1,2\n") == "line 1, column 2: missing closing quote");
  CHECK(import_error("x,y\n1,2\n3,4\n", target("z")) ==
        "no column named 'z' in the header (columns: x, y)");
  CHECK(import_error("x,y\n1,cat\n3,4\n", kind(CsvTargetKind::regression)) ==
        "line 2, column 'y': 'cat' is not a number");
  CHECK(import_error("x,y\n1,cat\n3,cat\n") ==
        "target column 'y' has only one class ('cat'); classification needs at least 2");
  // Automatic detection treats NaN as a (bad) number, not as a class name.
  CHECK(import_error("x,y\n1,2\n3,nan\n") == "line 3, column 'y': 'nan' is not a finite number");
}

TEST_CASE("CSV limits: rows, columns and classes", "[data]") {
  const auto rows_text = [](int rows) {
    std::string text = "x,y\n";
    for (int i = 0; i < rows; ++i) text += std::to_string(i) + "," + std::to_string(2 * i) + "\n";
    return text;
  };
  CHECK(import_ok(rows_text(kMaxCsvRows)).dataset.size() == kMaxCsvRows);
  CHECK(import_error(rows_text(kMaxCsvRows + 1)) ==
        "line 10002: too many data rows; at most 10000 are allowed");

  const auto columns_text = [](int columns) {
    std::string header, row;
    for (int i = 0; i < columns; ++i) {
      header += (i ? "," : "") + std::string("c") + std::to_string(i);
      row += (i ? "," : "") + std::to_string(i);
    }
    return header + "\n" + row + "\n" + row + "\n";
  };
  const CsvImportResult widest = import_ok(columns_text(kMaxCsvColumns));
  CHECK(widest.dataset.feature_count() == kMaxCsvColumns - 1);
  CHECK(import_error(columns_text(kMaxCsvColumns + 1)) ==
        "line 1 (header): 33 columns; at most 32 are allowed");

  const auto classes_text = [](int classes) {
    std::string text = "x,label\n";
    for (int i = 0; i < classes; ++i) text += "1,class" + std::to_string(i) + "\n";
    return text;
  };
  CHECK(import_ok(classes_text(kMaxCsvClasses)).dataset.class_count == kMaxCsvClasses);
  CHECK(import_error(classes_text(kMaxCsvClasses + 1)) ==
        "line 34, column 'label': 'class32' would be class 33; at most 32 classes are allowed");
}

TEST_CASE("a CSV larger than kMaxCsvBytes is refused by its size, quoting nothing of it",
          "[data][csv]") {
  const std::string huge = "x1,x2,class\n\"" + std::string(kMaxCsvBytes, 'a') + "\",1,0\n";
  const CsvImportResult result = import_csv(huge);
  REQUIRE_FALSE(result.ok());
  CHECK(result.message.find("too large") != std::string::npos);
  CHECK(result.message.size() < 200);
}

TEST_CASE("a long cell is quoted with a short prefix", "[data][csv]") {
  const std::string cell(5000, 'b');
  const CsvImportResult result =
      import_csv("x1,x2,y\n1,2,3\n1," + cell + ",3\n", {"y", CsvTargetKind::regression});
  REQUIRE_FALSE(result.ok());
  CHECK(result.message.size() < 200);
  CHECK(result.message.find(std::string(40, 'b') + "…'") != std::string::npos);
}

// embind registration of the CSV importer (data/csv_import.hpp): parseCsv(text, options) turns a
// small CSV into a data set of typed arrays, or {ok: false, error} naming the line and column of
// the first problem. The page reads the file (FileReader); the core only sees the text.
#include <emscripten/bind.h>

#include <string>
#include <vector>

#include "descent/data/csv_import.hpp"
#include "descent/math/cold_code.hpp"
#include "descent/math/messages.hpp"
#include "js_values.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent::bindings {
namespace {

using emscripten::val;

// options: {target?: column name (default: the last column),
//           targetKind?: "automatic" | "regression" | "classification"}
std::string read_csv_options(const val& js, CsvImportOptions& options) {
  if (is_missing(js)) return "";
  if (!is_object(js)) return "parseCsv options must be an object";
  if (auto m = read_string(js, "target", options.target_column); !m.empty()) return m;
  std::string kind = "automatic";
  if (auto m = read_string(js, "targetKind", kind); !m.empty()) return m;
  if (kind == "automatic") {
    options.target_kind = CsvTargetKind::automatic;
  } else if (kind == "regression") {
    options.target_kind = CsvTargetKind::regression;
  } else if (kind == "classification") {
    options.target_kind = CsvTargetKind::classification;
  } else {
    return "targetKind must be automatic, regression or classification, not " + quote_value(kind);
  }
  return "";
}

// {ok: true, rows, featureCount, featureNames, features (Float64Array, row-major rows ×
// featureCount), targetName, targetKind, labels (Int32Array) and classNames (classification) or
// targets (Float64Array, regression)} | {ok: false, error}
val parse_csv(const val& js_text, const val& js_options) {
  if (!js_text.isString()) return error_result("parseCsv needs the CSV text as a string");
  // Refused by its length before it is copied into the module: a UTF-8 byte per UTF-16 unit at
  // least, so a longer string is certainly over the byte limit import_csv checks.
  const double length = js_text["length"].as<double>();
  if (length > static_cast<double>(kMaxCsvBytes)) {
    return error_result("the file is too large: at least " + format_number(length) +
                        " bytes; at most " + std::to_string(kMaxCsvBytes) + " bytes are allowed");
  }
  const std::string text = js_text.as<std::string>();
  CsvImportOptions options;
  if (auto m = read_csv_options(js_options, options); !m.empty()) return error_result(m);
  const CsvImportResult imported = import_csv(text, options);
  if (!imported.ok()) return error_result(imported.message);
  const Dataset& data = imported.dataset;
  std::vector<double> features(static_cast<std::size_t>(data.size()) * data.feature_count());
  for (int i = 0; i < data.size(); ++i) {
    for (int j = 0; j < data.feature_count(); ++j) {
      features[static_cast<std::size_t>(i) * data.feature_count() + j] = data.inputs(i, j);
    }
  }
  val result = val::object();
  result.set("ok", true);
  result.set("rows", data.size());
  result.set("featureCount", data.feature_count());
  result.set("featureNames", string_array(data.feature_names));
  result.set("features", to_float64_array(features));
  result.set("targetName", imported.target_name);
  if (data.is_classification()) {
    result.set("targetKind", std::string("classification"));
    result.set("labels", to_int32_array(data.labels));
    result.set("classNames", string_array(imported.class_names));
  } else {
    result.set("targetKind", std::string("regression"));
    std::vector<double> targets(data.targets.data(), data.targets.data() + data.targets.size());
    result.set("targets", to_float64_array(targets));
  }
  return result;
}

}  // namespace
}  // namespace descent::bindings

EMSCRIPTEN_BINDINGS(descent_csv) {
  emscripten::function("parseCsv", &descent::bindings::parse_csv);
}

DESCENT_END_COLD_CODE

// The playground's data set from CSV text (playground.hpp): two feature columns, then the class.
#include <string>
#include <utility>
#include <vector>

#include "descent/data/classification_2d.hpp"
#include "descent/data/csv_import.hpp"
#include "descent/data/dataset.hpp"
#include "descent/math/cold_code.hpp"
#include "descent/math/messages.hpp"
#include "descent/sims/playground.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent {
namespace {

// Labels "0" … "k−1" in any order of appearance: relabel so that class i is the text "i".
void keep_numeric_class_labels(CsvImportResult& imported) {
  const std::vector<std::string>& names = imported.class_names;
  const int k = static_cast<int>(names.size());
  std::vector<int> number_of(names.size(), -1);
  for (std::size_t c = 0; c < names.size(); ++c) {
    for (int n = 0; n < k; ++n) {
      if (names[c] == std::to_string(n)) number_of[c] = n;
    }
    if (number_of[c] < 0) return;
  }
  Dataset& data = imported.dataset;
  for (int& label : data.labels) label = number_of[static_cast<std::size_t>(label)];
  data.targets = one_hot(data.labels, data.class_count);
}

}  // namespace

std::string playground_csv_dataset(const std::string& text, Dataset& out) {
  CsvImportOptions options;
  options.target_kind = CsvTargetKind::classification;
  CsvImportResult imported = import_csv(text, options);
  if (!imported.ok()) return imported.message;
  const Dataset& data = imported.dataset;
  const int features = data.feature_count();
  if (features != 2) {
    std::string names;
    for (const auto& name : data.feature_names) {
      names += (names.empty() ? "" : ", ") + shorten_text(name);
    }
    return "the CSV has " + std::to_string(features) + " feature column" +
           (features == 1 ? "" : "s") + " (" + names + ") besides the class column " +
           quote_value(imported.target_name) +
           ": the playground needs exactly 2 (x₁, x₂), with the class column last";
  }
  if (data.size() < kMinPlaygroundCsvRows || data.size() > kMaxPlaygroundPoints) {
    return "the CSV has " + std::to_string(data.size()) + " rows: the playground takes " +
           std::to_string(kMinPlaygroundCsvRows) + " to " + std::to_string(kMaxPlaygroundPoints);
  }
  if (data.class_count < 2 || data.class_count > kMaxClassCount) {
    return "the class column " + quote_value(imported.target_name) + " has " +
           std::to_string(data.class_count) + " distinct value" +
           (data.class_count == 1 ? "" : "s") + ": the playground needs 2 to " +
           std::to_string(kMaxClassCount) + " classes";
  }
  keep_numeric_class_labels(imported);
  out = std::move(imported.dataset);
  return "";
}

}  // namespace descent

DESCENT_END_COLD_CODE

#include "descent/data/split.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <numeric>

#include "descent/data/classification_2d.hpp"
#include "descent/data/regression_1d.hpp"

using namespace descent;

namespace {

// A regression data set whose input in row i is i, so rows are easy to trace.
Dataset numbered_regression(int n) {
  Dataset data;
  data.inputs.resize(n, 1);
  for (int i = 0; i < n; ++i) data.inputs(i, 0) = i;
  data.targets = 2.0 * data.inputs;
  data.feature_names = {"i"};
  data.description = "numbered";
  return data;
}

// Classification data with the given class sizes, classes interleaved row by row as far as they
// last; input in row i is i.
Dataset numbered_classification(const std::vector<int>& class_sizes) {
  std::vector<int> left = class_sizes;
  std::vector<int> labels;
  while (std::any_of(left.begin(), left.end(), [](int l) { return l > 0; })) {
    for (std::size_t c = 0; c < left.size(); ++c) {
      if (left[c] > 0) {
        --left[c];
        labels.push_back(static_cast<int>(c));
      }
    }
  }
  Dataset data = numbered_regression(static_cast<int>(labels.size()));
  data.class_count = static_cast<int>(class_sizes.size());
  data.labels = labels;
  data.targets = one_hot(labels, data.class_count);
  return data;
}

DatasetSplit split(const Dataset& data, double train, double validation, double test, bool shuffle,
                   std::uint64_t seed) {
  SplitOptions options;
  options.train_fraction = train;
  options.validation_fraction = validation;
  options.test_fraction = test;
  options.shuffle = shuffle;
  Rng rng(seed);
  DatasetSplit result;
  const std::string message = split_dataset(data, options, rng, result);
  INFO(message);
  REQUIRE(message.empty());
  return result;
}

// Each part's rows are the source's rows at *_rows; the parts are disjoint.
void check_parts_match_rows(const Dataset& data, const DatasetSplit& result) {
  const std::pair<const Dataset*, const std::vector<int>*> parts[] = {
      {&result.train, &result.train_rows},
      {&result.validation, &result.validation_rows},
      {&result.test, &result.test_rows}};
  std::vector<int> seen(static_cast<std::size_t>(data.size()), 0);
  for (const auto& part : parts) {
    REQUIRE(part.first->size() == static_cast<int>(part.second->size()));
    CHECK(validate_dataset(*part.first).empty());
    CHECK(part.first->feature_names == data.feature_names);
    CHECK(part.first->class_count == data.class_count);
    for (std::size_t i = 0; i < part.second->size(); ++i) {
      const int row = (*part.second)[i];
      const auto r = static_cast<Eigen::Index>(i);
      REQUIRE(part.first->inputs.row(r) == data.inputs.row(row));
      REQUIRE(part.first->targets.row(r) == data.targets.row(row));
      ++seen[static_cast<std::size_t>(row)];
    }
  }
  for (const int count : seen) REQUIRE(count <= 1);
}

}  // namespace

TEST_CASE("Split sizes are the cumulative rounding of the fractions; parts cover the data",
          "[data]") {
  const Dataset data = numbered_regression(100);
  const DatasetSplit result = split(data, 0.7, 0.2, 0.1, true, 1);
  CHECK(result.train.size() == 70);
  CHECK(result.validation.size() == 20);
  CHECK(result.test.size() == 10);
  check_parts_match_rows(data, result);
  CHECK(result.train.description == "numbered — train part, 70 of 100 samples");
  CHECK(result.test.description == "numbered — test part, 10 of 100 samples");

  // 0.3333·7 = 2.33 → 2; 0.6667·7 = 4.67 → 5 (validation 3); 7·1 = 7 (test 2).
  const DatasetSplit thirds = split(numbered_regression(7), 1.0 / 3, 1.0 / 3, 1.0 / 3, true, 1);
  CHECK(thirds.train.size() == 2);
  CHECK(thirds.validation.size() == 3);
  CHECK(thirds.test.size() == 2);
}

TEST_CASE("Fractions adding up to less than 1 leave samples out; zero fractions give empty parts",
          "[data]") {
  const Dataset data = numbered_regression(50);
  const DatasetSplit result = split(data, 0.5, 0.0, 0.2, true, 2);
  CHECK(result.train.size() == 25);
  CHECK(result.validation.size() == 0);
  CHECK(result.validation.feature_count() == 1);
  CHECK(result.test.size() == 10);
  check_parts_match_rows(data, result);
}

TEST_CASE("Shuffled splits are reproducible from the seed and differ across seeds", "[data]") {
  const Dataset data = numbered_regression(200);
  const DatasetSplit first = split(data, 0.6, 0.2, 0.2, true, 3);
  const DatasetSplit again = split(data, 0.6, 0.2, 0.2, true, 3);
  const DatasetSplit other = split(data, 0.6, 0.2, 0.2, true, 4);
  CHECK(first.train_rows == again.train_rows);
  CHECK(first.test_rows == again.test_rows);
  CHECK(first.train_rows != other.train_rows);
  // The parts follow the shuffled order, not the source order.
  CHECK_FALSE(std::is_sorted(first.train_rows.begin(), first.train_rows.end()));
}

TEST_CASE("Unshuffled splits keep dataset order and leave the Rng alone", "[data]") {
  const Dataset data = numbered_regression(10);
  SplitOptions options;
  options.train_fraction = 0.6;
  options.validation_fraction = 0.2;
  options.test_fraction = 0.2;
  options.shuffle = false;
  Rng rng(5), untouched(5);
  DatasetSplit result;
  REQUIRE(split_dataset(data, options, rng, result).empty());
  CHECK(result.train_rows == std::vector<int>{0, 1, 2, 3, 4, 5});
  CHECK(result.validation_rows == std::vector<int>{6, 7});
  CHECK(result.test_rows == std::vector<int>{8, 9});
  CHECK(rng.next_u64() == untouched.next_u64());

  // Sorted regression data split in order: the test part holds the largest x.
  Regression1dSpec spec;
  spec.count = 100;
  spec.sorted_by_x = true;
  Rng data_rng(6);
  Regression1dData sorted;
  REQUIRE(make_regression_1d(spec, data_rng, sorted).empty());
  const DatasetSplit in_order = split(sorted.dataset, 0.8, 0.0, 0.2, false, 1);
  CHECK(in_order.train.inputs.maxCoeff() <= in_order.test.inputs.minCoeff());

  // Classification in order: each class's first samples train, its next ones test.
  const Dataset classes = numbered_classification({4, 6});  // labels 0 1 0 1 0 1 0 1 1 1
  const DatasetSplit stratified = split(classes, 0.5, 0.0, 0.5, false, 1);
  CHECK(stratified.train_rows == std::vector<int>{0, 1, 2, 3, 5});
  CHECK(stratified.test_rows == std::vector<int>{4, 6, 7, 8, 9});
}

TEST_CASE("Classification splits keep class proportions within one sample", "[data]") {
  const Dataset data = numbered_classification({37, 41, 22});
  const DatasetSplit result = split(data, 0.7, 0.15, 0.15, true, 7);
  CHECK(result.train.size() == 70);
  CHECK(result.validation.size() == 15);
  CHECK(result.test.size() == 15);
  check_parts_match_rows(data, result);
  for (const Dataset* part : {&result.train, &result.validation, &result.test}) {
    const std::vector<int> counts = class_counts(*part);
    const std::vector<int> totals = {37, 41, 22};
    for (std::size_t c = 0; c < 3; ++c) {
      const double share = static_cast<double>(part->size()) * totals[c] / 100.0;
      CHECK(counts[c] >= std::floor(share));
      CHECK(counts[c] <= std::ceil(share));
    }
  }
}

TEST_CASE("Stratification holds for many random class sizes and fractions", "[data]") {
  Rng rng(99);
  for (int trial = 0; trial < 300; ++trial) {
    const int class_count = 2 + uniform_index(rng, 9);
    std::vector<int> class_sizes;
    for (int c = 0; c < class_count; ++c) class_sizes.push_back(1 + uniform_index(rng, 40));
    const Dataset data = numbered_classification(class_sizes);
    const int n = data.size();
    // Fractions that add up to at most 1 and give each positive part at least one sample.
    SplitOptions options;
    options.train_fraction = rng.uniform(0.3, 0.7);
    options.validation_fraction = rng.uniform(0.0, 0.3);
    options.test_fraction =
        rng.uniform(0.0, 1.0 - options.train_fraction - options.validation_fraction);
    options.shuffle = trial % 2 == 0;
    DatasetSplit result;
    Rng split_rng(static_cast<std::uint64_t>(trial));
    const std::string message = split_dataset(data, options, split_rng, result);
    if (!message.empty()) {
      CHECK(message.find("would be empty") != std::string::npos);
      continue;
    }
    INFO("trial " << trial);
    check_parts_match_rows(data, result);
    const double fractions[] = {options.train_fraction, options.validation_fraction,
                                options.test_fraction};
    const Dataset* parts[] = {&result.train, &result.validation, &result.test};
    double cumulative = 0.0;
    long previous_boundary = 0;
    for (int p = 0; p < 3; ++p) {
      cumulative += fractions[p];
      const long boundary = std::lround(cumulative * n);
      REQUIRE(parts[p]->size() == boundary - previous_boundary);
      previous_boundary = boundary;
      const std::vector<int> counts = class_counts(*parts[p]);
      for (int c = 0; c < class_count; ++c) {
        const double share =
            static_cast<double>(parts[p]->size()) * class_sizes[static_cast<std::size_t>(c)] / n;
        REQUIRE(counts[static_cast<std::size_t>(c)] >= std::floor(share));
        REQUIRE(counts[static_cast<std::size_t>(c)] <= std::ceil(share));
      }
    }
  }
}

TEST_CASE("A generated multi-class data set splits with every class in every part", "[data]") {
  Rng rng(8);
  Dataset data;
  REQUIRE(make_classification_dataset("multiblobs", 203, 0.1, rng, data, 8).empty());
  const DatasetSplit result = split(data, 0.6, 0.2, 0.2, true, 9);
  check_parts_match_rows(data, result);
  // Classes of 25 or 26 samples; the smallest part (40 samples) gets ⌊40·25/203⌋ = 4 or more.
  for (const Dataset* part : {&result.train, &result.validation, &result.test}) {
    for (const int count : class_counts(*part)) CHECK(count >= 4);
  }
}

TEST_CASE("Invalid splits are rejected with a message and change nothing", "[data]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const Dataset data = numbered_regression(20);
  const auto message = [&](double train, double validation, double test) {
    SplitOptions options;
    options.train_fraction = train;
    options.validation_fraction = validation;
    options.test_fraction = test;
    return validate_split(data, options);
  };
  CHECK(message(-0.1, 0.1, 0.1) == "train fraction must be a finite number ≥ 0, got -0.1");
  CHECK(message(0.8, nan, 0.1) == "validation fraction must be a finite number ≥ 0, got nan");
  CHECK(message(0.8, 0.1, std::numeric_limits<double>::infinity()) ==
        "test fraction must be a finite number ≥ 0, got inf");
  CHECK(message(0.8, 0.2, 0.1) ==
        "split fractions must add up to at most 1, got 0.8 + 0.2 + 0.1 = 1.1");
  CHECK(message(0.0, 0.0, 0.0) == "at least one split fraction must be positive");
  // Boundaries round(18) = 18, round(19) = 19, round(19.2) = 19: nothing left for test.
  CHECK(message(0.9, 0.05, 0.01) ==
        "the test part would be empty: 0.01 of 20 samples rounds to 0; raise its fraction or "
        "use more samples");
  CHECK(message(0.7, 0.2, 0.1).empty());  // adds up to 1.0000000000000002 in doubles
  CHECK(message(0.0, 0.0, 1.0).empty());

  Dataset broken = data;
  broken.targets.conservativeResize(19, 1);
  SplitOptions options;
  CHECK(validate_split(broken, options) == "dataset: 20 input rows but 19 target rows");
  CHECK(validate_split(numbered_regression(0), options) == "cannot split an empty data set");

  Rng rng(1), untouched(1);
  DatasetSplit out;
  out.train_rows = {42};
  options.train_fraction = 2.0;
  CHECK_FALSE(split_dataset(data, options, rng, out).empty());
  CHECK(out.train_rows == std::vector<int>{42});
  CHECK(rng.next_u64() == untouched.next_u64());
}

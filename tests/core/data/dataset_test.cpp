#include "descent/data/dataset.hpp"

#include <catch2/catch.hpp>
#include <limits>
#include <stdexcept>

using namespace descent;

namespace {

// Four samples, two features, three classes (labels 2, 0, 1, 2).
Dataset small_classification() {
  Dataset data;
  data.inputs.resize(4, 2);
  data.inputs << 0, 1, 10, 11, 20, 21, 30, 31;
  data.labels = {2, 0, 1, 2};
  data.class_count = 3;
  data.targets = one_hot(data.labels, 3);
  data.feature_names = {"a", "b"};
  data.description = "small";
  return data;
}

}  // namespace

TEST_CASE("one_hot puts a single 1 in each row, at the label's column", "[data]") {
  const Eigen::MatrixXd encoded = one_hot({2, 0, 1}, 3);
  Eigen::MatrixXd expected(3, 3);
  expected << 0, 0, 1, 1, 0, 0, 0, 1, 0;
  CHECK(encoded == expected);
  CHECK(one_hot({}, 4).rows() == 0);
  CHECK(one_hot({}, 4).cols() == 4);
  CHECK_THROWS_AS(one_hot({0, 3}, 3), std::invalid_argument);
  CHECK_THROWS_AS(one_hot({-1}, 3), std::invalid_argument);
}

TEST_CASE("Dataset helpers: size, feature count, kind and class counts", "[data]") {
  const Dataset data = small_classification();
  CHECK(data.size() == 4);
  CHECK(data.feature_count() == 2);
  CHECK(data.is_classification());
  CHECK(class_counts(data) == std::vector<int>{1, 1, 2});
  CHECK(validate_dataset(data).empty());

  Dataset regression;
  regression.inputs = Eigen::MatrixXd::Zero(3, 1);
  regression.targets = Eigen::MatrixXd::Ones(3, 1);
  CHECK_FALSE(regression.is_classification());
  CHECK(class_counts(regression).empty());
  CHECK(validate_dataset(regression).empty());
}

TEST_CASE("subset takes rows in the given order and keeps names and classes", "[data]") {
  const Dataset data = small_classification();
  const Dataset part = subset(data, {3, 1, 1});
  REQUIRE(part.size() == 3);
  CHECK(part.inputs.row(0) == data.inputs.row(3));
  CHECK(part.inputs.row(1) == data.inputs.row(1));
  CHECK(part.inputs.row(2) == data.inputs.row(1));
  CHECK(part.labels == std::vector<int>{2, 0, 0});
  CHECK(part.targets == one_hot({2, 0, 0}, 3));
  CHECK(part.class_count == 3);
  CHECK(part.feature_names == data.feature_names);
  CHECK(part.description == "small");
  CHECK(validate_dataset(part).empty());

  const Dataset empty = subset(data, {});
  CHECK(empty.size() == 0);
  CHECK(empty.feature_count() == 2);
  CHECK_THROWS_AS(subset(data, {4}), std::invalid_argument);
  CHECK_THROWS_AS(subset(data, {-1}), std::invalid_argument);
}

TEST_CASE("validate_dataset names the part that disagrees", "[data]") {
  Dataset data = small_classification();
  data.targets.conservativeResize(3, 3);
  CHECK(validate_dataset(data) == "dataset: 4 input rows but 3 target rows");

  data = small_classification();
  data.feature_names = {"a"};
  CHECK(validate_dataset(data) == "dataset: 2 feature columns but 1 feature names");

  data = small_classification();
  data.inputs(1, 1) = std::numeric_limits<double>::quiet_NaN();
  CHECK(validate_dataset(data) == "dataset: an input value is not finite");

  data = small_classification();
  data.labels.pop_back();
  CHECK(validate_dataset(data) == "dataset: 4 samples but 3 labels");

  data = small_classification();
  data.labels[1] = 3;
  CHECK(validate_dataset(data) == "dataset: sample 1 has label 3, outside [0, 3)");

  data = small_classification();
  data.labels[1] = 2;
  CHECK(validate_dataset(data) ==
        "dataset: sample 1's target row is not the one-hot row of its label 2");

  data = small_classification();
  data.class_count = 4;
  CHECK(validate_dataset(data) ==
        "dataset: 4 classes but 3 target columns (expected one-hot rows)");

  data = small_classification();
  data.class_count = 0;
  CHECK(validate_dataset(data) == "dataset: a regression dataset (class count 0) has labels");
}

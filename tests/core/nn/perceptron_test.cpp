#include "descent/nn/perceptron.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <stdexcept>
#include <vector>

#include "descent/data/classification_2d.hpp"
#include "descent/math/rng.hpp"

using descent::Dataset;
using descent::make_blobs;
using descent::make_xor;
using descent::Rng;
using descent::nn::perceptron_predict;
using descent::nn::PerceptronConfig;
using descent::nn::PerceptronResult;
using descent::nn::train_perceptron;
using descent::nn::validate_perceptron;

TEST_CASE("perceptron separates linearly separable blobs", "[nn]") {
  Rng rng(3);
  const Dataset blobs = make_blobs(200, 0.05, rng);
  PerceptronConfig config;
  config.epochs = 50;
  config.shuffle = true;
  config.seed = 5;
  const PerceptronResult result = train_perceptron(config, blobs);
  REQUIRE(result.converged);
  CHECK(result.errors_per_epoch.back() == 0);
  CHECK(result.errors_per_epoch.front() > 0);
  CHECK(perceptron_predict(result, blobs.inputs) == blobs.labels);
}

TEST_CASE("perceptron never separates XOR", "[nn]") {
  Rng rng(4);
  const Dataset xor_data = make_xor(200, 0.05, rng);
  PerceptronConfig config;
  config.epochs = 100;
  const PerceptronResult result = train_perceptron(config, xor_data);
  CHECK_FALSE(result.converged);
  REQUIRE(result.errors_per_epoch.size() == 100);
  CHECK(*std::min_element(result.errors_per_epoch.begin(), result.errors_per_epoch.end()) > 0);
}

TEST_CASE("perceptron: worked update on one sample", "[nn]") {
  Dataset data;
  data.inputs.resize(1, 2);
  data.inputs << 2.0, -1.0;
  data.labels = {1};
  data.class_count = 2;
  data.targets = descent::one_hot(data.labels, 2);
  data.feature_names = {"x1", "x2"};
  PerceptronConfig config;
  config.learning_rate = 0.5;
  // Epoch 1: w = 0 gives score 0 → ŷ = 0, so w ← 0.5·(1 − 0)·(2, −1), b ← 0.5; epoch 2: no error.
  const PerceptronResult result = train_perceptron(config, data);
  CHECK(result.errors_per_epoch == std::vector<int>{1, 0});
  CHECK(result.weights[0] == 1.0);
  CHECK(result.weights[1] == -0.5);
  CHECK(result.bias == 0.5);
}

TEST_CASE("perceptron is deterministic from its seed", "[nn]") {
  Rng rng(6);
  const Dataset blobs = make_blobs(100, 0.3, rng);
  PerceptronConfig config;
  config.shuffle = true;
  config.seed = 9;
  const PerceptronResult first = train_perceptron(config, blobs);
  const PerceptronResult second = train_perceptron(config, blobs);
  CHECK(first.errors_per_epoch == second.errors_per_epoch);
  CHECK(first.weights == second.weights);
  CHECK(first.bias == second.bias);
}

TEST_CASE("perceptron rejects invalid settings with messages", "[nn]") {
  Rng rng(7);
  const Dataset blobs = make_blobs(20, 0.1, rng);
  PerceptronConfig config;
  CHECK(validate_perceptron(config, blobs).empty());
  config.epochs = 0;
  CHECK(validate_perceptron(config, blobs) == "perceptron: epochs must be in [1, 100000], got 0");
  config.epochs = 5;
  config.learning_rate = 0.0;
  CHECK(validate_perceptron(config, blobs) ==
        "perceptron: learning_rate must be a finite number > 0, got 0");
  CHECK_THROWS_AS(train_perceptron(config, blobs), std::invalid_argument);
  config.learning_rate = 1.0;
  const Dataset three = descent::make_multi_blobs(30, 3, 0.1, rng);
  CHECK(validate_perceptron(config, three) ==
        "perceptron: needs two-class data (labels 0 and 1), got 3 classes");
}

#include "descent/sims/perceptron_vs_mlp.hpp"

#include <catch2/catch.hpp>
#include <limits>
#include <stdexcept>

#include "descent/nn/perceptron.hpp"

using namespace descent;

namespace {

PerceptronVsMlpConfig config_for(const std::string& dataset, int epochs = 300) {
  PerceptronVsMlpConfig config;
  config.dataset = dataset;
  config.epochs = epochs;
  return config;
}

}  // namespace

TEST_CASE("the logic data sets are the truth tables on the unit square's corners",
          "[perceptron_vs_mlp]") {
  Dataset data;
  REQUIRE(make_logic_dataset("xor", data).empty());
  REQUIRE(data.size() == 4);
  CHECK(data.inputs(1, 0) == 0.0);
  CHECK(data.inputs(1, 1) == 1.0);
  CHECK(data.labels == std::vector<int>{0, 1, 1, 0});
  REQUIRE(make_logic_dataset("and", data).empty());
  CHECK(data.labels == std::vector<int>{0, 0, 0, 1});
  REQUIRE(make_logic_dataset("or", data).empty());
  CHECK(data.labels == std::vector<int>{0, 1, 1, 1});
  REQUIRE(make_logic_dataset("nand", data).empty());
  CHECK(data.labels == std::vector<int>{1, 1, 1, 0});
  CHECK(validate_dataset(data).empty());
}

TEST_CASE("the perceptron never converges on XOR: every epoch has an error",
          "[perceptron_vs_mlp]") {
  const PerceptronVsMlpRun run = run_perceptron_vs_mlp(config_for("xor", 1000));
  CHECK_FALSE(run.perceptron_converged);
  CHECK(run.perceptron_epochs_to_converge == 0);
  REQUIRE(run.perceptron_errors.size() == 1000);
  // From w = 0 it misclassifies 2, then 3, then all 4 points in every epoch, cycling forever.
  CHECK(run.perceptron_errors[0] == 2);
  CHECK(run.perceptron_errors[1] == 3);
  for (size_t e = 2; e < run.perceptron_errors.size(); ++e) CHECK(run.perceptron_errors[e] == 4);
  // One state per epoch plus the start, four predictions per state.
  CHECK(run.perceptron_w1.size() == 1001);
  CHECK(run.perceptron_predictions.size() == 4 * 1001);
}

TEST_CASE("the perceptron converges on AND, OR and NAND", "[perceptron_vs_mlp]") {
  struct Expected {
    std::string dataset;
    std::vector<int> errors;
  };
  for (const Expected& expected :
       {Expected{"and", {1, 3, 3, 2, 1, 0}}, Expected{"or", {1, 2, 1, 0}},
        Expected{"nand", {2, 3, 3, 2, 1, 0}}}) {
    CAPTURE(expected.dataset);
    const PerceptronVsMlpRun run = run_perceptron_vs_mlp(config_for(expected.dataset, 1000));
    CHECK(run.perceptron_converged);
    CHECK(run.perceptron_errors == expected.errors);
    CHECK(run.perceptron_epochs_to_converge == static_cast<int>(expected.errors.size()));
    // The final line classifies all four points.
    const size_t last = run.perceptron_w1.size() - 1;
    for (int i = 0; i < 4; ++i) {
      CHECK(run.perceptron_predictions[4 * last + i] == run.data.labels[static_cast<size_t>(i)]);
    }
  }
}

TEST_CASE("the replayed lines are nn::train_perceptron's", "[perceptron_vs_mlp]") {
  for (const std::string dataset : {"xor", "and", "or", "nand"}) {
    CAPTURE(dataset);
    PerceptronVsMlpConfig config = config_for(dataset, 37);
    config.learning_rate = 0.3;
    const PerceptronVsMlpRun run = run_perceptron_vs_mlp(config);
    nn::PerceptronConfig perceptron;
    perceptron.epochs = 37;
    perceptron.learning_rate = 0.3;
    const nn::PerceptronResult reference = nn::train_perceptron(perceptron, run.data);
    CHECK(run.perceptron_w1.back() == reference.weights[0]);
    CHECK(run.perceptron_w2.back() == reference.weights[1]);
    CHECK(run.perceptron_bias.back() == reference.bias);
    CHECK(run.perceptron_w1.front() == 0.0);
    CHECK(run.perceptron_bias.front() == 0.0);
  }
}

TEST_CASE("the learning rate only scales the perceptron's line", "[perceptron_vs_mlp]") {
  PerceptronVsMlpConfig slow = config_for("and", 50);
  slow.learning_rate = 0.1;
  PerceptronVsMlpConfig fast = config_for("and", 50);
  fast.learning_rate = 2.0;
  const PerceptronVsMlpRun a = run_perceptron_vs_mlp(slow);
  const PerceptronVsMlpRun b = run_perceptron_vs_mlp(fast);
  CHECK(a.perceptron_errors == b.perceptron_errors);
  CHECK(a.perceptron_predictions == b.perceptron_predictions);
  CHECK(b.perceptron_bias.back() == Approx(20.0 * a.perceptron_bias.back()));
}

TEST_CASE("the 2-2-1 MLP solves XOR from the documented seed", "[perceptron_vs_mlp]") {
  const PerceptronVsMlpRun run = run_perceptron_vs_mlp(config_for("xor"));  // seed 1, η 0.5
  REQUIRE(run.mlp_accuracy.size() == 300);
  REQUIRE(run.mlp_parameters.size() == 301 * kMlpParameterCount);
  REQUIRE(run.mlp_point_probability.size() == 301 * 4);
  CHECK(run.mlp_stop_reason == "completed");
  CHECK(run.mlp_accuracy.back() == 1.0);
  CHECK(run.mlp_epochs_to_solve == 30);
  CHECK(run.mlp_loss.front() == Approx(0.692002).margin(1e-6));
  CHECK(run.mlp_loss.back() == Approx(0.005847).margin(1e-6));
  CHECK(run.mlp_loss.back() < run.mlp_loss.front());
  // P(class 1) at the last state: low on (0,0) and (1,1), high on (0,1) and (1,0).
  const double* p = run.mlp_point_probability.data() + 300 * 4;
  CHECK(p[0] < 0.01);
  CHECK(p[1] > 0.99);
  CHECK(p[2] > 0.99);
  CHECK(p[3] < 0.01);
  // The final field is the field of the last parameters, and it agrees with the points' classes:
  // (0,0) sits in the cell at x = −0.5 + 10.5·0.05 ≈ 0.025, y ≈ 0.025 of a 40×40 grid (row 29).
  REQUIRE(run.mlp_field.resolution == 40);
  REQUIRE(run.mlp_field.probability.size() == 1600);
  const std::vector<double> last(run.mlp_parameters.end() - kMlpParameterCount,
                                 run.mlp_parameters.end());
  CHECK(mlp_logic_field(last, 40).probability == run.mlp_field.probability);
  CHECK(run.mlp_field.probability[29 * 40 + 10] < 0.5);
  CHECK(run.mlp_field.probability[29 * 40 + 30] > 0.5);  // (1, 0)
  CHECK(run.mlp_field.probability[9 * 40 + 10] > 0.5);   // (0, 1)
  CHECK(run.mlp_field.probability[9 * 40 + 30] < 0.5);   // (1, 1)
}

TEST_CASE("some seeds trap the 2-2-1 MLP on XOR", "[perceptron_vs_mlp]") {
  PerceptronVsMlpConfig config = config_for("xor");
  config.seed = 3;
  const PerceptronVsMlpRun stuck = run_perceptron_vs_mlp(config);
  CHECK(stuck.mlp_epochs_to_solve == 0);
  CHECK(stuck.mlp_accuracy.back() == 0.75);
  CHECK(stuck.mlp_loss.back() > 0.3);
  config.seed = 10;
  const PerceptronVsMlpRun flat = run_perceptron_vs_mlp(config);
  CHECK(flat.mlp_accuracy.back() == 0.5);
  CHECK(flat.mlp_loss.back() == Approx(0.6932).margin(1e-3));  // ln 2: σ(logit) ≈ ½ everywhere
}

TEST_CASE("the MLP also learns the separable gates", "[perceptron_vs_mlp]") {
  for (const std::string dataset : {"and", "or", "nand"}) {
    CAPTURE(dataset);
    const PerceptronVsMlpRun run = run_perceptron_vs_mlp(config_for(dataset));
    CHECK(run.mlp_accuracy.back() == 1.0);
    CHECK(run.mlp_epochs_to_solve > 0);
  }
}

TEST_CASE("perceptron vs MLP runs are deterministic", "[perceptron_vs_mlp]") {
  PerceptronVsMlpConfig config = config_for("xor", 120);
  config.seed = 42;
  const PerceptronVsMlpRun a = run_perceptron_vs_mlp(config);
  const PerceptronVsMlpRun b = run_perceptron_vs_mlp(config);
  CHECK(a.mlp_parameters == b.mlp_parameters);
  CHECK(a.mlp_loss == b.mlp_loss);
  CHECK(a.perceptron_w1 == b.perceptron_w1);
  CHECK(a.mlp_field.probability == b.mlp_field.probability);
  config.seed = 43;
  CHECK(run_perceptron_vs_mlp(config).mlp_parameters.front() != a.mlp_parameters.front());
}

TEST_CASE("perceptron vs MLP rejects invalid input with clear messages", "[perceptron_vs_mlp]") {
  CHECK(validate_perceptron_vs_mlp(PerceptronVsMlpConfig{}).empty());
  PerceptronVsMlpConfig config;
  config.dataset = "xnor";
  CHECK(validate_perceptron_vs_mlp(config) ==
        "perceptron vs MLP: dataset must be one of xor, and, or, nand, got \"xnor\"");
  CHECK_THROWS_AS(run_perceptron_vs_mlp(config), std::invalid_argument);
  config = PerceptronVsMlpConfig{};
  config.epochs = 0;
  CHECK(validate_perceptron_vs_mlp(config).find("epochs") != std::string::npos);
  // The limits perceptronCatalog() gives the widget are exactly the ones enforced here.
  config.epochs = kMaxPerceptronVsMlpEpochs;
  CHECK(validate_perceptron_vs_mlp(config).empty());
  config.epochs = kMaxPerceptronVsMlpEpochs + 1;
  CHECK(validate_perceptron_vs_mlp(config) ==
        "perceptron vs MLP: epochs must be in [1, 5000], got 5001");
  config = PerceptronVsMlpConfig{};
  config.learning_rate = kMinPerceptronVsMlpLearningRate;
  CHECK(validate_perceptron_vs_mlp(config).empty());
  config.learning_rate = kMaxPerceptronVsMlpLearningRate;
  CHECK(validate_perceptron_vs_mlp(config).empty());
  config.learning_rate = 0.009;
  CHECK(validate_perceptron_vs_mlp(config) ==
        "perceptron vs MLP: learning_rate must be in [0.01, 10], got 0.009");
  config.learning_rate = 0.0;
  CHECK(validate_perceptron_vs_mlp(config) ==
        "perceptron vs MLP: learning_rate must be in [0.01, 10], got 0");
  config.learning_rate = std::numeric_limits<double>::quiet_NaN();
  CHECK(validate_perceptron_vs_mlp(config).find("learning_rate") != std::string::npos);
  config = PerceptronVsMlpConfig{};
  config.field_resolution = 1;
  CHECK(validate_perceptron_vs_mlp(config).find("field_resolution") != std::string::npos);

  CHECK(validate_logic_field(std::vector<double>(9, 0.0), 10).empty());
  CHECK(validate_logic_field(std::vector<double>(8, 0.0), 10) ==
        "perceptron vs MLP: the 2-2-1 MLP has 9 parameters, got 8");
  std::vector<double> bad(9, 0.0);
  bad[4] = std::numeric_limits<double>::infinity();
  CHECK(validate_logic_field(bad, 10) == "perceptron vs MLP: parameters must be finite");
  CHECK_FALSE(validate_logic_field(std::vector<double>(9, 0.0), 500).empty());
  CHECK_THROWS_AS(mlp_logic_field(bad, 10), std::invalid_argument);
}

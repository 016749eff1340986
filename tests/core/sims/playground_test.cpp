#include "descent/sims/playground.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "descent/optim/optimizer_catalog.hpp"

using namespace descent;

namespace {

PlaygroundConfig default_on(const std::string& dataset) {
  PlaygroundConfig config;
  config.dataset = dataset;
  if (dataset == "multiblobs") config.loss = "cross_entropy";  // the widget's "auto" loss
  return config;
}

}  // namespace

// The documented accuracies (www/embed.html, lesson 12): TF Playground's default network — x₁, x₂;
// 4 + 2 tanh units; SGD, lr 0.03, batch 10 — on 500 points, noise 0.1, half of them test points,
// seed 1, after 300 epochs.
TEST_CASE("playground: the default setup reaches its documented test accuracy", "[playground]") {
  const std::pair<const char*, double> documented[] = {
      {"circle", 0.95}, {"xor", 0.90}, {"blobs", 0.99}, {"moons", 0.98}, {"multiblobs", 0.98}};
  for (const auto& [dataset, accuracy] : documented) {
    INFO(dataset);
    Playground playground(default_on(dataset));
    CHECK(playground.advance(300) == 300);
    CHECK(playground.accuracy(true) >= accuracy);
  }
}

TEST_CASE("playground: spirals need more than the default network", "[playground]") {
  Playground small(default_on("spirals"));
  small.advance(300);
  CHECK(small.accuracy(true) < 0.7);
  PlaygroundConfig config = default_on("spirals");
  config.features = {"x1", "x2", "x1_squared", "x2_squared", "x1_times_x2", "sin_x1", "sin_x2"};
  config.hidden_widths = {8, 8};
  config.optimizer.id = "adam";
  config.learning_rate = 0.01;
  Playground big(config);
  big.advance(300);
  CHECK(big.accuracy(false) >= 0.85);
  CHECK(big.accuracy(true) >= 0.7);
}

TEST_CASE("playground: frames have the documented sizes and are deterministic", "[playground]") {
  PlaygroundConfig config = default_on("xor");
  config.features = {"x1", "x2", "x1_times_x2"};
  Playground a(config), b(config);
  a.advance(5);
  b.advance(5);
  const PlaygroundFrame fa = a.frame(), fb = b.frame();
  CHECK(fa.epoch == 5);
  CHECK(fa.train_loss.size() == 5);
  CHECK(fa.test_loss.size() == 5);
  CHECK(fa.boundary_class.size() == 100 * 100);
  CHECK(fa.boundary_confidence.size() == 100 * 100);
  CHECK(a.thumbnail_units() == 3 + 4 + 2);
  CHECK(fa.thumbnails.size() == static_cast<std::size_t>(9 * 32 * 32));
  CHECK(a.layer_widths() == std::vector<int>{3, 4, 2, 1});
  CHECK(fa.parameters.size() == static_cast<std::size_t>(3 * 4 + 4 + 4 * 2 + 2 + 2 * 1 + 1));
  CHECK(fa.train_loss == fb.train_loss);
  CHECK(fa.boundary_confidence == fb.boundary_confidence);
  CHECK(fa.thumbnails == fb.thumbnails);
  for (float p : fa.boundary_confidence) REQUIRE((p >= 0.5f && p <= 1.0f));
  // The first thumbnail is the x₁ feature itself: it grows left to right along a row.
  CHECK(fa.thumbnails[0] < fa.thumbnails[31]);
  // The last unit's picture is the last hidden layer's output, tanh: within [−1, 1].
  for (int c = 0; c < 32 * 32; ++c) REQUIRE(std::abs(fa.thumbnails[8 * 1024 + c]) <= 1.0f);
}

TEST_CASE("playground: the confusion matrix counts every test point once", "[playground]") {
  Playground playground(default_on("multiblobs"));
  playground.advance(50);
  const std::vector<int> counts = playground.confusion_matrix(true);
  REQUIRE(counts.size() == 9);
  int total = 0, right = 0;
  for (int t = 0; t < 3; ++t) {
    for (int p = 0; p < 3; ++p) {
      total += counts[t * 3 + p];
      if (t == p) right += counts[t * 3 + p];
    }
  }
  CHECK(total == playground.test_points().size());
  CHECK(static_cast<double>(right) / total == Approx(playground.accuracy(true)));
}

TEST_CASE("playground: stops at the epoch limit or the target loss", "[playground]") {
  PlaygroundConfig config = default_on("blobs");
  config.max_epochs = 7;
  Playground limited(config);
  CHECK(limited.advance(100) == 7);
  CHECK(limited.finished());
  CHECK(limited.stop_reason() == "completed 7 epochs");
  config.max_epochs = 1000;
  config.target_loss = 0.05;
  Playground targeted(config);
  const int run = targeted.advance(1000);
  CHECK(run < 1000);
  CHECK(targeted.frame().train_loss.back() <= 0.05);
  CHECK(targeted.stop_reason().find("reached the target loss") == 0);
}

TEST_CASE("playground: a huge learning rate diverges with a message", "[playground]") {
  PlaygroundConfig config = default_on("circle");
  config.loss = "mse";
  config.activation = "relu";
  config.learning_rate = 10.0;
  Playground playground(config);
  playground.advance(200);
  CHECK(playground.finished());
  CHECK(playground.stop_reason().find("diverged") == 0);
}

TEST_CASE("playground: invalid settings give clear messages", "[playground]") {
  PlaygroundConfig config = default_on("multiblobs");
  config.loss = "binary_cross_entropy";
  CHECK(validate_playground_config(config).find("cross_entropy") != std::string::npos);
  config = default_on("circle");
  config.hidden_widths = {4, 0};
  CHECK(validate_playground_config(config) == "hidden layer 2 must have 1 to 32 neurons");
  config = default_on("circle");
  config.dataset = "nope";
  CHECK(!validate_playground_config(config).empty());
  config = default_on("circle");
  config.features = {};
  CHECK(validate_playground_config(config) == "choose at least one input feature");
  config = default_on("circle");
  config.optimizer.id = "nope";
  CHECK(!validate_playground_config(config).empty());
  config = default_on("circle");
  config.points = 5;
  CHECK(validate_playground_config(config).find("points") == 0);
  CHECK_THROWS_AS(Playground(config), std::invalid_argument);
}

TEST_CASE("playground: every optimizer of the catalog trains it", "[playground]") {
  for (const auto& info : optimizer_catalog()) {
    const std::string& id = info.id;
    PlaygroundConfig config = default_on("blobs");
    config.optimizer.id = id;
    config.learning_rate = 0.01;
    config.learning_rate = id == "lion" ? 0.001 : 0.01;
    INFO(id);
    Playground playground(config);
    playground.advance(30);
    CHECK(playground.accuracy(true) >= 0.95);
  }
}

TEST_CASE("playground: added points join the training set, and bad ones are refused",
          "[playground]") {
  PlaygroundConfig config = default_on("blobs");
  Playground plain(config);
  config.added_points = {{0.9, -0.9, 0}, {-0.8, 0.7, 1}};
  Playground added(config);
  REQUIRE(added.train_points().size() == plain.train_points().size() + 2);
  const int last = added.train_points().size() - 1;
  CHECK(added.train_points().inputs(last, 0) == -0.8);
  CHECK(added.train_points().inputs(last, 1) == 0.7);
  CHECK(added.train_points().labels[static_cast<std::size_t>(last)] == 1);
  CHECK(added.train_points().targets(last, 1) == 1.0);
  CHECK(added.test_points().size() == plain.test_points().size());
  added.advance(3);
  CHECK(added.frame().train_loss.size() == 3);
  config.added_points = {{0.0, 0.0, 2}};
  CHECK(validate_playground_config(config).find("has class 2") != std::string::npos);
  config.added_points = {{50.0, 0.0, 0}};
  CHECK(validate_playground_config(config).find("outside") != std::string::npos);
}

#include "descent/sims/cnn/cnn_session.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <numeric>
#include <stdexcept>

#include "descent/sims/cnn/cnn_activation_max.hpp"
#include "descent/sims/cnn/cnn_inspection.hpp"
#include "shapes_data.hpp"

using namespace descent;
using descent::testing::shape_data;
using descent::testing::small_config;

namespace {

CnnSession& trained(CnnSession& session) {
  while (!session.advance(7)) {
  }
  return session;
}

}  // namespace

TEST_CASE("a CNN learns four procedural shapes to ≥ 90 % test accuracy", "[cnn][session]") {
  CnnSession session(small_config(), shape_data());
  trained(session);
  const CnnProgress& progress = session.progress();
  CHECK(progress.done);
  CHECK_FALSE(progress.diverged);
  CHECK(progress.stop_reason == "completed");
  CHECK(progress.epoch == 4);
  CHECK(progress.batches_per_epoch == 25);
  CHECK(progress.steps == 100);
  CHECK(progress.examples == 1600);
  const CnnHistory& history = session.history();
  for (const auto* series :
       {&history.train_loss, &history.train_accuracy, &history.test_loss, &history.test_accuracy}) {
    CHECK(series->size() == 4);
  }
  CHECK(history.test_accuracy.back() >= 0.9);
  CHECK(history.train_loss.back() < history.train_loss.front());
  const std::vector<int>& confusion = session.confusion();
  REQUIRE(confusion.size() == 100);
  CHECK(std::accumulate(confusion.begin(), confusion.end(), 0) == 100);
  int correct = 0;
  for (int c = 0; c < 10; ++c) correct += confusion[c * 10 + c];
  CHECK(static_cast<int>(session.mistakes().index.size()) == 100 - correct);
  CHECK(correct == Approx(history.test_accuracy.back() * 100));
}

TEST_CASE("a CNN session is deterministic however the batches are sliced", "[cnn][session]") {
  CnnConfig config = small_config();
  config.epochs = 2;
  config.shift = 2;
  CnnSession whole(config, shape_data(200, 40));
  CnnSession sliced(config, shape_data(200, 40));
  whole.advance(1000);
  while (!sliced.advance(3)) {
  }
  CHECK(whole.history().train_loss == sliced.history().train_loss);
  CHECK(whole.history().test_loss == sliced.history().test_loss);
  CHECK(whole.history().test_accuracy == sliced.history().test_accuracy);
  CHECK(whole.network().get_parameters() == sliced.network().get_parameters());
  config.seed = 8;
  CnnSession other(config, shape_data(200, 40));
  other.advance(1000);
  CHECK(other.history().train_loss != whole.history().train_loss);
}

TEST_CASE("a CNN session reports progress within an epoch", "[cnn][session]") {
  CnnConfig config = small_config();
  config.train_size = 100;
  CnnSession session(config, shape_data(200, 40));
  CHECK_FALSE(session.advance(3));
  CHECK(session.progress().batch == 3);
  CHECK(session.progress().examples == 48);
  CHECK(session.history().train_loss.empty());
  session.advance(4);  // 7 batches of ≤ 16 cover the 100 images
  CHECK(session.progress().evaluating);
  CHECK(session.progress().epoch == 0);
  session.advance(1);  // the 40 test images are one unit of evaluation
  CHECK_FALSE(session.progress().evaluating);
  CHECK(session.progress().epoch == 1);
  CHECK(session.progress().batch == 0);
  CHECK(session.progress().examples == 100);
  CHECK(session.history().test_loss.size() == 1);
}

TEST_CASE("a CNN session reports divergence with its epoch and step", "[cnn][session]") {
  CnnConfig config = small_config();
  config.optimizer.id = "sgd";
  config.learning_rate = 1e12;
  CnnSession session(config, shape_data(200, 40));
  CHECK(session.advance(1000));
  const CnnProgress& progress = session.progress();
  CHECK(progress.diverged);
  CHECK(progress.diverged_epoch >= 1);
  CHECK(progress.diverged_step >= 1);
  CHECK(progress.stop_reason.find("diverged at epoch " + std::to_string(progress.diverged_epoch) +
                                  ", step " + std::to_string(progress.diverged_step)) == 0);
  CHECK(static_cast<int>(session.history().train_loss.size()) == progress.diverged_epoch - 1);
  CHECK(session.advance(10));  // stays done
}

TEST_CASE("an MLP session (no conv blocks) trains; parameters counted by hand", "[cnn][session]") {
  CnnData data;
  data.train = testing::shape_images(400, 1000, 28);
  data.test = testing::shape_images(100, 900000, 28);
  CnnConfig mlp = small_config();
  mlp.conv_blocks.clear();
  mlp.dense_layers = {64, 32};
  CnnSession session(mlp, data);
  CHECK(session.network().parameter_count() == 784 * 64 + 64 + 64 * 32 + 32 + 32 * 10 + 10);
  trained(session);
  CHECK(session.progress().stop_reason == "completed");
  const CnnHistory& history = session.history();
  CHECK(history.train_loss.back() < history.train_loss.front());
  CHECK(history.test_accuracy.back() >= 0.9);
  // The default LeNet-like CNN on the same 28×28 images: conv 1·25·6 + 6, conv 6·25·16 + 16,
  // dense 16·4·4 → 120 → 84 → 10.
  const CnnSession lenet(CnnConfig{}, data);
  const int lenet_count =
      (25 * 6 + 6) + (6 * 25 * 16 + 16) + (256 * 120 + 120) + (120 * 84 + 84) + (84 * 10 + 10);
  CHECK(lenet.network().parameter_count() == lenet_count);
  std::printf(
      "MLP 784-64-32-10: %d parameters, test accuracy %.3f; LeNet-like CNN: %d parameters\n",
      session.network().parameter_count(), history.test_accuracy.back(), lenet_count);
  // An MLP has no filters to show; its feature maps start with the flattened image.
  int filters = -1, kernel = -1;
  CHECK(cnn_first_layer_filters(session.network(), filters, kernel).empty());
  CHECK((filters == 0 && kernel == 0));
  const std::vector<CnnFeatureMap> maps =
      cnn_feature_maps(session.network(), std::vector<float>(784, 0.5f));
  REQUIRE(maps.size() == 4);
  CHECK((maps[0].layer == "flatten" && maps[0].channels == 784));
  CHECK(cnn_saliency(session.network(), std::vector<float>(784, 0.5f), 2).size() == 784);
}

TEST_CASE("same padding keeps the map size; dropout on the head trains deterministically",
          "[cnn][session]") {
  CnnConfig config = small_config();
  config.conv_blocks = {{6, 5, CnnPooling::kMax, true}, {8, 3, CnnPooling::kMax, true}};
  config.dropout = 0.5;
  config.epochs = 2;
  CnnSession session(config, shape_data(200, 40));
  const std::vector<CnnFeatureMap> maps =
      cnn_feature_maps(session.network(), std::vector<float>(256, 0.5f));
  CHECK((maps[0].channels == 6 && maps[0].height == 16 && maps[0].width == 16));
  CHECK((maps[2].channels == 8 && maps[2].height == 8 && maps[2].width == 8));
  CHECK((maps[4].layer == "flatten" && maps[4].channels == 8 * 4 * 4));
  // Dropout adds no parameter: conv 1·25·6 + 6, conv 6·9·8 + 8, dense 128 → 32 → 10.
  CHECK(session.network().parameter_count() == 156 + 440 + (128 * 32 + 32) + (32 * 10 + 10));
  REQUIRE(session.network().dropout(5) != nullptr);
  CHECK(session.network().dropout(5)->rate() == 0.5);
  trained(session);
  CHECK(session.progress().stop_reason == "completed");
  CHECK(session.history().test_accuracy.back() >= 0.6);  // chance: 0.25
  CnnSession again(config, shape_data(200, 40));
  trained(again);
  CHECK(again.history().train_loss == session.history().train_loss);
  config.dropout = 0.0;
  CnnSession without(config, shape_data(200, 40));
  trained(without);
  CHECK(without.history().train_loss != session.history().train_loss);
}

TEST_CASE("batch norm on the conv blocks: per channel, trains, inspectable", "[cnn][session]") {
  CnnConfig config = small_config();
  config.conv_blocks = {{6, 5, CnnPooling::kMax, false, true},
                        {8, 3, CnnPooling::kMax, true, true}};
  config.epochs = 2;
  CnnSession session(config, shape_data(200, 40));
  // γ and β per channel add 2·(6 + 8) parameters to conv 156 + 440; 16 → 12 → pool 6 → same 6 →
  // pool 3: dense 8·3·3 → 32 → 10.
  CHECK(session.network().parameter_count() ==
        156 + 12 + 440 + 16 + (72 * 32 + 32) + (32 * 10 + 10));
  trained(session);
  CHECK(session.progress().stop_reason == "completed");
  CHECK(session.history().test_accuracy.back() >= 0.8);
  const std::vector<float> image(256, 0.5f);
  CHECK(cnn_feature_maps(session.network(), image).size() == 7);
  CHECK(cnn_grad_cam(session.network(), image, 1).values.size() == 36);
  CnnActivationMaxSettings settings;
  settings.class_index = 1;
  CnnActivationMaximizer maximizer(session.network(), settings);
  maximizer.advance(200);
  CHECK(maximizer.objective() > maximizer.objectives().front());
}

TEST_CASE("invalid CNN configs and data are rejected with messages", "[cnn][session]") {
  const CnnData data = shape_data(20, 8);
  auto message = [&](CnnConfig config, CnnData d) {
    std::string m = validate_cnn_config(config);
    return m.empty() ? validate_cnn_data(config, d) : m;
  };
  CHECK(message(small_config(), data).empty());
  CnnConfig config = small_config();
  config.conv_blocks.assign(4, {2, 1, CnnPooling::kNone});
  CHECK(message(config, data) == "number of conv blocks must be in [0, 3], got 4");
  config = small_config();
  config.conv_blocks[0].filters = 0;
  CHECK(message(config, data) == "conv block 1 filters must be in [1, 64], got 0");
  config = small_config();
  config.conv_blocks[1] = {8, 4, CnnPooling::kMax, true};
  CHECK(message(config, data) == "conv block 2: same padding needs an odd kernel, got 4");
  config = small_config();
  config.dropout = 1.0;
  CHECK_FALSE(message(config, data).empty());
  config = small_config();
  config.activation = "wiggle";
  CHECK_FALSE(message(config, data).empty());
  config = small_config();
  config.learning_rate = -1;
  CHECK(message(config, data) == "learning rate must be a finite number > 0");
  config = small_config();
  config.optimizer.id = "nope";
  CHECK_FALSE(message(config, data).empty());
  config = small_config();
  config.shift = 9;
  CHECK(message(config, data) == "shift must be in [0, 4], got 9");
  config = small_config();
  config.train_size = 21;
  CHECK(message(config, data) == "training-set size 21 is more than the 20 training images");
  config = small_config();
  config.conv_blocks = {{6, 7, CnnPooling::kMax}, {8, 7, CnnPooling::kMax}};
  CHECK(message(config, data).rfind("the architecture does not fit 16×16 images: ", 0) == 0);

  CnnData bad = data;
  bad.train.labels[3] = 10;
  CHECK(message(small_config(), bad) == "train label 3 is 10, not a class in [0, 9]");
  bad = data;
  bad.test.pixels.pop_back();
  CHECK(message(small_config(), bad).rfind("test pixels: ", 0) == 0);
  bad = data;
  bad.test.labels.pop_back();
  CHECK(message(small_config(), bad) == "test labels: 7 labels for 8 images");
  bad = data;
  bad.height = 4;
  CHECK(message(small_config(), bad) == "image height must be in [8, 64], got 4");
  CHECK_THROWS_AS(CnnSession(small_config(), bad), std::invalid_argument);
}

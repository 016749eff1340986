#include "descent/sims/cnn/cnn_activation_max.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <utility>

#include "descent/sims/cnn/cnn_session.hpp"
#include "shapes_data.hpp"

using namespace descent;

namespace {

const nn::Network<float>& trained_network() {
  static CnnSession session(testing::small_config(), testing::shape_data());
  while (!session.advance(25)) {
  }
  return session.network();
}

CnnActivationMaxSettings filter_settings(int layer, int filter) {
  CnnActivationMaxSettings settings;
  settings.target = CnnMaximizeTarget::kFilter;
  settings.conv_layer = layer;
  settings.filter = filter;
  return settings;
}

// The mean of objectives[from, to).
double mean_of(const std::vector<double>& objectives, int from, int to) {
  double sum = 0.0;
  for (int i = from; i < to; ++i) sum += objectives[static_cast<std::size_t>(i)];
  return sum / (to - from);
}

void check_ascends(const CnnActivationMaximizer& maximizer, double margin) {
  const std::vector<double>& objectives = maximizer.objectives();
  REQUIRE(objectives.size() == 201);
  INFO("objective " << objectives.front() << " → " << objectives.back());
  CHECK(objectives.back() > objectives.front() + margin);
  // Rising in expectation, then levelling off where the ascent meets the decay and the blur: the
  // second quarter higher on average than the first, the second half than the first quarter, and
  // no step of the second half back down to the start.
  CHECK(mean_of(objectives, 50, 100) > mean_of(objectives, 0, 50));
  CHECK(mean_of(objectives, 100, 201) > mean_of(objectives, 0, 50));
  for (int s = 100; s <= 200; ++s) CHECK(objectives[s] > objectives.front() + margin / 2);
  for (float v : maximizer.image()) CHECK((v >= 0.0f && v <= 1.0f));
}

}  // namespace

TEST_CASE("activation maximisation raises each class's logit", "[cnn][activation-max]") {
  for (int c = 0; c < 4; ++c) {
    CnnActivationMaxSettings settings;
    settings.class_index = c;
    CnnActivationMaximizer maximizer(trained_network(), settings);
    CHECK(maximizer.step() == 0);
    CHECK_FALSE(maximizer.done());
    CHECK(maximizer.advance(1000));
    CHECK(maximizer.step() == 200);
    CHECK(maximizer.image().size() == 256);
    std::printf("act-max class %d: logit %.3f -> %.3f\n", c, maximizer.objectives().front(),
                maximizer.objective());
    check_ascends(maximizer, 2.0);
  }
}

TEST_CASE("activation maximisation raises a conv filter's mean activation",
          "[cnn][activation-max]") {
  for (const auto& [layer, filter] : {std::pair{0, 0}, std::pair{0, 3}, std::pair{1, 2}}) {
    CnnActivationMaximizer maximizer(trained_network(), filter_settings(layer, filter));
    maximizer.advance(200);
    std::printf("act-max conv %d filter %d: mean activation %.4f -> %.4f\n", layer, filter,
                maximizer.objectives().front(), maximizer.objective());
    check_ascends(maximizer, 0.1);
  }
}

TEST_CASE("activation maximisation is deterministic with its seed", "[cnn][activation-max]") {
  CnnActivationMaxSettings settings;
  settings.class_index = 2;
  settings.steps = 40;
  CnnActivationMaximizer whole(trained_network(), settings);
  CnnActivationMaximizer sliced(trained_network(), settings);
  whole.advance(40);
  while (!sliced.advance(3)) {
  }
  CHECK(whole.image() == sliced.image());
  CHECK(whole.objectives() == sliced.objectives());
  settings.seed = 2;
  const CnnActivationMaximizer reseeded(trained_network(), settings);
  CHECK(reseeded.image() == CnnActivationMaximizer(trained_network(), settings).image());
  settings.seed = 1;
  CHECK(reseeded.image() != CnnActivationMaximizer(trained_network(), settings).image());
}

TEST_CASE("invalid activation maximisation targets are rejected with messages",
          "[cnn][activation-max]") {
  const nn::Network<float>& network = trained_network();
  CnnActivationMaxSettings settings;
  settings.class_index = 10;
  CHECK(validate_cnn_activation_max(network, settings) == "class index must be in [0, 9], got 10");
  CHECK_THROWS_WITH(CnnActivationMaximizer(network, settings),
                    "class index must be in [0, 9], got 10");
  settings.class_index = -1;
  CHECK(validate_cnn_activation_max(network, settings) == "class index must be in [0, 9], got -1");
  CHECK(validate_cnn_activation_max(network, filter_settings(2, 0)) ==
        "convolution layer must be in [0, 1], got 2");
  CHECK(validate_cnn_activation_max(network, filter_settings(1, 8)) ==
        "filter of convolution layer 1 must be in [0, 7], got 8");
  CHECK(validate_cnn_activation_max(network, filter_settings(0, 5)).empty());
  settings = {};
  settings.steps = 0;
  CHECK(validate_cnn_activation_max(network, settings) == "steps must be in [1, 5000], got 0");
  settings = {};
  settings.step_size = 0.0;
  CHECK(validate_cnn_activation_max(network, settings) == "step size must be in (0, 1]");
  settings = {};
  settings.l2 = 1.0;
  CHECK(validate_cnn_activation_max(network, settings) == "L2 decay must be in [0, 1)");
  settings = {};
  settings.blur_every = -1;
  CHECK(validate_cnn_activation_max(network, settings) ==
        "blur interval must be in [0, 1000], got -1");
}

TEST_CASE("activation maximisation on a 28×28 digit-sized net, timed",
          "[cnn][activation-max][.bench]") {
  CnnData data;
  data.train = testing::shape_images(64, 1, 28);
  data.test = testing::shape_images(16, 99, 28);
  CnnSession session(CnnConfig{}, data);  // the default LeNet-like net
  session.advance(2);
  CnnActivationMaxSettings settings;
  settings.class_index = 3;
  CnnActivationMaximizer maximizer(session.network(), settings);
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  maximizer.advance(200);
  const double ms = std::chrono::duration<double, std::milli>(clock::now() - start).count();
  std::printf("28x28 LeNet-like: activation maximisation %.3f ms per step\n", ms / 200);
  CHECK(ms > 0);
}

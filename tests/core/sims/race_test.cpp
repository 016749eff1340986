#include "descent/sims/race.hpp"

#include <catch2/catch.hpp>

using namespace descent;

namespace {

RacerConfig racer(const std::string& optimizer, double lr) {
  RacerConfig config;
  config.optimizer.id = optimizer;
  config.learning_rate = lr;
  return config;
}

// Four optimizers down the ravine from its default start.
RaceConfig ravine_race(double noise) {
  RaceConfig config;
  config.surface = {"ravine", 10.0};
  config.start = {-9.0, 2.0};
  config.steps = 150;
  config.gradient_noise = noise;
  config.seed = 77;
  config.racers = {racer("sgd", 0.05), racer("momentum", 0.01), racer("adam", 0.1),
                   racer("rmsprop", 0.03)};
  config.racers[2].schedule.id = "cosine";
  config.racers[3].clip = {"norm", 2.0};
  return config;
}

void require_identical(const DescentRun& a, const DescentRun& b) {
  REQUIRE(a.steps_completed == b.steps_completed);
  CHECK(a.positions == b.positions);
  CHECK(a.losses == b.losses);
  CHECK(a.learning_rates == b.learning_rates);
  REQUIRE(a.state.size() == b.state.size());
  for (std::size_t i = 0; i < a.state.size(); ++i) CHECK(a.state[i].values == b.state[i].values);
  CHECK(a.message == b.message);
}

}  // namespace

TEST_CASE("A race is deterministic: same config, identical runs", "[sims]") {
  const RaceConfig config = ravine_race(0.5);
  const auto first = run_race(config);
  const auto again = run_race(config);
  REQUIRE(first.size() == 4);
  for (std::size_t i = 0; i < first.size(); ++i) require_identical(first[i], again[i]);
}

TEST_CASE("Without noise each racer runs exactly its own single descent", "[sims]") {
  const RaceConfig config = ravine_race(0.0);
  const auto runs = run_race(config);
  for (std::size_t i = 0; i < config.racers.size(); ++i) {
    DescentRunConfig single;
    single.surface = config.surface;
    single.optimizer = config.racers[i].optimizer;
    single.learning_rate = config.racers[i].learning_rate;
    single.schedule = config.racers[i].schedule;
    single.clip = config.racers[i].clip;
    single.start = config.start;
    single.steps = config.steps;
    INFO("racer " << i);
    require_identical(runs[i], run_descent(single));
  }
}

TEST_CASE("With noise each racer has its own stream, untouched by the other racers", "[sims]") {
  RaceConfig config = ravine_race(0.5);
  const auto runs = run_race(config);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    require_identical(runs[i], run_descent(racer_descent_config(config, static_cast<int>(i))));
  }
  SECTION("adding racers leaves the others' noisy trajectories unchanged") {
    config.racers.push_back(racer("lion", 0.03));
    config.racers.push_back(racer("adagrad", 0.5));
    const auto more = run_race(config);
    REQUIRE(more.size() == 6);
    for (std::size_t i = 0; i < runs.size(); ++i) require_identical(more[i], runs[i]);
  }
  SECTION("two identical racers draw different noise") {
    config.racers = {racer("sgd", 0.05), racer("sgd", 0.05)};
    const auto twins = run_race(config);
    CHECK(twins[0].positions != twins[1].positions);
  }
  SECTION("another race seed gives other noise") {
    config.seed = 78;
    CHECK(run_race(config)[0].positions != runs[0].positions);
  }
}

TEST_CASE("Invalid races are rejected with a message naming the racer", "[sims]") {
  const RaceConfig good = ravine_race(0.1);
  REQUIRE(validate_race_config(good).empty());
  auto expect_message = [](const RaceConfig& config, const std::string& fragment) {
    const std::string message = validate_race_config(config);
    INFO(message);
    CHECK(message.find(fragment) != std::string::npos);
    CHECK_THROWS_AS(run_race(config), std::invalid_argument);
  };
  RaceConfig c = good;
  c.racers.clear();
  expect_message(c, "between 1 and 8 racers, got 0");
  c.racers.assign(9, racer("adam", 0.1));
  expect_message(c, "between 1 and 8 racers, got 9");
  c = good;
  c.racers[1].learning_rate = -1.0;
  expect_message(c, "racer 2 (momentum): learning rate");
  c = good;
  c.racers[2].optimizer.id = "adamx";
  expect_message(c, "racer 3 (adamx): unknown optimizer");
  c = good;
  c.racers[0].optimizer.hyper_parameters = {{"momentum", 0.5}};
  expect_message(c, "racer 1 (sgd): ");
  c = good;
  c.racers[3].schedule.id = "zigzag";
  expect_message(c, "racer 4 (rmsprop): ");
  c = good;
  c.surface = {"quadratic1d", 10.0};
  c.start = {0.5};
  expect_message(c, "the race needs a 2-D surface; quadratic1d is 1-D");
  c = good;
  c.surface.id = "volcano";
  expect_message(c, "volcano");
  c = good;
  c.steps = kMaxRaceSteps + 1;
  expect_message(c, "race steps must be between 1 and 20000");
  c.steps = 0;
  expect_message(c, "race steps");
  // Shared settings are not blamed on a racer.
  c = good;
  c.start = {1.0};
  expect_message(c, "start point must have 2");
  CHECK(validate_race_config(c).find("racer") == std::string::npos);
  c = good;
  c.gradient_noise = -0.5;
  expect_message(c, "gradient noise");
  CHECK(validate_race_config(c).find("racer") == std::string::npos);
}

#include "descent/optim/optimizer_catalog.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <stdexcept>

#include "descent/optim/sgd.hpp"
#include "optim_test_support.hpp"

using descent::make_optimizer;
using descent::optimizer_catalog;
using descent::OptimizerSettings;
using descent::StateEntry;
using descent::validate_optimizer_settings;
using descent::test::quadratic_start;
using descent::test::quadratic_step;
using descent::test::state_value;

namespace {

OptimizerSettings settings_for(const std::string& id, descent::HyperParameterValues values = {}) {
  OptimizerSettings settings;
  settings.id = id;
  settings.hyper_parameters = std::move(values);
  return settings;
}

double default_learning_rate(const std::string& id) {
  for (const auto& info : optimizer_catalog()) {
    if (info.id == id) return info.default_learning_rate;
  }
  throw std::out_of_range(id);
}

}  // namespace

TEST_CASE("The optimizer catalog lists every optimizer in menu order", "[optim][catalog]") {
  std::vector<std::string> ids;
  std::vector<std::string> labels;
  for (const auto& info : optimizer_catalog()) {
    ids.push_back(info.id);
    labels.push_back(info.label);
    CHECK_FALSE(info.summary.empty());
  }
  CHECK(ids == std::vector<std::string>{"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam",
                                        "adamw", "lion"});
  CHECK(labels == std::vector<std::string>{"SGD", "Momentum", "Nesterov", "AdaGrad", "RMSProp",
                                           "Adam", "AdamW", "Lion"});
}

TEST_CASE("Catalog hyper-parameters use the keys the web UI knows", "[optim][catalog]") {
  const std::set<std::string> ui_keys{
      "momentum", "dampening", "weight_decay", "lr_decay", "initial_accumulator_value",
      "eps",      "alpha",     "centered",     "beta1",    "beta2"};
  for (const auto& info : optimizer_catalog()) {
    INFO(info.id);
    for (const auto& parameter : info.hyper_parameters) {
      INFO(parameter.key);
      CHECK(ui_keys.count(parameter.key) == 1);
      CHECK(parameter.min_value <= parameter.default_value);
      CHECK(parameter.default_value <= parameter.max_value);
      CHECK_FALSE(parameter.label.empty());
      CHECK_FALSE(parameter.meaning.empty());
      if (parameter.log_scale) CHECK(parameter.min_value > 0.0);
    }
  }
}

TEST_CASE("Default learning rates differ per optimizer", "[optim][catalog]") {
  for (const auto& info : optimizer_catalog()) CHECK(info.default_learning_rate > 0.0);
  // Adam's steps are ≈ lr in size, SGD's are lr·|g|: the same number does not fit both.
  CHECK(default_learning_rate("adam") > default_learning_rate("sgd"));
  // Lion moves every coordinate by exactly lr, so it wants a smaller one than Adam.
  CHECK(default_learning_rate("lion") < default_learning_rate("adam"));
}

TEST_CASE("Optimizer ids map to the documented hyper-parameter sets", "[optim][catalog]") {
  const auto keys_of = [](const std::string& id) {
    std::vector<std::string> keys;
    for (const auto& info : optimizer_catalog()) {
      if (info.id != id) continue;
      for (const auto& parameter : info.hyper_parameters) keys.push_back(parameter.key);
    }
    return keys;
  };
  CHECK(keys_of("sgd") == std::vector<std::string>{"weight_decay"});
  CHECK(keys_of("momentum") == std::vector<std::string>{"momentum", "dampening", "weight_decay"});
  CHECK(keys_of("nesterov") == std::vector<std::string>{"momentum", "weight_decay"});
  CHECK(keys_of("rmsprop") ==
        std::vector<std::string>{"alpha", "eps", "weight_decay", "momentum", "centered"});
  CHECK(keys_of("adamw") == std::vector<std::string>{"beta1", "beta2", "eps", "weight_decay"});
}

TEST_CASE("Catalog optimizers follow their classes' update rules", "[optim][catalog]") {
  // Hand-computed in sgd_test.cpp: momentum 0.9 gives (0.46, 0.34), Nesterov (0.2224, 0.1888).
  auto momentum = make_optimizer(settings_for("momentum"), 2);
  auto nesterov = make_optimizer(settings_for("nesterov"), 2);
  auto sgd = make_optimizer(settings_for("sgd"), 2);
  Eigen::VectorXd momentum_point = quadratic_start();
  Eigen::VectorXd nesterov_point = quadratic_start();
  Eigen::VectorXd sgd_point = quadratic_start();
  for (int step = 0; step < 2; ++step) {
    quadratic_step(*momentum, momentum_point, 0.1);
    quadratic_step(*nesterov, nesterov_point, 0.1);
    quadratic_step(*sgd, sgd_point, 0.1);
  }
  CHECK(momentum_point[0] == Approx(0.46).epsilon(1e-14));
  CHECK(nesterov_point[0] == Approx(0.2224).epsilon(1e-13));
  CHECK(sgd_point[0] == Approx(0.64).epsilon(1e-14));
  CHECK(sgd->state().empty());

  // "centered" = 1 turns on RMSProp's gradient average.
  auto centered = make_optimizer(settings_for("rmsprop", {{"centered", 1.0}}), 2);
  CHECK_NOTHROW(state_value(*centered, "gradient_average"));
  auto adagrad = make_optimizer(settings_for("adagrad", {{"initial_accumulator_value", 0.5}}), 2);
  CHECK(state_value(*adagrad, "sum_of_squares") == Eigen::VectorXd::Constant(2, 0.5));
}

TEST_CASE("Every catalog setting in range builds and steps", "[optim][catalog]") {
  // Corner values of every range, so the tables never admit what a class would reject.
  for (const auto& info : optimizer_catalog()) {
    for (const bool use_max : {false, true}) {
      descent::HyperParameterValues values;
      for (const auto& parameter : info.hyper_parameters) {
        values[parameter.key] = use_max ? parameter.max_value : parameter.min_value;
      }
      INFO(info.id << (use_max ? " at max" : " at min"));
      const auto settings = settings_for(info.id, values);
      REQUIRE(validate_optimizer_settings(settings).empty());
      auto optimizer = make_optimizer(settings, 2);
      Eigen::VectorXd point = quadratic_start();
      quadratic_step(*optimizer, point, info.default_learning_rate);
      CHECK(optimizer->step_count() == 1);
    }
  }
}

TEST_CASE("Catalog optimizers report zero state of the right size before stepping",
          "[optim][catalog]") {
  for (const auto& info : optimizer_catalog()) {
    INFO(info.id);
    const auto optimizer = make_optimizer(settings_for(info.id), 3);
    CHECK(optimizer->step_count() == 0);
    for (const auto& entry : optimizer->state()) {
      CHECK(entry.value == Eigen::VectorXd::Zero(3));
      CHECK_FALSE(entry.key.empty());
      CHECK_FALSE(entry.label.empty());
      CHECK_FALSE(entry.meaning.empty());
    }
  }
}

TEST_CASE("State entries listed once follow the live state through every step",
          "[optim][catalog]") {
  // Every optional state vector switched on: RMSProp centered with momentum, SGD with momentum.
  const std::vector<OptimizerSettings> all_settings = {
      settings_for("rmsprop", {{"centered", 1}, {"momentum", 0.5}}),
      settings_for("momentum"),
      settings_for("sgd"),
      settings_for("adagrad"),
      settings_for("adam"),
      settings_for("adamw"),
      settings_for("lion")};
  for (const auto& settings : all_settings) {
    INFO(settings.id);
    auto optimizer = make_optimizer(settings, 2);
    const std::vector<StateEntry> entries = optimizer->state_entries();
    Eigen::VectorXd point = quadratic_start();
    for (int step = 0; step < 5; ++step) {
      quadratic_step(*optimizer, point, 0.01);
      const auto copied = optimizer->state();
      REQUIRE(copied.size() == entries.size());
      for (std::size_t i = 0; i < entries.size(); ++i) {
        CHECK(copied[i].key == entries[i].key);
        CHECK(*entries[i].value == copied[i].value);
      }
    }
  }
}

TEST_CASE("Invalid optimizer settings give messages and make_optimizer throws",
          "[optim][catalog]") {
  CHECK(validate_optimizer_settings(settings_for("adam")).empty());
  CHECK(validate_optimizer_settings(settings_for("adamax")) ==
        "unknown optimizer 'adamax' (valid: sgd, momentum, nesterov, adagrad, rmsprop, adam, "
        "adamw, lion)");
  CHECK(validate_optimizer_settings(settings_for("sgd", {{"momentum", 0.9}})) ==
        "sgd: unknown parameter 'momentum' (valid: weight_decay)");
  CHECK(validate_optimizer_settings(settings_for("adam", {{"beta1", 1.5}})) ==
        "adam: beta1 must be in [0, 0.999999], got 1.5");
  CHECK(validate_optimizer_settings(settings_for("adam", {{"eps", std::nan("")}})) ==
        "adam: eps must be a finite number, got nan");
  CHECK(validate_optimizer_settings(settings_for("rmsprop", {{"centered", 0.5}})) ==
        "rmsprop: centered must be an integer, got 0.5");
  CHECK(validate_optimizer_settings(settings_for("nesterov", {{"momentum", 0.0}})) ==
        "nesterov: momentum must be in [0.01, 0.999999], got 0");

  CHECK_THROWS_WITH(make_optimizer(settings_for("adam", {{"beta1", 1.5}}), 2),
                    "adam: beta1 must be in [0, 0.999999], got 1.5");
  CHECK_THROWS_AS(make_optimizer(settings_for("adamax"), 2), std::invalid_argument);
  CHECK_THROWS_AS(make_optimizer(settings_for("adam"), 0), std::invalid_argument);
}

TEST_CASE("Catalog optimizers are deterministic", "[optim][catalog]") {
  for (const auto& info : optimizer_catalog()) {
    INFO(info.id);
    const auto run = [&info]() {
      auto optimizer = make_optimizer(settings_for(info.id), 2);
      Eigen::VectorXd point = quadratic_start();
      for (int step = 0; step < 100; ++step) {
        quadratic_step(*optimizer, point, info.default_learning_rate);
      }
      return std::make_pair(point, optimizer->state());
    };
    const auto first = run();
    const auto second = run();
    CHECK(first.first == second.first);  // bit-identical, not merely close
    REQUIRE(first.second.size() == second.second.size());
    for (std::size_t i = 0; i < first.second.size(); ++i) {
      CHECK(first.second[i].value == second.second[i].value);
    }
  }
}

TEST_CASE("Default learning rates descend the demo quadratic", "[optim][catalog]") {
  // Each optimizer at its default lr gets well down x² + 4y² from (1, −0.5) in 200 steps.
  for (const auto& info : optimizer_catalog()) {
    INFO(info.id);
    auto optimizer = make_optimizer(settings_for(info.id), 2);
    Eigen::VectorXd point = quadratic_start();
    for (int step = 0; step < 200; ++step) {
      quadratic_step(*optimizer, point, info.default_learning_rate);
    }
    CHECK(point.norm() < 0.1);
  }
}

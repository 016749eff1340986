#include "descent/sims/lr/range_test.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace descent;

TEST_CASE("the range test's rate grows exponentially from min_lr to max_lr", "[lr_range_test]") {
  LrRangeTestConfig config;
  config.max_lr = 1e-2;  // too small to blow up: the whole range runs
  const LrRangeTest run = run_lr_range_test(config);
  REQUIRE(run.learning_rate.size() == 200);
  CHECK(run.stopped_at_step == -1);
  CHECK(run.learning_rate.front() == Approx(1e-4));
  CHECK(run.learning_rate.back() == Approx(1e-2));
  const double ratio = run.learning_rate[1] / run.learning_rate[0];
  for (std::size_t i = 1; i < run.learning_rate.size(); ++i) {
    CHECK(run.learning_rate[i] / run.learning_rate[i - 1] == Approx(ratio));
  }
}

TEST_CASE("the suggested rate lies in a sensible band before the blow-up, on fixed seeds",
          "[lr_range_test]") {
  for (std::uint64_t seed : {1, 2, 3}) {
    LrRangeTestConfig config;
    config.seed = seed;
    const LrRangeTest run = run_lr_range_test(config);
    INFO("seed " << seed << ": suggested " << run.suggested_lr);
    // The loss blows up somewhere between lr 1 and 50 (measured: 4.7–6.2) …
    REQUIRE(run.stopped_at_step > 0);
    CHECK(run.learning_rate[run.stopped_at_step] > 1.0);
    CHECK(run.learning_rate[run.stopped_at_step] < 50.0);
    // … and the steepest fall is well below it and below the loss's minimum (measured ≈ 0.07–0.11).
    CHECK(run.suggested_lr > 0.01);
    CHECK(run.suggested_lr < 0.5);
    CHECK(run.suggested_step < run.minimum_step);
    CHECK(run.smoothed_loss[run.minimum_step] < run.smoothed_loss.front());
  }
}

TEST_CASE("the range test is deterministic and checks its input", "[lr_range_test]") {
  const LrRangeTest a = run_lr_range_test({});
  const LrRangeTest b = run_lr_range_test({});
  CHECK(a.loss == b.loss);
  LrRangeTestConfig bad;
  bad.min_lr = 0.0;
  CHECK(validate_lr_range_test(bad) != "");
  bad = {};
  bad.max_lr = bad.min_lr;
  CHECK(validate_lr_range_test(bad) != "");
  bad = {};
  bad.steps = 5;
  CHECK(validate_lr_range_test(bad) != "");
  bad = {};
  bad.batch_size = 1000;
  CHECK(validate_lr_range_test(bad) != "");
  CHECK_THROWS_AS(run_lr_range_test(bad), std::invalid_argument);
}

TEST_CASE("the range test run in slices gives the whole test's numbers", "[lr_range_test]") {
  LrRangeTestConfig config;
  const LrRangeTest whole = run_lr_range_test(config);
  LrRangeTestRun run(config);
  int calls = 0;
  while (!run.advance(7)) {
    ++calls;
    REQUIRE(calls < 100);
    CHECK(static_cast<int>(run.result().loss.size()) == 7 * calls);
  }
  CHECK(run.finished());
  const LrRangeTest sliced = run.result();
  CHECK(run.advance(7));  // over: nothing more runs
  CHECK(run.result().loss.size() == sliced.loss.size());
  CHECK(sliced.loss == whole.loss);
  CHECK(sliced.smoothed_loss == whole.smoothed_loss);
  CHECK(sliced.stopped_at_step == whole.stopped_at_step);
  CHECK(sliced.suggested_step == whole.suggested_step);
  CHECK(sliced.suggested_lr == whole.suggested_lr);
  CHECK(sliced.minimum_step == whole.minimum_step);
  LrRangeTestConfig bad;
  bad.steps = 5;
  CHECK_THROWS_AS(LrRangeTestRun(bad), std::invalid_argument);
}

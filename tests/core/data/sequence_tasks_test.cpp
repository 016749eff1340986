// The procedural sequence tasks: shapes, value ranges, determinism from the seed.
#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>

#include "descent/data/adding_problem.hpp"
#include "descent/data/parity_sequence.hpp"
#include "descent/data/sine_sequence.hpp"
#include "descent/data/token_copy.hpp"

using descent::Rng;
using descent::SequenceDataset;

namespace {

// Same seed: identical data; another seed: different inputs and targets.
template <typename Make>
void check_seeded(const Make& make) {
  Rng first(1), again(1), other(2);
  const SequenceDataset a = make(first), b = make(again), c = make(other);
  CHECK(a.inputs == b.inputs);
  CHECK(a.targets == b.targets);
  CHECK(a.inputs != c.inputs);
  CHECK(a.targets != c.targets);
}

bool is_bit(double value) { return value == 0.0 || value == 1.0; }

}  // namespace

TEST_CASE("sine sequences: next-step targets, |s| ≤ 1, seeded", "[data][sequence]") {
  descent::SineSequenceSpec spec{40, 30, 3, 0.0};
  Rng rng(5);
  const SequenceDataset data = descent::make_sine_sequences(spec, rng);
  REQUIRE(data.inputs.rows() == 40);
  REQUIRE(data.inputs.cols() == 30);
  REQUIRE(data.targets.cols() == 30);
  CHECK(data.target_time == 30);
  CHECK(data.mask.size() == 0);
  CHECK(data.inputs.cwiseAbs().maxCoeff() <= 1.0);
  CHECK(data.inputs.cwiseAbs().maxCoeff() > 0.3);
  // Without noise the target at t is the input at t + 1.
  CHECK(data.targets.leftCols(29) == data.inputs.rightCols(29));
  // Noise only scales the same draws: the noisy series minus the clean one is noise·N(0, 1).
  Rng clean_rng(5), noisy_rng(5);
  spec.noise = 0.1;
  const SequenceDataset noisy = descent::make_sine_sequences(spec, noisy_rng);
  spec.noise = 0.0;
  const Eigen::MatrixXd residual =
      noisy.inputs - descent::make_sine_sequences(spec, clean_rng).inputs;
  CHECK(std::sqrt(residual.squaredNorm() / residual.size()) == Approx(0.1).epsilon(0.1));
  check_seeded([](Rng& r) { return descent::make_sine_sequences({8, 10, 1, 0.05}, r); });
  CHECK(descent::validate_sine_sequence_spec({8, 10, 9, 0.0}) ==
        "sine sequence: components must be in [1, 8], got 9");
  CHECK_THROWS_WITH(descent::make_sine_sequences({8, 0, 1, 0.0}, rng),
                    "sine sequence: the sequence length must be in [1, 1000], got 0");
}

TEST_CASE("the adding problem: two markers, one per half, target their sum", "[data][sequence]") {
  Rng rng(3);
  const int count = 500, time = 50;
  const SequenceDataset data = descent::make_adding_problem({count, time}, rng);
  REQUIRE(data.inputs.rows() == count);
  REQUIRE(data.inputs.cols() == 2 * time);
  REQUIRE(data.targets.cols() == 1);
  CHECK(data.input_size == 2);
  CHECK(data.target_time == 1);
  double mean = 0.0;
  for (int n = 0; n < count; ++n) {
    int first = -1, second = -1;
    for (int t = 0; t < time; ++t) {
      const double value = data.inputs(n, 2 * t), marker = data.inputs(n, 2 * t + 1);
      REQUIRE((value >= 0.0 && value < 1.0));
      REQUIRE(is_bit(marker));
      if (marker == 1.0) (first < 0 ? first : second) = t;
    }
    REQUIRE(first >= 0);
    REQUIRE(second >= 0);
    CHECK(first < time / 2);
    CHECK(second >= time / 2);
    CHECK(data.inputs.row(n)(Eigen::seqN(1, time, 2)).sum() == 2.0);
    CHECK(data.targets(n, 0) == data.inputs(n, 2 * first) + data.inputs(n, 2 * second));
    mean += data.targets(n, 0) / count;
  }
  // Predicting 1 scores about the baseline 1/6.
  const double baseline = (data.targets.array() - 1.0).square().mean();
  CHECK(baseline == Approx(descent::kAddingProblemBaselineMse).epsilon(0.15));
  CHECK(mean == Approx(1.0).epsilon(0.05));
  check_seeded([](Rng& r) { return descent::make_adding_problem({8, 10}, r); });
  CHECK(descent::validate_adding_problem_spec({8, 1}) ==
        "adding problem: the sequence length must be in [2, 1000], got 1");
  CHECK(descent::validate_adding_problem_spec({1, 10}) ==
        "adding problem: point count must be between 2 and 100000, got 1");
}

TEST_CASE("parity sequences: whole and running parity", "[data][sequence]") {
  Rng rng(8), same(8);
  const SequenceDataset whole = descent::make_parity_sequences({30, 7, false}, rng);
  const SequenceDataset running = descent::make_parity_sequences({30, 7, true}, same);
  REQUIRE(whole.targets.cols() == 1);
  REQUIRE(running.targets.cols() == 7);
  CHECK(whole.classes == 2);
  CHECK(whole.input_vocabulary == 2);
  CHECK(whole.inputs == running.inputs);  // the same bits from the same seed
  for (int n = 0; n < 30; ++n) {
    int parity = 0;
    for (int t = 0; t < 7; ++t) {
      REQUIRE(is_bit(whole.inputs(n, t)));
      parity ^= static_cast<int>(whole.inputs(n, t));
      CHECK(running.targets(n, t) == parity);
    }
    CHECK(whole.targets(n, 0) == parity);
  }
  CHECK(whole.targets.sum() > 5.0);
  CHECK(whole.targets.sum() < 25.0);
  check_seeded([](Rng& r) { return descent::make_parity_sequences({16, 12, true}, r); });
}

TEST_CASE("copy and reverse: symbols, delimiter, blanks, masked targets", "[data][sequence]") {
  for (const bool reverse : {false, true}) {
    Rng rng(4);
    const int length = 4, vocabulary = 5;
    const SequenceDataset data = descent::make_token_copy({20, length, vocabulary, reverse}, rng);
    const int time = 2 * length + 1;
    REQUIRE(data.inputs.cols() == time);
    REQUIRE(data.targets.cols() == time);
    REQUIRE(data.mask.cols() == time);
    CHECK(data.input_vocabulary == vocabulary + 2);
    CHECK(data.classes == vocabulary);
    for (int n = 0; n < 20; ++n) {
      for (int i = 0; i < length; ++i) {
        const double symbol = data.inputs(n, i);
        REQUIRE((symbol >= 0 && symbol < vocabulary && symbol == std::floor(symbol)));
        CHECK(data.inputs(n, length + 1 + i) == vocabulary + 1);
        CHECK(data.targets(n, length + 1 + i) == data.inputs(n, reverse ? length - 1 - i : i));
      }
      CHECK(data.inputs(n, length) == vocabulary);
      CHECK(data.mask.row(n).head(length + 1).sum() == 0.0);
      CHECK(data.mask.row(n).tail(length).sum() == length);
    }
  }
  check_seeded([](Rng& r) { return descent::make_token_copy({8, 6, 4, true}, r); });
  CHECK(descent::validate_token_copy_spec({8, 0, 4, false}) == "copy: length must be ≥ 1, got 0");
  CHECK(descent::validate_token_copy_spec({8, 3, 1, true}) ==
        "reverse: vocabulary must be in [2, 256], got 1");
  CHECK(descent::validate_token_copy_spec({8, 600, 4, false}) ==
        "copy: the sequence length must be in [1, 1000], got 1001");
}

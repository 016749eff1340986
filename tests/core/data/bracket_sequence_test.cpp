// Bracket sequences: nesting depth per step, balanced-or-not per sequence; seeded and validated.
#include "descent/data/bracket_sequence.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>

using descent::BracketSequenceSpec;
using descent::BracketTask;
using descent::Rng;
using descent::SequenceDataset;

namespace {

// Whether the row is balanced: never below depth 0, back at 0 at the end.
bool is_balanced(const Eigen::MatrixXd& inputs, int row) {
  int depth = 0;
  for (Eigen::Index t = 0; t < inputs.cols(); ++t) {
    depth += inputs(row, t) == 0.0 ? 1 : -1;
    if (depth < 0) return false;
  }
  return depth == 0;
}

}  // namespace

TEST_CASE("bracket depth: the nesting depth after every step", "[data][sequence][brackets]") {
  Rng rng(5);
  const SequenceDataset data =
      descent::make_bracket_sequences({50, 16, BracketTask::kDepth, 3}, rng);
  REQUIRE(data.inputs.cols() == 16);
  REQUIRE(data.targets.cols() == 16);
  CHECK(data.classes == 4);
  CHECK(data.input_vocabulary == 2);
  CHECK(data.target_time == 16);
  CHECK(data.mask.size() == 0);
  bool reached_max = false;
  for (int n = 0; n < 50; ++n) {
    int depth = 0;
    for (int t = 0; t < 16; ++t) {
      REQUIRE((data.inputs(n, t) == 0.0 || data.inputs(n, t) == 1.0));
      depth += data.inputs(n, t) == 0.0 ? 1 : -1;
      CHECK(data.targets(n, t) == depth);
      CHECK((depth >= 0 && depth <= 3));
      reached_max = reached_max || depth == 3;
    }
  }
  CHECK(reached_max);
}

TEST_CASE("balanced brackets: half balanced, half one flip away", "[data][sequence][brackets]") {
  Rng rng(7);
  const SequenceDataset data =
      descent::make_bracket_sequences({200, 12, BracketTask::kBalanced, 4}, rng);
  REQUIRE(data.targets.cols() == 1);
  CHECK(data.classes == 2);
  CHECK(data.target_time == 1);
  int balanced = 0;
  for (int n = 0; n < 200; ++n) {
    CHECK(is_balanced(data.inputs, n) == (data.targets(n, 0) == 1.0));
    const double opens = (data.inputs.row(n).array() == 0.0).count();
    // Balanced: 6 of each; one flip away: 5 or 7 opening brackets.
    CHECK(std::abs(opens - 6.0) == (data.targets(n, 0) == 1.0 ? 0.0 : 1.0));
    balanced += static_cast<int>(data.targets(n, 0));
  }
  CHECK(balanced > 70);
  CHECK(balanced < 130);
}

TEST_CASE("bracket sequences are seeded and validated", "[data][sequence][brackets]") {
  for (const BracketTask task : {BracketTask::kDepth, BracketTask::kBalanced}) {
    Rng first(1), again(1), other(2);
    const BracketSequenceSpec spec{16, 10, task, 3};
    const SequenceDataset a = descent::make_bracket_sequences(spec, first);
    const SequenceDataset b = descent::make_bracket_sequences(spec, again);
    const SequenceDataset c = descent::make_bracket_sequences(spec, other);
    CHECK(a.inputs == b.inputs);
    CHECK(a.targets == b.targets);
    CHECK(a.inputs != c.inputs);
  }
  CHECK(descent::validate_bracket_sequence_spec({8, 7, BracketTask::kBalanced, 2}) ==
        "balanced brackets: the sequence length must be even (no odd-length sequence is "
        "balanced), got 7");
  CHECK(descent::validate_bracket_sequence_spec({8, 7, BracketTask::kDepth, 0}) ==
        "bracket depth: max_depth must be in [1, 7] (the sequence length), got 0");
  CHECK(descent::validate_bracket_sequence_spec({8, 0, BracketTask::kDepth, 1}) ==
        "bracket depth: the sequence length must be in [1, 1000], got 0");
  Rng rng(1);
  CHECK_THROWS_AS(descent::make_bracket_sequences({1, 8, BracketTask::kDepth, 2}, rng),
                  std::invalid_argument);
}

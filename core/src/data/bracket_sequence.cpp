#include "descent/data/bracket_sequence.hpp"

#include <stdexcept>

#include "descent/math/cold_code.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent {
namespace {

constexpr int kOpen = 0;
constexpr int kClose = 1;

// One walk into row n of `inputs` (and, for the depth task, the depth after each step into
// `depths`); `balanced` also returns it to depth 0 at the last step.
void draw_walk(const BracketSequenceSpec& spec, bool balanced, Eigen::Index n, Rng& rng,
               Eigen::MatrixXd& inputs, Eigen::MatrixXd* depths) {
  int depth = 0;
  for (int t = 0; t < spec.time; ++t) {
    const int remaining = spec.time - t;
    int bracket;
    if (balanced && depth >= remaining) {
      bracket = kClose;
    } else if (depth == 0) {
      bracket = kOpen;
    } else if (depth == spec.max_depth) {
      bracket = kClose;
    } else {
      bracket = rng.uniform() < 0.5 ? kOpen : kClose;
    }
    depth += bracket == kOpen ? 1 : -1;
    inputs(n, t) = bracket;
    if (depths != nullptr) (*depths)(n, t) = depth;
  }
}

}  // namespace

std::string validate_bracket_sequence_spec(const BracketSequenceSpec& spec) {
  const bool balanced = spec.task == BracketTask::kBalanced;
  const char* task = balanced ? "balanced brackets" : "bracket depth";
  std::string message = validate_sequence_size(task, spec.count, spec.time);
  if (!message.empty()) return message;
  if (balanced && spec.time % 2 != 0) {
    return std::string(task) +
           ": the sequence length must be even (no odd-length sequence is "
           "balanced), got " +
           std::to_string(spec.time);
  }
  if (spec.max_depth < 1 || spec.max_depth > spec.time) {
    return std::string(task) + ": max_depth must be in [1, " + std::to_string(spec.time) +
           "] (the sequence length), got " + std::to_string(spec.max_depth);
  }
  return "";
}

SequenceDataset make_bracket_sequences(const BracketSequenceSpec& spec, Rng& rng) {
  const std::string message = validate_bracket_sequence_spec(spec);
  if (!message.empty()) throw std::invalid_argument(message);
  const bool balanced_task = spec.task == BracketTask::kBalanced;
  SequenceDataset data;
  data.time = spec.time;
  data.input_vocabulary = 2;
  data.target_time = balanced_task ? 1 : spec.time;
  data.classes = balanced_task ? 2 : spec.max_depth + 1;
  data.inputs.resize(spec.count, spec.time);
  data.targets.resize(spec.count, data.target_time);
  for (int n = 0; n < spec.count; ++n) {
    if (!balanced_task) {
      draw_walk(spec, false, n, rng, data.inputs, &data.targets);
      continue;
    }
    const bool balanced = rng.uniform() < 0.5;
    draw_walk(spec, true, n, rng, data.inputs, nullptr);
    if (!balanced) {
      const int flipped = static_cast<int>(rng.uniform() * spec.time);
      data.inputs(n, flipped) = kOpen + kClose - data.inputs(n, flipped);
    }
    data.targets(n, 0) = balanced ? 1.0 : 0.0;
  }
  return data;
}

}  // namespace descent

DESCENT_END_COLD_CODE

#include "descent/data/adding_problem.hpp"

#include <stdexcept>

#include "descent/math/cold_code.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent {

namespace {
// A step uniform in [first, first + span).
int draw_step(Rng& rng, int first, int span) {
  return first + static_cast<int>(rng.uniform() * span);
}
}  // namespace

std::string validate_adding_problem_spec(const AddingProblemSpec& spec) {
  return validate_sequence_size("adding problem", spec.count, spec.time, 2);
}

SequenceDataset make_adding_problem(const AddingProblemSpec& spec, Rng& rng) {
  const std::string message = validate_adding_problem_spec(spec);
  if (!message.empty()) throw std::invalid_argument(message);
  SequenceDataset data;
  data.time = spec.time;
  data.input_size = 2;
  data.target_time = 1;
  data.inputs = Eigen::MatrixXd::Zero(spec.count, 2 * spec.time);
  data.targets.resize(spec.count, 1);
  const int half = spec.time / 2;
  for (int n = 0; n < spec.count; ++n) {
    for (int t = 0; t < spec.time; ++t) data.inputs(n, 2 * t) = rng.uniform();
    const int first = draw_step(rng, 0, half);
    const int second = draw_step(rng, half, spec.time - half);
    data.inputs(n, 2 * first + 1) = 1.0;
    data.inputs(n, 2 * second + 1) = 1.0;
    data.targets(n, 0) = data.inputs(n, 2 * first) + data.inputs(n, 2 * second);
  }
  return data;
}

}  // namespace descent

DESCENT_END_COLD_CODE

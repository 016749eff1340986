#include "descent/data/parity_sequence.hpp"

#include <stdexcept>

#include "descent/math/cold_code.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent {

std::string validate_parity_sequence_spec(const ParitySequenceSpec& spec) {
  return validate_sequence_size("parity", spec.count, spec.time);
}

SequenceDataset make_parity_sequences(const ParitySequenceSpec& spec, Rng& rng) {
  const std::string message = validate_parity_sequence_spec(spec);
  if (!message.empty()) throw std::invalid_argument(message);
  SequenceDataset data;
  data.time = spec.time;
  data.input_vocabulary = 2;
  data.target_time = spec.running ? spec.time : 1;
  data.classes = 2;
  data.inputs.resize(spec.count, spec.time);
  data.targets.resize(spec.count, data.target_time);
  for (int n = 0; n < spec.count; ++n) {
    int parity = 0;
    for (int t = 0; t < spec.time; ++t) {
      const int bit = rng.uniform() < 0.5 ? 0 : 1;
      parity ^= bit;
      data.inputs(n, t) = bit;
      if (spec.running) data.targets(n, t) = parity;
    }
    if (!spec.running) data.targets(n, 0) = parity;
  }
  return data;
}

}  // namespace descent

DESCENT_END_COLD_CODE

#pragma once
// Parity of a bit sequence: bits b_t drawn 0 or 1 with probability ½ each, the class the XOR of the
// bits — of the whole sequence (one class per sequence, a last-step head), or, running, of the bits
// up to and including each step (a class at every step: the easier, step-by-step form, where the
// state only has to flip on each 1).
//   inputs  count × time (input_size 1, values 0.0 or 1.0 — raw, or ids of a 2-token vocabulary)
//   targets count × 1 (whole) or count × time (running) class ids 0/1 (classes 2, cross-entropy),
//           no mask
// Draws: the bits, sequence by sequence, step by step.
#include <string>

#include "descent/data/sequence_dataset.hpp"
#include "descent/math/rng.hpp"

namespace descent {

struct ParitySequenceSpec {
  int count = 256;
  int time = 8;
  bool running = false;  // a target at every step (prefix parity) instead of one at the end
};

// Empty when valid: count and time (validate_sequence_size).
std::string validate_parity_sequence_spec(const ParitySequenceSpec& spec);

// Throws std::invalid_argument with the validation message when invalid.
SequenceDataset make_parity_sequences(const ParitySequenceSpec& spec, Rng& rng);

}  // namespace descent

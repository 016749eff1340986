#pragma once
// Bracket sequences, token 0 '(' and token 1 ')' (input_vocabulary 2, input_size 1), for the
// recurrent widget: tasks that need a counter in the hidden state.
//
//   depth     counting brackets: sequences that never close more than they opened and never
//             nest deeper than max_depth (at depth 0 the next bracket opens, at max_depth it
//             closes, otherwise each is equally likely); the class at every step is the nesting
//             depth after it, in [0, max_depth] (classes max_depth + 1, target_time = time)
//   balanced  balanced-bracket classification, one class per sequence (target_time 1): 1 when
//             the sequence is balanced, 0 otherwise, each with probability ½. A balanced one is a
//             walk as above that also returns to depth 0 at the end (it must close when the
//             remaining steps equal the depth); an unbalanced one is such a walk with one bracket
//             flipped — its final depth is ±2, so a single bracket decides the class
//   no mask; draws per sequence: (balanced) the class, then each step's choice where it is free,
//   then (unbalanced) the flipped position
#include <string>

#include "descent/data/sequence_dataset.hpp"
#include "descent/math/rng.hpp"

namespace descent {

enum class BracketTask {
  kDepth,
  kBalanced,
};

struct BracketSequenceSpec {
  int count = 256;
  int time = 12;
  BracketTask task = BracketTask::kDepth;
  int max_depth = 4;
};

// Empty when valid: count and time (validate_sequence_size), max_depth in [1, time], and for
// balanced an even time ≥ 2 (no odd-length sequence is balanced).
std::string validate_bracket_sequence_spec(const BracketSequenceSpec& spec);

// Throws std::invalid_argument with the validation message when invalid.
SequenceDataset make_bracket_sequences(const BracketSequenceSpec& spec, Rng& rng);

}  // namespace descent

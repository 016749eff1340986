#pragma once
// Copy and reverse a token sequence: the network reads `length` symbols, a delimiter, then `length`
// blanks, and must write the symbols back — in order (copy) or reversed — while it reads the
// blanks. Token ids: symbols 0 … vocabulary − 1 (each drawn uniformly), the delimiter
// vocabulary, the blank vocabulary + 1 (input_vocabulary = vocabulary + 2).
//   time     2·length + 1
//   inputs   count × time ids: s_0 … s_{L−1}, delimiter, blank × L
//   targets  count × time class ids in [0, vocabulary) (classes = vocabulary, cross-entropy):
//            at step L + 1 + i the symbol s_i (copy) or s_{L−1−i} (reverse); 0 at the first L + 1
//            steps, which the mask leaves out
//   mask     count × time: 0 at the first L + 1 steps, 1 at the last L
// Draws: the symbols, sequence by sequence.
//
// make_token_copy_pairs is the same task for an encoder–decoder (seq2seq_dataset.hpp): source
// s_0 … s_{L−1}, target the copy or the reversal, L steps each, no delimiter, blanks or padding
// (source_vocabulary = target_classes = vocabulary). The same draws: one seed gives the same
// symbols in both layouts.
#include <string>

#include "descent/data/seq2seq_dataset.hpp"
#include "descent/data/sequence_dataset.hpp"
#include "descent/math/rng.hpp"

namespace descent {

constexpr int kMaxCopyVocabulary = 256;

struct TokenCopySpec {
  int count = 256;
  int length = 5;      // L symbols to copy
  int vocabulary = 4;  // distinct symbols
  bool reverse = false;
};

// Empty when valid: count and time 2·length + 1 (validate_sequence_size), length ≥ 1, vocabulary
// in [2, kMaxCopyVocabulary].
std::string validate_token_copy_spec(const TokenCopySpec& spec);

// Throws std::invalid_argument with the validation message when invalid.
SequenceDataset make_token_copy(const TokenCopySpec& spec, Rng& rng);
Seq2SeqDataset make_token_copy_pairs(const TokenCopySpec& spec, Rng& rng);

}  // namespace descent

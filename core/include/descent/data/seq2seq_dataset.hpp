#pragma once
// A data set of (source, target) token sequence pairs in the layout an encoder–decoder reads
// (nn/seq2seq_network.hpp): one row per pair, one column per step, token ids stored as doubles.
// The seq2seq tasks (token_copy's pairs, date_translation) return one.
//
//   sources      count × source_time ids in [0, source_vocabulary)
//   targets      count × target_time ids in [0, target_classes)
//   source_mask  count × source_time of 0/1 (0: padding, at the front of a source), or empty
//   target_mask  count × target_time of 0/1 (0: padding, at the end of a target), or empty
//   *_symbols    for a character task, the character of each id (id i is symbols[i]; the
//                padding id's character is a placeholder); empty for abstract tokens
#include <Eigen/Dense>
#include <string>

namespace descent {

struct Seq2SeqDataset {
  Eigen::MatrixXd sources;
  Eigen::MatrixXd targets;
  Eigen::MatrixXd source_mask;
  Eigen::MatrixXd target_mask;
  int source_vocabulary = 0;
  int target_classes = 0;
  std::string source_symbols;
  std::string target_symbols;
};

}  // namespace descent

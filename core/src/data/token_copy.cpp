#include "descent/data/token_copy.hpp"

#include <stdexcept>

#include "descent/math/cold_code.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent {

std::string validate_token_copy_spec(const TokenCopySpec& spec) {
  const char* task = spec.reverse ? "reverse" : "copy";
  if (spec.length < 1) {
    return std::string(task) + ": length must be ≥ 1, got " + std::to_string(spec.length);
  }
  // 2·length + 1 without overflow for any int length.
  const long long time = 2LL * spec.length + 1;
  std::string message = validate_sequence_size(
      task, spec.count,
      time > kMaxSequenceLength ? kMaxSequenceLength + 1 : static_cast<int>(time));
  if (!message.empty()) return message;
  if (spec.vocabulary < 2 || spec.vocabulary > kMaxCopyVocabulary) {
    return std::string(task) + ": vocabulary must be in [2, " + std::to_string(kMaxCopyVocabulary) +
           "], got " + std::to_string(spec.vocabulary);
  }
  return "";
}

SequenceDataset make_token_copy(const TokenCopySpec& spec, Rng& rng) {
  const std::string message = validate_token_copy_spec(spec);
  if (!message.empty()) throw std::invalid_argument(message);
  const int length = spec.length, time = 2 * spec.length + 1;
  SequenceDataset data;
  data.time = data.target_time = time;
  data.input_vocabulary = spec.vocabulary + 2;
  data.classes = spec.vocabulary;
  data.inputs = Eigen::MatrixXd::Constant(spec.count, time, spec.vocabulary + 1);
  data.targets = Eigen::MatrixXd::Zero(spec.count, time);
  data.mask = Eigen::MatrixXd::Zero(spec.count, time);
  data.mask.rightCols(length).setOnes();
  for (int n = 0; n < spec.count; ++n) {
    for (int i = 0; i < length; ++i) {
      data.inputs(n, i) = static_cast<int>(rng.uniform() * spec.vocabulary);
    }
    data.inputs(n, length) = spec.vocabulary;
    for (int i = 0; i < length; ++i) {
      data.targets(n, length + 1 + i) = data.inputs(n, spec.reverse ? length - 1 - i : i);
    }
  }
  return data;
}

Seq2SeqDataset make_token_copy_pairs(const TokenCopySpec& spec, Rng& rng) {
  const SequenceDataset stream = make_token_copy(spec, rng);
  const int length = spec.length;
  Seq2SeqDataset data;
  data.sources = stream.inputs.leftCols(length);
  data.targets = stream.targets.rightCols(length);
  data.source_vocabulary = data.target_classes = spec.vocabulary;
  return data;
}

}  // namespace descent

DESCENT_END_COLD_CODE

#include "descent/data/sequence_dataset.hpp"

#include "descent/data/generator_limits.hpp"

namespace descent {

std::string validate_sequence_size(const char* task, int count, int time, int minimum_time) {
  const std::string count_message = validate_point_count(count);
  if (!count_message.empty()) return std::string(task) + ": " + count_message;
  if (time >= minimum_time && time <= kMaxSequenceLength) return "";
  return std::string(task) + ": the sequence length must be in [" + std::to_string(minimum_time) +
         ", " + std::to_string(kMaxSequenceLength) + "], got " + std::to_string(time);
}

}  // namespace descent

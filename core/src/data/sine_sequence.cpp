#include "descent/data/sine_sequence.hpp"

#include <cmath>
#include <stdexcept>
#include <vector>

#include "descent/data/generator_limits.hpp"
#include "descent/math/cold_code.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent {

namespace {
constexpr double kTwoPi = 6.283185307179586476925286766559;
constexpr double kLowestFrequency = 1.0 / 40.0;
constexpr double kHighestFrequency = 1.0 / 8.0;
}  // namespace

std::string validate_sine_sequence_spec(const SineSequenceSpec& spec) {
  std::string message = validate_sequence_size("sine sequence", spec.count, spec.time);
  if (!message.empty()) return message;
  if (spec.components < 1 || spec.components > kMaxSineComponents) {
    return "sine sequence: components must be in [1, " + std::to_string(kMaxSineComponents) +
           "], got " + std::to_string(spec.components);
  }
  message = validate_noise(spec.noise);
  return message.empty() ? "" : "sine sequence: " + message;
}

SequenceDataset make_sine_sequences(const SineSequenceSpec& spec, Rng& rng) {
  const std::string message = validate_sine_sequence_spec(spec);
  if (!message.empty()) throw std::invalid_argument(message);
  SequenceDataset data;
  data.time = data.target_time = spec.time;
  data.inputs.resize(spec.count, spec.time);
  data.targets.resize(spec.count, spec.time);
  std::vector<double> frequencies(static_cast<std::size_t>(spec.components));
  std::vector<double> phases(frequencies.size());
  std::vector<double> series(static_cast<std::size_t>(spec.time) + 1);
  for (int n = 0; n < spec.count; ++n) {
    for (std::size_t j = 0; j < frequencies.size(); ++j) {
      frequencies[j] = rng.uniform(kLowestFrequency, kHighestFrequency);
      phases[j] = rng.uniform(0.0, kTwoPi);
    }
    for (std::size_t t = 0; t < series.size(); ++t) {
      double signal = 0.0;
      for (std::size_t j = 0; j < frequencies.size(); ++j) {
        signal += std::sin(kTwoPi * frequencies[j] * static_cast<double>(t) + phases[j]);
      }
      series[t] = signal / spec.components + spec.noise * rng.normal();
    }
    for (int t = 0; t < spec.time; ++t) {
      data.inputs(n, t) = series[static_cast<std::size_t>(t)];
      data.targets(n, t) = series[static_cast<std::size_t>(t) + 1];
    }
  }
  return data;
}

}  // namespace descent

DESCENT_END_COLD_CODE

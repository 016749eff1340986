#pragma once
// Next-step prediction of a noisy sine or sum of sines. Each sequence is its own signal
//   s(t) = (1/J)·Σ_j sin(2π·f_j·t + φ_j),  t = 0, 1, …, time
// with J = components, every frequency f_j drawn uniform in [1/40, 1/8] cycles per step (5 to 40
// steps a period) and every phase φ_j uniform in [0, 2π), so |s| ≤ 1; the observed series is
// x_t = s(t) + noise_t, noise N(0, noise²). Input step t is x_t, its target the next value x_{t+1}:
//   inputs  count × time (input_size 1), targets count × time (target_size 1, MSE), no mask.
// Draws, sequence by sequence: the J (frequency, phase) pairs, then the time + 1 noise values
// (drawn even when noise is 0, so the noise only scales them).
#include <string>

#include "descent/data/sequence_dataset.hpp"
#include "descent/math/rng.hpp"

namespace descent {

constexpr int kMaxSineComponents = 8;

struct SineSequenceSpec {
  int count = 256;
  int time = 20;
  int components = 1;  // J: 1 = a single sine
  double noise = 0.05;
};

// Empty when valid: count and time (validate_sequence_size), components in [1,
// kMaxSineComponents], noise (validate_noise).
std::string validate_sine_sequence_spec(const SineSequenceSpec& spec);

// Throws std::invalid_argument with the validation message when invalid.
SequenceDataset make_sine_sequences(const SineSequenceSpec& spec, Rng& rng);

}  // namespace descent

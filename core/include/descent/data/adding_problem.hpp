#pragma once
// The adding problem (Hochreiter & Schmidhuber 1997; the form of Le, Jaitly & Hinton 2015): a
// sequence of (value, marker) pairs, values uniform in [0, 1), markers 0 except at two steps — one
// uniform in the first half [0, ⌊time/2⌋), one in the second half [⌊time/2⌋, time) — and the
// target the sum of the two marked values, in [0, 2). The network must carry the first marked
// value across up to time − 1 steps: the classic long-range test. Predicting the mean 1 scores an
// MSE of Var(u₁ + u₂) = 1/6 ≈ 0.167, the baseline a model has to beat.
//   inputs  count × time·2 (input_size 2: step t is (value_t, marker_t) in columns 2t, 2t + 1)
//   targets count × 1 (target_time 1: a last-step head, MSE), no mask
// Draws, sequence by sequence: the time values, then the two marked steps.
#include <string>

#include "descent/data/sequence_dataset.hpp"
#include "descent/math/rng.hpp"

namespace descent {

// The trivial baseline: the MSE of always predicting E[u₁ + u₂] = 1.
constexpr double kAddingProblemBaselineMse = 1.0 / 6.0;

struct AddingProblemSpec {
  int count = 256;
  int time = 50;
};

// Empty when valid: count and time (validate_sequence_size, time ≥ 2: one marker per half).
std::string validate_adding_problem_spec(const AddingProblemSpec& spec);

// Throws std::invalid_argument with the validation message when invalid.
SequenceDataset make_adding_problem(const AddingProblemSpec& spec, Rng& rng);

}  // namespace descent

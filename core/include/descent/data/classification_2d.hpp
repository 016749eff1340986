#pragma once
// Two-feature classification data sets in the style of TensorFlow Playground, drawn from an
// explicit seeded Rng. Feature names "x1", "x2"; targets one-hot.
//
// Shared conventions:
// - Scale: every clean shape lies within about [-1, 1]² (moons: [-1, 2] × [-0.5, 1], as sklearn).
// - Noise: Gaussian jitter of standard deviation `noise` added to each coordinate of each point.
// - Balance and order: class c gets ⌊count/k⌋ points, the last count mod k classes one more (so
//   moons match sklearn's make_moons); rows are grouped by class, class 0 first. Shuffle (or
//   split, which shuffles) before training on them in order.
// - Draws: each point draws its shape values, then its two noise values, in row order, whatever
//   the noise level — so with the same seed and count, changing the noise only moves the same
//   points further from their clean positions.
// The generators throw std::invalid_argument on invalid settings; make_classification_dataset
// validates and returns a message instead.
#include <string>
#include <vector>

#include "descent/data/dataset.hpp"
#include "descent/data/generator_limits.hpp"
#include "descent/math/rng.hpp"

namespace descent {

constexpr int kMinClassCount = 2;
constexpr int kMaxClassCount = 8;
// Spread of each blob of make_blobs and make_multi_blobs before noise, per coordinate.
constexpr double kBlobStandardDeviation = 0.15;

// Empty when the point count and noise are within generator_limits.hpp's limits and
// kMinClassCount ≤ class_count ≤ kMaxClassCount; otherwise a message for the user.
std::string validate_classification_settings(int count, double noise, int class_count = 2);

// Class 0: a disc of radius 0.5; class 1: a ring with radius in [0.7, 1]. Radius, then angle,
// uniform (as TensorFlow Playground), so the disc is denser near its centre.
Dataset make_circle(int count, double noise, Rng& rng);

// Four square clusters, one per quadrant, each coordinate's size uniform in [0.1, 1] away from
// the axes: class 1 where x1·x2 > 0, class 0 where x1·x2 < 0; each class alternates between its
// two quadrants.
Dataset make_xor(int count, double noise, Rng& rng);

// Two Gaussian blobs (standard deviation kBlobStandardDeviation per coordinate) centred at
// (−0.5, −0.5) (class 0) and (0.5, 0.5) (class 1).
Dataset make_blobs(int count, double noise, Rng& rng);

// class_count Gaussian blobs (standard deviation kBlobStandardDeviation) centred on the unit
// circle, class c at angle 2πc/class_count.
Dataset make_multi_blobs(int count, int class_count, double noise, Rng& rng);

// Two interleaved spirals, TensorFlow Playground's shape scaled to radius 1: point j of the n in
// class c sits at radius r = j/n and angle t = 1.75·2π·j/n + cπ, at (r·sin t, r·cos t).
// (The playground jitters by uniform noise; here it is Gaussian like every other data set.)
Dataset make_spirals(int count, double noise, Rng& rng);

// sklearn.datasets.make_moons(shuffle=False): class 0, ⌊count/2⌋ points at (cos θ, sin θ), and
// class 1, the rest, at (1 − cos θ, 0.5 − sin θ), θ evenly spaced over [0, π] (both ends).
Dataset make_moons(int count, double noise, Rng& rng);

struct ClassificationDatasetInfo {
  std::string id;        // name for make_classification_dataset, e.g. "spirals"
  std::string label;     // e.g. "Two spirals"
  bool has_class_count;  // true when the caller chooses the number of classes
  std::string summary;   // one line: the shape
};

// The data sets make_classification_dataset builds, in menu order:
// circle, xor, blobs, multiblobs, spirals, moons.
const std::vector<ClassificationDatasetInfo>& classification_dataset_catalog();

// Builds the data set `name` into `out` and returns an empty string, or returns a message for the
// user (unknown name, invalid settings) and leaves `out` untouched. class_count is used only by
// "multiblobs"; the others always have 2 classes.
std::string make_classification_dataset(const std::string& name, int count, double noise, Rng& rng,
                                        Dataset& out, int class_count = 3);

}  // namespace descent

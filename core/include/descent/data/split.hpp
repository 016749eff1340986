#pragma once
// Train / validation / test split of a Dataset by fractions.
//
// Part sizes: cumulative rounding of the fractions, train = round(f_train·N), validation =
// round((f_train + f_validation)·N) − train, test likewise; samples past the three parts (when
// the fractions add up to less than 1) are left out. Each part is within one sample of its
// fraction of N.
// Classification data is stratified: class c's share of a part of size P is ⌊P·n_c/N⌋ or
// ⌈P·n_c/N⌉ (n_c samples of class c, N in all), so every part keeps the class proportions to
// within one sample per class, while the part sizes stay exactly as above.
// Order: shuffled (one shuffled_indices(N, rng) permutation; each part lists its samples in that
// permutation's order) or, with shuffle off, in dataset order, taking each class's (or, for
// regression, the data set's) first samples for train, the next for validation, then test. An
// unshuffled split of data sorted by x therefore trains on small x and tests on large x.
#include <string>
#include <vector>

#include "descent/data/dataset.hpp"
#include "descent/data/shuffle.hpp"
#include "descent/math/rng.hpp"

namespace descent {

struct SplitOptions {
  double train_fraction = 0.8;       // ≥ 0
  double validation_fraction = 0.1;  // ≥ 0
  double test_fraction = 0.1;        // ≥ 0; the three add up to at most 1
  bool shuffle = true;               // false: keep dataset order and leave the Rng untouched
};

struct DatasetSplit {
  Dataset train;
  Dataset validation;
  Dataset test;
  // The source rows of each part, in the part's order (row i of train is source row
  // train_rows[i]): lets a widget mark which points are held out.
  std::vector<int> train_rows;
  std::vector<int> validation_rows;
  std::vector<int> test_rows;
};

// Empty when the data set is valid and not empty, the fractions are finite, ≥ 0, add up to at
// most 1 and at least one is positive, and every part with a positive fraction gets at least one
// sample; otherwise a message for the user.
std::string validate_split(const Dataset& data, const SplitOptions& options);

// Splits `data` into `out` and returns an empty string, or returns validate_split's message and
// leaves `out` (and the Rng) untouched.
std::string split_dataset(const Dataset& data, const SplitOptions& options, Rng& rng,
                          DatasetSplit& out);

}  // namespace descent

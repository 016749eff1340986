#include "descent/data/split.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <stdexcept>

#include "descent/math/cold_code.hpp"
#include "descent/math/messages.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent {
namespace {

// Parts in order; the last holds the samples left out when the fractions add up to less than 1.
constexpr int kPartCount = 4;
constexpr int kLeftOut = 3;
const char* const kPartNames[] = {"train", "validation", "test"};
// Sums within this of 1 count as 1 (0.7 + 0.2 + 0.1 is 1.0000000000000002 in doubles).
constexpr double kFractionSumTolerance = 1e-9;

using PartSizes = std::array<int, kPartCount>;

PartSizes part_sizes(const SplitOptions& options, int n) {
  const double fractions[] = {options.train_fraction, options.validation_fraction,
                              options.test_fraction};
  PartSizes sizes{};
  double cumulative_fraction = 0.0;
  int previous_boundary = 0;
  for (int part = 0; part < kLeftOut; ++part) {
    cumulative_fraction += fractions[part];
    const int boundary =
        std::min(n, static_cast<int>(std::lround(cumulative_fraction * static_cast<double>(n))));
    sizes[part] = boundary - previous_boundary;
    previous_boundary = boundary;
  }
  sizes[kLeftOut] = n - previous_boundary;
  return sizes;
}

// How many samples of each class go to each part: an integer matrix with row sums
// class_sizes[c], column sums part_sizes[p], and entry (c, p) the floor or ceiling of
// part_sizes[p]·class_sizes[c]/N. Start from the floors; each class still owes a few samples
// ("need"), each part still has a few places ("room"), and a class may add one sample to a part
// where its share has a fractional part. Giving every fractional part itself is a fractional
// solution, so by flow integrality an integral one exists; augmenting paths (class → part, or
// class → part → a class already there that moves to another part → …) find it.
std::vector<PartSizes> stratified_counts(const std::vector<int>& class_sizes,
                                         const PartSizes& sizes) {
  const int n = std::accumulate(sizes.begin(), sizes.end(), 0);
  const int classes = static_cast<int>(class_sizes.size());
  std::vector<PartSizes> counts(class_sizes.size());
  std::vector<std::array<bool, kPartCount>> fractional(class_sizes.size());
  std::vector<std::array<bool, kPartCount>> bumped(class_sizes.size());
  std::vector<int> need(class_sizes.size());
  PartSizes room = sizes;
  for (int c = 0; c < classes; ++c) {
    const auto cu = static_cast<std::size_t>(c);
    need[cu] = class_sizes[cu];
    for (int p = 0; p < kPartCount; ++p) {
      const std::int64_t share = static_cast<std::int64_t>(sizes[p]) * class_sizes[cu];
      counts[cu][p] = static_cast<int>(share / n);
      fractional[cu][p] = share % n != 0;
      bumped[cu][p] = false;
      need[cu] -= counts[cu][p];
      room[p] -= counts[cu][p];
    }
  }
  std::vector<int> class_parent(class_sizes.size());  // the part through which a class was reached
  for (int start = 0; start < classes; ++start) {
    while (need[static_cast<std::size_t>(start)] > 0) {
      // Breadth-first search over classes; part_parent[p] is the class that reaches part p.
      std::array<int, kPartCount> part_parent;
      part_parent.fill(-1);
      std::vector<bool> class_seen(class_sizes.size(), false);
      std::vector<int> queue = {start};
      class_seen[static_cast<std::size_t>(start)] = true;
      int end_part = -1;
      for (std::size_t head = 0; head < queue.size() && end_part < 0; ++head) {
        const int c = queue[head];
        for (int p = 0; p < kPartCount; ++p) {
          const auto cu = static_cast<std::size_t>(c);
          if (!fractional[cu][p] || bumped[cu][p] || part_parent[p] >= 0) continue;
          part_parent[p] = c;
          if (room[p] > 0) {
            end_part = p;
            break;
          }
          for (int other = 0; other < classes; ++other) {
            const auto ou = static_cast<std::size_t>(other);
            if (bumped[ou][p] && !class_seen[ou]) {
              class_seen[ou] = true;
              class_parent[ou] = p;
              queue.push_back(other);
            }
          }
        }
      }
      if (end_part < 0) throw std::logic_error("stratified_counts: no augmenting path");
      // Walk back: each class on the path takes its new part and gives up the one it came by.
      int part = end_part;
      while (true) {
        const int c = part_parent[part];
        const auto cu = static_cast<std::size_t>(c);
        bumped[cu][part] = true;
        if (c == start) break;
        part = class_parent[cu];
        bumped[cu][part] = false;
      }
      --room[end_part];
      --need[static_cast<std::size_t>(start)];
    }
  }
  for (int c = 0; c < classes; ++c) {
    for (int p = 0; p < kPartCount; ++p) {
      counts[static_cast<std::size_t>(c)][p] += bumped[static_cast<std::size_t>(c)][p] ? 1 : 0;
    }
  }
  return counts;
}

}  // namespace

std::string validate_split(const Dataset& data, const SplitOptions& options) {
  const std::string dataset_message = validate_dataset(data);
  if (!dataset_message.empty()) return dataset_message;
  if (data.size() == 0) return "cannot split an empty data set";
  const double fractions[] = {options.train_fraction, options.validation_fraction,
                              options.test_fraction};
  for (int part = 0; part < kLeftOut; ++part) {
    if (!(fractions[part] >= 0.0 && std::isfinite(fractions[part]))) {
      return std::string(kPartNames[part]) + " fraction must be a finite number ≥ 0, got " +
             format_number(fractions[part]);
    }
  }
  const double sum = fractions[0] + fractions[1] + fractions[2];
  if (sum > 1.0 + kFractionSumTolerance) {
    return "split fractions must add up to at most 1, got " + format_number(fractions[0]) + " + " +
           format_number(fractions[1]) + " + " + format_number(fractions[2]) + " = " +
           format_number(sum);
  }
  if (sum == 0.0) return "at least one split fraction must be positive";
  const PartSizes sizes = part_sizes(options, data.size());
  for (int part = 0; part < kLeftOut; ++part) {
    if (fractions[part] > 0.0 && sizes[part] == 0) {
      return std::string("the ") + kPartNames[part] +
             " part would be empty: " + format_number(fractions[part]) + " of " +
             std::to_string(data.size()) +
             " samples rounds to 0; raise its fraction or use more samples";
    }
  }
  return "";
}

std::string split_dataset(const Dataset& data, const SplitOptions& options, Rng& rng,
                          DatasetSplit& out) {
  const std::string message = validate_split(data, options);
  if (!message.empty()) return message;
  const int n = data.size();
  const PartSizes sizes = part_sizes(options, n);
  // Regression: one stratum holding every sample.
  const std::vector<int> strata_sizes =
      data.is_classification() ? class_counts(data) : std::vector<int>{n};
  std::vector<PartSizes> remaining = stratified_counts(strata_sizes, sizes);

  std::vector<int> order;
  if (options.shuffle) {
    order = shuffled_indices(n, rng);
  } else {
    order.resize(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
  }
  // Walking the order, each sample joins the first part its stratum still owes samples to.
  std::array<std::vector<int>, kPartCount> part_rows;
  for (const int row : order) {
    const auto stratum = static_cast<std::size_t>(
        data.is_classification() ? data.labels[static_cast<std::size_t>(row)] : 0);
    int part = 0;
    while (remaining[stratum][part] == 0) ++part;
    --remaining[stratum][part];
    part_rows[static_cast<std::size_t>(part)].push_back(row);
  }

  DatasetSplit split;
  Dataset* const parts[] = {&split.train, &split.validation, &split.test};
  for (int part = 0; part < kLeftOut; ++part) {
    const auto& rows = part_rows[static_cast<std::size_t>(part)];
    *parts[part] = subset(data, rows);
    parts[part]->description = data.description + " — " + kPartNames[part] + " part, " +
                               std::to_string(rows.size()) + " of " + std::to_string(n) +
                               " samples";
  }
  split.train_rows = std::move(part_rows[0]);
  split.validation_rows = std::move(part_rows[1]);
  split.test_rows = std::move(part_rows[2]);
  out = std::move(split);
  return "";
}

}  // namespace descent

DESCENT_END_COLD_CODE

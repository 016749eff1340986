#include "descent/data/classification_2d.hpp"

#include <cmath>
#include <stdexcept>

#include "descent/math/cold_code.hpp"
#include "descent/math/messages.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent {
namespace {

constexpr double kPi = 3.141592653589793238462643383279502884;

struct Point2 {
  double x1;
  double x2;
};

// Class c's share of `count` points: ⌊count/k⌋, plus one for the last count mod k classes.
int class_size(int count, int class_count, int class_index) {
  const int remainder = count % class_count;
  return count / class_count + (class_index >= class_count - remainder ? 1 : 0);
}

// Rows grouped by class; each point's clean position comes from
// clean_point(class_index, index_in_class, class_size, rng), then its two noise draws.
template <typename CleanPoint>
Dataset generate(int count, int class_count, double noise, Rng& rng, const CleanPoint& clean_point,
                 const std::string& description) {
  const std::string message = validate_classification_settings(count, noise, class_count);
  if (!message.empty()) throw std::invalid_argument(message);
  Dataset data;
  data.inputs.resize(count, 2);
  data.labels.reserve(static_cast<std::size_t>(count));
  int row = 0;
  for (int c = 0; c < class_count; ++c) {
    const int size = class_size(count, class_count, c);
    for (int j = 0; j < size; ++j, ++row) {
      const Point2 point = clean_point(c, j, size, rng);
      const double noise_x1 = rng.normal();
      const double noise_x2 = rng.normal();
      data.inputs(row, 0) = point.x1 + noise * noise_x1;
      data.inputs(row, 1) = point.x2 + noise * noise_x2;
      data.labels.push_back(c);
    }
  }
  data.targets = one_hot(data.labels, class_count);
  data.class_count = class_count;
  data.feature_names = {"x1", "x2"};
  data.description =
      description + ": " + std::to_string(count) + " points, noise " + format_number(noise);
  return data;
}

}  // namespace

std::string validate_classification_settings(int count, double noise, int class_count) {
  std::string message = validate_point_count(count);
  if (message.empty()) message = validate_noise(noise);
  if (message.empty() && (class_count < kMinClassCount || class_count > kMaxClassCount)) {
    message = "class count must be between " + std::to_string(kMinClassCount) + " and " +
              std::to_string(kMaxClassCount) + ", got " + std::to_string(class_count);
  }
  return message;
}

Dataset make_circle(int count, double noise, Rng& rng) {
  const auto clean_point = [](int c, int, int, Rng& r) {
    const double radius = c == 0 ? r.uniform(0.0, 0.5) : r.uniform(0.7, 1.0);
    const double angle = r.uniform(0.0, 2.0 * kPi);
    return Point2{radius * std::cos(angle), radius * std::sin(angle)};
  };
  return generate(count, 2, noise, rng, clean_point, "circle (class 0 disc, class 1 ring)");
}

Dataset make_xor(int count, double noise, Rng& rng) {
  const auto clean_point = [](int c, int j, int, Rng& r) {
    const double size_x1 = r.uniform(0.1, 1.0);
    const double size_x2 = r.uniform(0.1, 1.0);
    // Class 1 alternates (+, +), (−, −); class 0 alternates (+, −), (−, +).
    const double sign_x1 = j % 2 == 0 ? 1.0 : -1.0;
    const double sign_x2 = c == 1 ? sign_x1 : -sign_x1;
    return Point2{sign_x1 * size_x1, sign_x2 * size_x2};
  };
  return generate(count, 2, noise, rng, clean_point, "xor (class 1 where x1·x2 > 0)");
}

Dataset make_blobs(int count, double noise, Rng& rng) {
  const auto clean_point = [](int c, int, int, Rng& r) {
    const double centre = c == 0 ? -0.5 : 0.5;
    const double x1 = r.normal(centre, kBlobStandardDeviation);
    const double x2 = r.normal(centre, kBlobStandardDeviation);
    return Point2{x1, x2};
  };
  return generate(count, 2, noise, rng, clean_point, "blobs (2 Gaussian clusters)");
}

Dataset make_multi_blobs(int count, int class_count, double noise, Rng& rng) {
  const auto clean_point = [class_count](int c, int, int, Rng& r) {
    const double angle = 2.0 * kPi * c / class_count;
    const double x1 = r.normal(std::cos(angle), kBlobStandardDeviation);
    const double x2 = r.normal(std::sin(angle), kBlobStandardDeviation);
    return Point2{x1, x2};
  };
  return generate(count, class_count, noise, rng, clean_point,
                  "multiblobs (" + std::to_string(class_count) + " Gaussian clusters on a circle)");
}

Dataset make_spirals(int count, double noise, Rng& rng) {
  const auto clean_point = [](int c, int j, int size, Rng&) {
    const double progress = static_cast<double>(j) / size;
    const double angle = 1.75 * 2.0 * kPi * progress + c * kPi;
    return Point2{progress * std::sin(angle), progress * std::cos(angle)};
  };
  return generate(count, 2, noise, rng, clean_point, "spirals (2 interleaved arms)");
}

Dataset make_moons(int count, double noise, Rng& rng) {
  const auto clean_point = [](int c, int j, int size, Rng&) {
    // numpy.linspace(0, π, size): j·step, with the last point exactly π.
    const double angle = size == 1 ? 0.0 : (j == size - 1 ? kPi : j * (kPi / (size - 1)));
    if (c == 0) return Point2{std::cos(angle), std::sin(angle)};
    return Point2{1.0 - std::cos(angle), 1.0 - std::sin(angle) - 0.5};
  };
  return generate(count, 2, noise, rng, clean_point, "moons (2 interleaved half circles)");
}

const std::vector<ClassificationDatasetInfo>& classification_dataset_catalog() {
  static const std::vector<ClassificationDatasetInfo> catalog = {
      {"circle", "Circle", false, "a disc of one class inside a ring of the other"},
      {"xor", "XOR", false, "four quadrant clusters: the class is the sign of x1·x2"},
      {"blobs", "Two blobs", false, "two Gaussian clusters on a diagonal"},
      {"multiblobs", "Many blobs", true, "2–8 Gaussian clusters around a circle, one per class"},
      {"spirals", "Two spirals", false, "two spiral arms wound around each other"},
      {"moons", "Two moons", false, "two interlocking half circles (sklearn's make_moons)"},
  };
  return catalog;
}

std::string make_classification_dataset(const std::string& name, int count, double noise, Rng& rng,
                                        Dataset& out, int class_count) {
  std::string known_ids;
  bool known = false;
  for (const auto& info : classification_dataset_catalog()) {
    known_ids += (known_ids.empty() ? "" : ", ") + info.id;
    known |= info.id == name;
  }
  if (!known)
    return "unknown classification data set " + quote_value(name) + " (valid: " + known_ids + ")";
  const bool multi = name == "multiblobs";
  const std::string message =
      validate_classification_settings(count, noise, multi ? class_count : 2);
  if (!message.empty()) return message;
  if (name == "circle") {
    out = make_circle(count, noise, rng);
  } else if (name == "xor") {
    out = make_xor(count, noise, rng);
  } else if (name == "blobs") {
    out = make_blobs(count, noise, rng);
  } else if (multi) {
    out = make_multi_blobs(count, class_count, noise, rng);
  } else if (name == "spirals") {
    out = make_spirals(count, noise, rng);
  } else {
    out = make_moons(count, noise, rng);
  }
  return "";
}

}  // namespace descent

DESCENT_END_COLD_CODE

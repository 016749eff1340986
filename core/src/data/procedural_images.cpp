#include "descent/data/procedural_images.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "descent/math/cold_code.hpp"
#include "descent/math/rng.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent {
namespace {

constexpr int kSupersampling = 4;  // subsamples per pixel and axis
constexpr double kStrokeHalfWidth = 0.07;
constexpr double kOutlineRadius = 0.3;

struct Placement {
  double centre_x, centre_y, scale;
};

struct Colour {
  double red, green, blue;
};

// √(x² + y²) with IEEE sqrt: libm's hypot may round differently natively and in WebAssembly.
double distance(double x, double y) { return std::sqrt(x * x + y * y); }

// Coverage of a grey shape at (x, y) in the shape's own frame (centred, side 1).
double grey_shape(const std::string& shape, double x, double y) {
  const double ax = std::abs(x), ay = std::abs(y);
  const bool horizontal = ay < 0.09 && ax < 0.38;
  const bool vertical = ax < 0.09 && ay < 0.38;
  if (shape == "horizontal-bar") return horizontal;
  if (shape == "vertical-bar") return vertical;
  if (shape == "cross") return horizontal || vertical;
  if (shape == "circle") return std::abs(distance(x, y) - kOutlineRadius) < kStrokeHalfWidth;
  return std::abs(std::max(ax, ay) - kOutlineRadius) < kStrokeHalfWidth;  // square
}

// The colour scene at (u, v) in the unit image: a sky lightening towards the horizon, green
// ground below it, a yellow sun (shifted and scaled with the placement) in the sky.
Colour scene(const Placement& place, double u, double v) {
  const double horizon = 0.62 + (place.centre_y - 0.5);
  if (distance(u - (place.centre_x + 0.2), v - (place.centre_y - 0.22)) < 0.13 * place.scale) {
    return {1.0, 0.85, 0.2};
  }
  if (v >= horizon) return {0.2, 0.6, 0.15};
  const double towards_horizon = std::clamp(v / horizon, 0.0, 1.0);
  return {0.25 + 0.5 * towards_horizon, 0.5 + 0.35 * towards_horizon, 0.95};
}

}  // namespace

const std::vector<std::string>& procedural_image_names() {
  static const std::vector<std::string> names = {"horizontal-bar", "vertical-bar", "cross",
                                                 "circle",         "square",       "colour-scene"};
  return names;
}

std::string validate_procedural_image(const ProceduralImageRequest& request) {
  const auto& names = procedural_image_names();
  if (std::find(names.begin(), names.end(), request.shape) == names.end()) {
    std::string known;
    for (const auto& name : names) known += (known.empty() ? "" : ", ") + name;
    return "unknown image \"" + request.shape + "\" (known: " + known + ")";
  }
  if (request.size < kMinProceduralImageSize || request.size > kMaxProceduralImageSize) {
    return "image size must be " + std::to_string(kMinProceduralImageSize) + " to " +
           std::to_string(kMaxProceduralImageSize) + " pixels, got " + std::to_string(request.size);
  }
  if (!(request.jitter >= 0.0 && request.jitter <= kMaxProceduralImageJitter)) {
    return "image jitter must be between 0 and 0.3";
  }
  if (!(request.noise >= 0.0 && request.noise <= kMaxProceduralImageNoise)) {
    return "image noise must be between 0 and 1";
  }
  return "";
}

int procedural_image_channels(const std::string& shape) { return shape == "colour-scene" ? 3 : 1; }

std::vector<float> procedural_image(const ProceduralImageRequest& request) {
  if (auto message = validate_procedural_image(request); !message.empty()) {
    throw std::invalid_argument(message);
  }
  Rng rng(request.seed);
  Placement place;
  place.centre_x = 0.5 + request.jitter * rng.uniform(-1.0, 1.0);
  place.centre_y = 0.5 + request.jitter * rng.uniform(-1.0, 1.0);
  place.scale = 1.0 - request.jitter * rng.uniform();

  const int size = request.size;
  const int channels = procedural_image_channels(request.shape);
  const std::size_t plane = static_cast<std::size_t>(size) * size;
  std::vector<float> image(channels * plane, 0.0f);
  const double sample_weight = 1.0 / (kSupersampling * kSupersampling);
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      Colour sum{0.0, 0.0, 0.0};
      for (int sy = 0; sy < kSupersampling; ++sy) {
        for (int sx = 0; sx < kSupersampling; ++sx) {
          const double u = (x + (sx + 0.5) / kSupersampling) / size;
          const double v = (y + (sy + 0.5) / kSupersampling) / size;
          if (channels == 3) {
            const Colour colour = scene(place, u, v);
            sum.red += colour.red;
            sum.green += colour.green;
            sum.blue += colour.blue;
          } else {
            sum.red += grey_shape(request.shape, (u - place.centre_x) / place.scale,
                                  (v - place.centre_y) / place.scale);
          }
        }
      }
      const std::size_t at = static_cast<std::size_t>(y) * size + x;
      const double values[3] = {sum.red, sum.green, sum.blue};
      for (int c = 0; c < channels; ++c) {
        image[c * plane + at] = static_cast<float>(values[c] * sample_weight);
      }
    }
  }
  if (request.noise > 0.0) {
    // Irwin–Hall: the sum of four uniforms, centred and scaled to unit variance. Unlike Box–Muller
    // it needs no libm, so the noise is bit-identical natively and in WebAssembly.
    const double unit = std::sqrt(3.0);
    for (float& value : image) {
      const double normal =
          (rng.uniform() + rng.uniform() + rng.uniform() + rng.uniform() - 2.0) * unit;
      value = static_cast<float>(std::clamp(value + request.noise * normal, 0.0, 1.0));
    }
  }
  return image;
}

}  // namespace descent

DESCENT_END_COLD_CODE

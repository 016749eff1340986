#pragma once
// Small seeded images drawn by the core, for vision experiments that need no data file: bars,
// a cross, a circle and a square outline (one grey channel), and a colour scene (three channels:
// sky, ground and a sun, so each of R, G and B holds a different picture).
//
// Each shape is drawn in a unit square with its centre shifted by up to ±jitter of the side and
// its size scaled by 1 − jitter·u (u uniform in [0, 1)), antialiased by 4×4 supersampling, then
// Gaussian noise of standard deviation `noise` is added and every value clamped to [0, 1].
// Values are row-major per channel: entry (c, y, x) at (c·size + y)·size + x (tensor_shape.hpp).
#include <cstdint>
#include <string>
#include <vector>

namespace descent {

constexpr int kMinProceduralImageSize = 8;
constexpr int kMaxProceduralImageSize = 64;
constexpr double kMaxProceduralImageJitter = 0.3;
constexpr double kMaxProceduralImageNoise = 1.0;

// "horizontal-bar", "vertical-bar", "cross", "circle", "square", "colour-scene".
const std::vector<std::string>& procedural_image_names();

struct ProceduralImageRequest {
  std::string shape = "cross";
  int size = 28;        // side in pixels
  double jitter = 0.1;  // largest shift (fraction of the side) and relative shrink
  double noise = 0.0;   // standard deviation of the added Gaussian noise
  std::uint64_t seed = 1;
};

// "" when the shape is known, size in [kMinProceduralImageSize, kMaxProceduralImageSize], jitter in
// [0, kMaxProceduralImageJitter] and noise in [0, kMaxProceduralImageNoise]; else what is wrong.
std::string validate_procedural_image(const ProceduralImageRequest& request);

// 3 for the colour scene, 1 for the grey shapes. Precondition: a known shape.
int procedural_image_channels(const std::string& shape);

// channels·size·size values in [0, 1]. Throws std::invalid_argument for an invalid request.
std::vector<float> procedural_image(const ProceduralImageRequest& request);

}  // namespace descent

#pragma once
// The CNN tests' stand-in for the digits: four procedural shapes (horizontal bar, vertical bar,
// cross, circle) at 16×16 with jitter and noise, labels 0–3, as uint8 images.
#include <cmath>
#include <string>

#include "descent/data/procedural_images.hpp"
#include "descent/sims/cnn/cnn_config.hpp"

namespace descent::testing {

inline const char* const kShapeNames[] = {"horizontal-bar", "vertical-bar", "cross", "circle"};

inline CnnImages shape_images(int count, std::uint64_t first_seed, int size = 16) {
  CnnImages images;
  for (int i = 0; i < count; ++i) {
    ProceduralImageRequest request;
    request.shape = kShapeNames[i % 4];
    request.size = size;
    request.jitter = 0.15;
    request.noise = 0.1;
    request.seed = first_seed + static_cast<std::uint64_t>(i);
    for (float v : procedural_image(request)) {
      images.pixels.push_back(static_cast<std::uint8_t>(std::lround(v * 255.0f)));
    }
    images.labels.push_back(static_cast<std::uint8_t>(i % 4));
  }
  return images;
}

inline CnnData shape_data(int train = 400, int test = 100) {
  CnnData data;
  data.height = data.width = 16;
  data.train = shape_images(train, 1000);
  data.test = shape_images(test, 900000);
  return data;
}

// A small net for 16×16: conv 6@5 → max pool → conv 8@3 → max pool → dense 32 → 10.
inline CnnConfig small_config() {
  CnnConfig config;
  config.conv_blocks = {{6, 5, CnnPooling::kMax}, {8, 3, CnnPooling::kMax}};
  config.dense_layers = {32};
  config.learning_rate = 3e-3;
  config.batch_size = 16;
  config.epochs = 4;
  config.seed = 7;
  return config;
}

}  // namespace descent::testing

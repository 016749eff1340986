#include "descent/sims/cnn/cnn_inspection.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <numeric>

#include "descent/sims/cnn/cnn_session.hpp"
#include "shapes_data.hpp"

using namespace descent;

namespace {

const CnnSession& trained_session() {
  static CnnSession session(testing::small_config(), testing::shape_data());
  while (!session.advance(25)) {
  }
  return session;
}

std::vector<float> clean_shape(const char* shape) {
  ProceduralImageRequest request;
  request.shape = shape;
  request.size = 16;
  request.jitter = 0.0;
  request.noise = 0.0;
  return procedural_image(request);
}

}  // namespace

TEST_CASE("CNN class probabilities sum to 1 and pick the shape", "[cnn][inspection]") {
  const nn::Network<float>& network = trained_session().network();
  for (int c = 0; c < 4; ++c) {
    const std::vector<float> p =
        cnn_class_probabilities(network, clean_shape(testing::kShapeNames[c]));
    REQUIRE(p.size() == 10);
    CHECK(std::accumulate(p.begin(), p.end(), 0.0f) == Approx(1.0f).epsilon(1e-5));
    CHECK(std::max_element(p.begin(), p.end()) - p.begin() == c);
  }
}

TEST_CASE("CNN feature maps: every layer's output with its shape", "[cnn][inspection]") {
  const nn::Network<float>& network = trained_session().network();
  const std::vector<CnnFeatureMap> maps = cnn_feature_maps(network, clean_shape("cross"));
  // conv, pool, conv, pool, flatten, dense, logits
  REQUIRE(maps.size() == 7);
  CHECK(maps[0].layer == "conv2d relu");
  CHECK((maps[0].channels == 6 && maps[0].height == 12 && maps[0].width == 12));
  CHECK(maps[1].layer == "max_pool2d");
  CHECK((maps[1].channels == 6 && maps[1].height == 6 && maps[1].width == 6));
  CHECK((maps[2].channels == 8 && maps[2].height == 4 && maps[2].width == 4));
  CHECK((maps[3].channels == 8 && maps[3].height == 2 && maps[3].width == 2));
  CHECK((maps[4].layer == "flatten" && maps[4].channels == 32 && maps[4].height == 1));
  CHECK(maps[5].layer == "dense relu");
  CHECK((maps[6].layer == "dense" && maps[6].channels == 10));
  for (const CnnFeatureMap& map : maps) {
    CHECK(map.values.size() == static_cast<std::size_t>(map.channels * map.height * map.width));
  }
  int filters = 0, kernel = 0;
  const std::vector<float> weights = cnn_first_layer_filters(network, filters, kernel);
  CHECK((filters == 6 && kernel == 5 && weights.size() == 6 * 25));
}

TEST_CASE("saliency of a vertical bar concentrates on the bar", "[cnn][inspection]") {
  const nn::Network<float>& network = trained_session().network();
  const std::vector<float> image = clean_shape("vertical-bar");
  const std::vector<float> saliency = cnn_saliency(network, image, 1);
  REQUIRE(saliency.size() == 256);
  // The bar's columns: those whose mean intensity is over a quarter, widened by one pixel.
  std::vector<bool> in_bar(16, false);
  for (int x = 0; x < 16; ++x) {
    float column = 0;
    for (int y = 0; y < 16; ++y) column += image[y * 16 + x];
    if (column / 16 > 0.25f) {
      for (int dx = -1; dx <= 1; ++dx) in_bar[std::clamp(x + dx, 0, 15)] = true;
    }
  }
  const int bar_columns = static_cast<int>(std::count(in_bar.begin(), in_bar.end(), true));
  REQUIRE(bar_columns > 0);
  REQUIRE(bar_columns <= 8);
  double inside = 0, total = 0;
  for (int y = 0; y < 16; ++y) {
    for (int x = 0; x < 16; ++x) {
      total += saliency[y * 16 + x];
      if (in_bar[x]) inside += saliency[y * 16 + x];
    }
  }
  CAPTURE(bar_columns, inside / total);
  CHECK(inside / total > 0.5);
  CHECK_THROWS_AS(cnn_saliency(network, image, 10), std::invalid_argument);
  CHECK_THROWS_AS(cnn_saliency(network, std::vector<float>(10), 1), std::invalid_argument);
}

TEST_CASE("Grad-CAM is non-negative at the last conv layer's size", "[cnn][inspection]") {
  const nn::Network<float>& network = trained_session().network();
  const CnnGradCam cam = cnn_grad_cam(network, clean_shape("cross"), 2);
  CHECK((cam.height == 4 && cam.width == 4));
  REQUIRE(cam.values.size() == 16);
  for (float v : cam.values) CHECK(v >= 0.0f);
  CHECK(*std::max_element(cam.values.begin(), cam.values.end()) > 0.0f);
}

TEST_CASE("saliency and Grad-CAM of a 28×28 digit-sized image, timed",
          "[cnn][inspection][.bench]") {
  CnnData data;
  data.train = testing::shape_images(64, 1, 28);
  data.test = testing::shape_images(16, 99, 28);
  CnnSession session(CnnConfig{}, data);  // the default LeNet-like net
  session.advance(2);
  ProceduralImageRequest request;
  const std::vector<float> image = procedural_image(request);
  using clock = std::chrono::steady_clock;
  const int repeats = 50;
  auto start = clock::now();
  for (int i = 0; i < repeats; ++i) cnn_saliency(session.network(), image, 3);
  const double saliency_ms =
      std::chrono::duration<double, std::milli>(clock::now() - start).count();
  start = clock::now();
  for (int i = 0; i < repeats; ++i) cnn_grad_cam(session.network(), image, 3);
  const double cam_ms = std::chrono::duration<double, std::milli>(clock::now() - start).count();
  std::printf("28x28 LeNet-like: saliency %.3f ms, Grad-CAM %.3f ms\n", saliency_ms / repeats,
              cam_ms / repeats);
  for (int batch : {16, 64}) {
    CnnData digits;
    digits.train = testing::shape_images(640, 1, 28);
    digits.test = testing::shape_images(16, 99, 28);
    CnnConfig config;
    config.batch_size = batch;
    CnnSession timed(config, digits);
    timed.advance(2);  // warm up the buffers
    const int batches = 640 / batch * 2;
    start = clock::now();
    timed.advance(batches);
    const double ms = std::chrono::duration<double, std::milli>(clock::now() - start).count();
    std::printf("28x28 LeNet-like, batch %d: %.3f ms per batch (%.0f examples/s)\n", batch,
                ms / batches, batch * batches / ms * 1000);
  }
  CHECK(saliency_ms > 0);
}

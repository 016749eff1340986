// Convolutional networks from a NetworkConfig: a LeNet-like stack on 28×28 images compiles to the
// right shapes and parameters, validation names the layer at fault, and the existing trainer
// trains a tiny CNN on a procedural image task (horizontal vs vertical bars).
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "descent/data/dataset.hpp"
#include "descent/math/rng.hpp"
#include "descent/nn/conv2d.hpp"
#include "descent/nn/network.hpp"
#include "descent/nn/regularization.hpp"
#include "descent/nn/trainer.hpp"
#include "nn_test_support.hpp"

using descent::Dataset;
using descent::Rng;
using descent::nn::ActivationKind;
using descent::nn::Conv2d;
using descent::nn::ImageSize;
using descent::nn::InitKind;
using descent::nn::layer_input_shapes;
using descent::nn::LayerKind;
using descent::nn::LayerSpec;
using descent::nn::LossKind;
using descent::nn::Matrix;
using descent::nn::Network;
using descent::nn::NetworkConfig;
using descent::nn::SlidingWindow;
using descent::nn::TensorShape;
using descent::nn::Trainer;
using descent::nn::TrainerConfig;
using descent::nn::validate_network_config;

namespace {

LayerSpec convolution(int channels, int kernel, ActivationKind activation, int padding = 0) {
  LayerSpec spec{channels, activation};
  spec.kind = LayerKind::kConvolution;
  spec.window = SlidingWindow{kernel, 1, padding};
  return spec;
}

LayerSpec pooling(LayerKind kind, int size) {
  LayerSpec spec;
  spec.kind = kind;
  spec.window = SlidingWindow{size, size};
  return spec;
}

LayerSpec of_kind(LayerKind kind) {
  LayerSpec spec;
  spec.kind = kind;
  return spec;
}

// conv 6@5×5 → max pool 2 → conv 16@5×5 → max pool 2 → flatten → dense 120 → 84 → 10, on 28×28.
NetworkConfig lenet_config() {
  NetworkConfig config;
  config.input_image = ImageSize{1, 28, 28};
  config.input_width = 28 * 28;
  config.layers = {convolution(6, 5, ActivationKind::kRelu),
                   pooling(LayerKind::kMaxPool, 2),
                   convolution(16, 5, ActivationKind::kRelu),
                   pooling(LayerKind::kMaxPool, 2),
                   of_kind(LayerKind::kFlatten),
                   LayerSpec{120, ActivationKind::kRelu},
                   LayerSpec{84, ActivationKind::kRelu},
                   LayerSpec{10, ActivationKind::kLinear}};
  config.initializer.kind = InitKind::kHeUniform;
  config.seed = 7;
  return config;
}

// Seeded side×side images, each one bright bar on a noisy background: a full row (class 0,
// horizontal) or a full column (class 1, vertical) at a random position.
Dataset bars(int count, int side, std::uint64_t seed, int classes_as_columns = 2) {
  Rng rng(seed);
  Dataset data;
  data.inputs = Eigen::MatrixXd::Zero(count, side * side);
  data.class_count = classes_as_columns;
  for (int sample = 0; sample < count; ++sample) {
    const int label = sample % 2;
    const int position = static_cast<int>(rng.uniform() * side);
    for (int row = 0; row < side; ++row) {
      for (int column = 0; column < side; ++column) {
        const bool on_bar = label == 0 ? row == position : column == position;
        data.inputs(sample, row * side + column) = (on_bar ? 1.0 : 0.0) + rng.normal(0.0, 0.1);
      }
    }
    data.labels.push_back(label);
  }
  data.targets = descent::one_hot(data.labels, classes_as_columns);
  for (int feature = 0; feature < side * side; ++feature) {
    data.feature_names.push_back("pixel " + std::to_string(feature));
  }
  data.description = "horizontal vs vertical bars";
  return data;
}

}  // namespace

TEST_CASE("a LeNet-like config compiles to the seed's shapes and parameter counts", "[nn][conv]") {
  const NetworkConfig config = lenet_config();
  REQUIRE(validate_network_config(config).empty());
  const std::vector<TensorShape> shapes = layer_input_shapes(config);
  CHECK(shapes[1] == TensorShape::image(1, 6, 24, 24));
  CHECK(shapes[2] == TensorShape::image(1, 6, 12, 12));
  CHECK(shapes[3] == TensorShape::image(1, 16, 8, 8));
  CHECK(shapes[4] == TensorShape::image(1, 16, 4, 4));
  CHECK(shapes[5] == TensorShape::features(1, 256));
  Network<float> network(config);
  // 156 + 2,416 (the seed's C1 and C3) + 256·120 + 120 + 120·84 + 84 + 84·10 + 10.
  CHECK(network.parameter_count() == 156 + 2416 + 30840 + 10164 + 850);
  CHECK(network.depth() == 8);
  CHECK(network.layer_module(0).name() == "conv 1→6 5×5");
  CHECK(network.layer_module(1).name() == "max_pool 2×2");
  CHECK(network.layer(5).fan_in() == 256);
  CHECK_THROWS_WITH(network.layer(0), Catch::Contains("layer 1 is conv2d, not dense"));
  const Matrix<float> images = Matrix<float>::Random(3, 784);
  CHECK(network.predict(images).rows() == 3);
  CHECK(network.predict(images).cols() == 10);
  // Weight decay sees the kernels as weights and the biases as not.
  const Eigen::VectorXd mask = descent::nn::weight_mask(config);
  REQUIRE(mask.size() == network.parameter_count());
  CHECK(mask.head(150).sum() == 150);
  CHECK(mask.segment(150, 6).sum() == 0);
  CHECK(mask.sum() == 150 + 2400 + 30720 + 10080 + 840);
}

TEST_CASE("convolutional configs are validated layer by layer", "[nn][conv]") {
  NetworkConfig config = lenet_config();
  config.input_width = 100;
  CHECK_THAT(validate_network_config(config),
             Catch::Contains("input width (100) must be the input image's channels × height × "
                             "width (784)"));
  config = lenet_config();
  config.layers.erase(config.layers.begin() + 4);  // no flatten before the dense layers
  CHECK_THAT(validate_network_config(config),
             Catch::StartsWith("network: layer 5 (dense) takes features, but its input is an "
                               "image"));
  config = lenet_config();
  config.layers[2].window.kernel = 13;  // wider than the 12×12 it gets
  CHECK_THAT(validate_network_config(config),
             Catch::StartsWith("network: layer 3: conv2d: a 13×13 kernel"));
  config = lenet_config();
  config.layers[2].groups = 4;  // 6 input channels
  CHECK_THAT(validate_network_config(config), Catch::Contains("groups (4) must divide"));
  config = lenet_config();
  config.layers[1].window.padding = 2;
  CHECK_THAT(validate_network_config(config),
             Catch::StartsWith("network: layer 2: max_pool2d: padding must be at most half"));
  config = lenet_config();
  config.layers[1].batch_norm = true;
  CHECK(validate_network_config(config) ==
        "network: layer 2: batch norm is for dense and convolution layers only");
  config = lenet_config();
  config.layers.push_back(pooling(LayerKind::kAvgPool, 2));
  CHECK_THAT(validate_network_config(config), Catch::Contains("takes images"));
  config = lenet_config();
  config.layers.resize(4);
  CHECK_THAT(validate_network_config(config), Catch::Contains("the output layer must be dense"));
  config = lenet_config();
  config.input_image = ImageSize{1, 28, 0};
  CHECK_THAT(validate_network_config(config),
             Catch::StartsWith("network: the input image needs 1 to 1024 channels and sides of 1 "
                               "to 512, got 1 channels of 28×0"));
  config.input_image = ImageSize{};  // feature input: the first convolution has no image
  config.input_width = 49;
  config.layers = {convolution(2, 3, ActivationKind::kRelu), LayerSpec{1}};
  CHECK_THAT(validate_network_config(config),
             Catch::StartsWith("network: layer 1 (conv2d) takes images"));
  CHECK_THROWS_AS(Network<double>(config), std::invalid_argument);
}

TEST_CASE("batch norm on a convolution: per channel, gradient-checked in the network",
          "[nn][conv]") {
  NetworkConfig config;
  config.input_image = ImageSize{1, 6, 6};
  config.input_width = 36;
  config.layers = {convolution(3, 3, ActivationKind::kTanh, 1), of_kind(LayerKind::kFlatten),
                   LayerSpec{3, {}}};
  config.layers[0].batch_norm = true;
  config.seed = 4;
  REQUIRE(validate_network_config(config).empty());
  Network<double> network(config);
  // conv 1·9·3 + 3, γ and β per channel, dense 108 → 3.
  CHECK(network.parameter_count() == 30 + 6 + 108 * 3 + 3);
  REQUIRE(network.batch_norm(0) != nullptr);
  CHECK(network.batch_norm(0)->features() == 3);
  CHECK(network.modules().at(1).name() == "batch_norm2d 3");
  Rng rng(9);
  Matrix<double> inputs(4, 36), targets = Matrix<double>::Zero(4, 3);
  for (Eigen::Index i = 0; i < inputs.size(); ++i) inputs.data()[i] = rng.normal();
  for (int r = 0; r < 4; ++r) targets(r, r % 3) = 1.0;
  const descent::nn::Loss loss{LossKind::kCrossEntropy};
  const Network<double> before = network;
  const Eigen::VectorXd analytic = network.loss_and_gradient(inputs, targets, loss).gradient;
  const auto loss_at = [&](const Eigen::VectorXd& point) {
    Network<double> copy = before;
    copy.set_parameters(point);
    return copy.loss_and_gradient(inputs, targets, loss).loss;
  };
  const Eigen::VectorXd numeric =
      descent::testing::central_difference_gradient(loss_at, before.get_parameters(), 1e-6);
  CHECK(descent::testing::relative_error(analytic, numeric, 1e-6) < 1e-6);
  CHECK(network.running_statistics().size() == 1);
}

TEST_CASE("layer kinds round-trip through their names", "[nn][conv]") {
  for (const LayerKind kind :
       {LayerKind::kDense, LayerKind::kConvolution, LayerKind::kMaxPool, LayerKind::kAvgPool,
        LayerKind::kGlobalAvgPool, LayerKind::kFlatten}) {
    LayerKind parsed = LayerKind::kDense;
    CHECK(descent::nn::layer_kind_from_name(descent::nn::layer_kind_name(kind), parsed).empty());
    CHECK(parsed == kind);
  }
  LayerKind unchanged = LayerKind::kFlatten;
  CHECK(descent::nn::layer_kind_from_name("conv", unchanged) ==
        "unknown layer kind 'conv' (valid: dense, conv2d, max_pool2d, avg_pool2d, "
        "global_avg_pool, flatten)");
  CHECK(unchanged == LayerKind::kFlatten);
}

TEST_CASE("a config whose sample would not fit in memory is refused up front", "[nn][conv]") {
  NetworkConfig config;
  config.input_image = ImageSize{64, 512, 512};  // 16 Mi values
  config.input_width = 64 * 512 * 512;
  config.layers = {of_kind(LayerKind::kGlobalAvgPool), LayerSpec{1}};
  CHECK_THAT(validate_network_config(config),
             Catch::StartsWith("network: the input image would hold 16777216 values per sample"));
  // 3×224×224 fits; 64 channels of 3×3 taps over it do not (im2col: 224² × 64 × 9 values).
  config.input_image = ImageSize{3, 224, 224};
  config.input_width = 3 * 224 * 224;
  config.layers = {convolution(64, 3, ActivationKind::kRelu, 1),
                   convolution(64, 3, ActivationKind::kRelu, 1), of_kind(LayerKind::kGlobalAvgPool),
                   LayerSpec{1}};
  CHECK_THAT(validate_network_config(config),
             Catch::StartsWith("network: layer 2 (conv2d): its im2col workspace would hold "
                               "28901376 values per sample"));
  config.layers.erase(config.layers.begin() + 1);
  CHECK(validate_network_config(config).empty());
}

TEST_CASE("a tiny CNN learns horizontal vs vertical bars with the trainer", "[nn][conv]") {
  NetworkConfig config;
  config.input_image = ImageSize{1, 8, 8};
  config.input_width = 64;
  LayerSpec depthwise = convolution(4, 3, ActivationKind::kRelu, 1);
  depthwise.groups = 4;
  config.layers = {convolution(4, 3, ActivationKind::kRelu, 1),
                   depthwise,
                   pooling(LayerKind::kMaxPool, 2),
                   pooling(LayerKind::kAvgPool, 2),
                   of_kind(LayerKind::kGlobalAvgPool),
                   LayerSpec{2, ActivationKind::kLinear}};
  config.initializer.kind = InitKind::kHeUniform;
  config.seed = 3;
  const Dataset train = bars(64, 8, 11), validation = bars(32, 8, 12);

  TrainerConfig settings;
  settings.epochs = 30;
  settings.batch_size = 16;
  settings.learning_rate = 0.02;
  settings.optimizer.id = "adam";
  settings.loss.kind = LossKind::kCrossEntropy;
  settings.seed = 5;

  const auto train_network = [&](Network<float>& network) {
    Trainer<float> trainer(network, settings, train, &validation);
    trainer.run();
    return trainer.history();
  };
  Network<float> network(config);
  const double untrained_loss =
      network
          .loss_and_gradient(train.inputs.cast<float>(), train.targets.cast<float>(), settings.loss)
          .loss;
  const auto history = train_network(network);
  REQUIRE(history.train_loss.size() == 30);
  INFO("loss " << untrained_loss << " → " << history.train_loss.front() << " → "
               << history.train_loss.back());
  CHECK(untrained_loss == Approx(std::log(2.0)).margin(0.05));  // a coin toss before training
  CHECK(history.train_loss.back() < 0.05);
  CHECK(history.train_loss.back() < history.train_loss.front());
  CHECK(history.train_accuracy.back() >= 0.95);
  CHECK(history.validation_accuracy.back() >= 0.9);
  // Deterministic: the same seeds give the same run, bit for bit.
  Network<float> again(config);
  CHECK(train_network(again).train_loss == history.train_loss);
}

TEST_CASE("the LeNet-like stack trains on 28×28 images with the trainer", "[nn][conv]") {
  const Dataset train = bars(32, 28, 21, 10), validation = bars(16, 28, 22, 10);
  Network<float> network(lenet_config());
  TrainerConfig settings;
  settings.epochs = 4;
  settings.batch_size = 16;
  settings.learning_rate = 0.002;
  settings.optimizer.id = "adam";
  settings.loss.kind = LossKind::kCrossEntropy;
  settings.seed = 5;
  Trainer<float> trainer(network, settings, train, &validation);
  trainer.run();
  const auto& loss = trainer.history().train_loss;
  REQUIRE(loss.size() == 4);
  INFO("loss " << loss.front() << " → " << loss.back());
  CHECK(loss.back() < 0.5 * loss.front());
}

TEST_CASE("frozen layers: the backward pass stops before them, the rest is unchanged",
          "[nn][conv]") {
  NetworkConfig config;
  config.input_image = ImageSize{1, 10, 10};
  config.input_width = 100;
  config.layers = {
      convolution(3, 3, ActivationKind::kRelu),    pooling(LayerKind::kMaxPool, 2),
      convolution(4, 3, ActivationKind::kTanh, 1), of_kind(LayerKind::kFlatten),
      LayerSpec{5, ActivationKind::kRelu},         LayerSpec{3, ActivationKind::kLinear}};
  config.layers[2].batch_norm = true;
  config.seed = 12;
  REQUIRE(validate_network_config(config).empty());
  Rng rng(3);
  Matrix<float> inputs(6, 100), targets = Matrix<float>::Zero(6, 3);
  for (Eigen::Index i = 0; i < inputs.size(); ++i) inputs.data()[i] = rng.uniform();
  for (int r = 0; r < 6; ++r) targets(r, r % 3) = 1.0f;
  const descent::nn::Loss loss{LossKind::kCrossEntropy};
  Network<float> whole(config);
  const auto full = whole.loss_and_gradient(inputs, targets, loss);
  // conv 1 (1·9·3 + 3 = 30) and its pooling frozen; then conv 2 from its own weights on.
  for (int frozen : {2, 3}) {
    Network<float> network(config);
    network.set_frozen_layers(frozen);
    CHECK(network.frozen_layers() == frozen);
    const auto partial = network.loss_and_gradient(inputs, targets, loss);
    CHECK(partial.loss == full.loss);
    const int cut = frozen == 2 ? 30 : 30 + (3 * 9 * 4 + 4) + 8;
    CHECK(partial.gradient.head(cut).isZero(0.0f));
    const Eigen::Index rest = full.gradient.size() - cut;
    CHECK(partial.gradient.tail(rest) == full.gradient.tail(rest));
    const Network<float> copy = network;
    CHECK(copy.frozen_layers() == frozen);
  }
  Network<float> network(config);
  CHECK_THROWS_WITH(network.set_frozen_layers(6),
                    "network: frozen layers must be in [0, 5], got 6");
  CHECK_THROWS_AS(network.set_frozen_layers(-1), std::invalid_argument);
  network.set_frozen_layers(0);
  CHECK(network.loss_and_gradient(inputs, targets, loss).gradient == full.gradient);
}

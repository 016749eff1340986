#include "descent/sims/cnn/cnn_activation_max.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "descent/math/cold_code.hpp"
#include "descent/math/rng.hpp"
#include "descent/sims/cnn/cnn_probe.hpp"

namespace descent {
namespace {

constexpr std::uint64_t kStartImageStream = 4;  // cnn_config.cpp 1, cnn_session.cpp 2 and 3

// 3×3 binomial blur ([1 2 1]/4 per axis), separable, the weights renormalised at the border so
// a constant image stays constant. `row_pass` is scratch of the image's size.
void blur(float* image, int height, int width, std::vector<float>& row_pass) {
  for (int y = 0; y < height; ++y) {
    const float* row = image + y * width;
    for (int x = 0; x < width; ++x) {
      float sum = 2.0f * row[x], weight = 2.0f;
      if (x > 0) sum += row[x - 1], weight += 1.0f;
      if (x + 1 < width) sum += row[x + 1], weight += 1.0f;
      row_pass[static_cast<std::size_t>(y * width + x)] = sum / weight;
    }
  }
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const std::size_t at = static_cast<std::size_t>(y * width + x);
      float sum = 2.0f * row_pass[at], weight = 2.0f;
      if (y > 0) sum += row_pass[at - static_cast<std::size_t>(width)], weight += 1.0f;
      if (y + 1 < height) sum += row_pass[at + static_cast<std::size_t>(width)], weight += 1.0f;
      image[at] = sum / weight;
    }
  }
}

}  // namespace

bool CnnActivationMaximizer::advance(int steps) {
  for (int s = 0; s < steps && !done(); ++s) ascend();
  return done();
}

void CnnActivationMaximizer::ascend() {
  const nn::Matrix<float>& gradient =
      cnn_detail::backward_from(*probe_, from_module_, seed_, -1, nullptr);
  const Eigen::Index pixels = gradient.cols();
  double squares = 0.0;
  for (Eigen::Index i = 0; i < pixels; ++i) {
    squares += static_cast<double>(gradient(0, i)) * gradient(0, i);
  }
  const double rms = std::sqrt(squares / static_cast<double>(pixels));
  const float scale = rms > 0.0 ? static_cast<float>(settings_.step_size / rms) : 0.0f;
  const float keep = static_cast<float>(1.0 - settings_.l2);
  float* image = probe_->input.data();
  for (Eigen::Index i = 0; i < pixels; ++i) image[i] = keep * image[i] + scale * gradient(0, i);
  if (settings_.blur_every > 0 && (step() + 1) % settings_.blur_every == 0) {
    blur(image, height_, width_, blurred_);
  }
  for (Eigen::Index i = 0; i < pixels; ++i) image[i] = std::clamp(image[i], 0.0f, 1.0f);
  cnn_detail::forward_probe(*probe_);
  objectives_.push_back(evaluate());
}

double CnnActivationMaximizer::evaluate() const {
  const nn::Matrix<float>& output = probe_->modules->at(from_module_).output();
  if (settings_.target == CnnMaximizeTarget::kClass) {
    return static_cast<double>(output(0, settings_.class_index));
  }
  double sum = 0.0;
  for (int i = 0; i < map_area_; ++i) sum += static_cast<double>(output(0, map_offset_ + i));
  return sum / map_area_;
}

}  // namespace descent

DESCENT_BEGIN_COLD_CODE

namespace descent {
namespace {

std::string out_of_range(const std::string& what, int value, int low, int high) {
  return what + " must be in [" + std::to_string(low) + ", " + std::to_string(high) + "], got " +
         std::to_string(value);
}

// The network's convolution layers' indices, input side first.
std::vector<int> convolution_layers(const nn::Network<float>& network) {
  std::vector<int> layers;
  for (int l = 0; l < network.depth(); ++l) {
    if (network.config().layers[static_cast<std::size_t>(l)].kind == nn::LayerKind::kConvolution) {
      layers.push_back(l);
    }
  }
  return layers;
}

}  // namespace

std::string validate_cnn_activation_max(const nn::Network<float>& network,
                                        const CnnActivationMaxSettings& settings) {
  if (network.config().input_image.channels != 1) {
    return "activation maximisation needs a network on one-channel images";
  }
  if (settings.target == CnnMaximizeTarget::kClass) {
    if (settings.class_index < 0 || settings.class_index >= network.output_width()) {
      return out_of_range("class index", settings.class_index, 0, network.output_width() - 1);
    }
  } else {
    const std::vector<int> convolutions = convolution_layers(network);
    if (convolutions.empty()) return "the network has no convolution layer to maximise a filter of";
    const int count = static_cast<int>(convolutions.size());
    if (settings.conv_layer < 0 || settings.conv_layer >= count) {
      return out_of_range("convolution layer", settings.conv_layer, 0, count - 1);
    }
    const int filters =
        network.config().layers[static_cast<std::size_t>(convolutions[settings.conv_layer])].width;
    if (settings.filter < 0 || settings.filter >= filters) {
      return out_of_range("filter of convolution layer " + std::to_string(settings.conv_layer),
                          settings.filter, 0, filters - 1);
    }
  }
  if (settings.steps < 1 || settings.steps > kMaxCnnActivationMaxSteps) {
    return out_of_range("steps", settings.steps, 1, kMaxCnnActivationMaxSteps);
  }
  if (!std::isfinite(settings.step_size) || settings.step_size <= 0.0 || settings.step_size > 1.0) {
    return "step size must be in (0, 1]";
  }
  if (!std::isfinite(settings.l2) || settings.l2 < 0.0 || settings.l2 >= 1.0) {
    return "L2 decay must be in [0, 1)";
  }
  if (settings.blur_every < 0 || settings.blur_every > kMaxCnnBlurEvery) {
    return out_of_range("blur interval", settings.blur_every, 0, kMaxCnnBlurEvery);
  }
  return "";
}

CnnActivationMaximizer::CnnActivationMaximizer(const nn::Network<float>& network,
                                               const CnnActivationMaxSettings& settings)
    : settings_(settings) {
  if (auto m = validate_cnn_activation_max(network, settings); !m.empty()) {
    throw std::invalid_argument(m);
  }
  height_ = network.config().input_image.height;
  width_ = network.config().input_image.width;
  const int pixels = height_ * width_;
  std::vector<float> start(static_cast<std::size_t>(pixels));
  Rng rng(derive_seed(settings.seed, kStartImageStream));
  for (float& value : start) value = static_cast<float>(0.4 + 0.2 * rng.uniform());
  probe_ = std::make_unique<cnn_detail::Probe>(cnn_detail::run_probe(network, start));
  if (settings.target == CnnMaximizeTarget::kClass) {
    from_module_ = probe_->modules->size() - 1;
    seed_ = nn::Matrix<float>::Zero(1, network.output_width());
    seed_(0, settings.class_index) = 1.0f;
  } else {
    const int layer = convolution_layers(network)[static_cast<std::size_t>(settings.conv_layer)];
    from_module_ = probe_->layer_output[static_cast<std::size_t>(layer)];
    const nn::TensorShape shape =
        nn::layer_input_shapes(network.config())[static_cast<std::size_t>(layer + 1)];
    map_area_ = shape.height() * shape.width();
    map_offset_ = settings.filter * map_area_;
    seed_ = nn::Matrix<float>::Zero(1, shape.channels() * map_area_);
    seed_.block(0, map_offset_, 1, map_area_).setConstant(1.0f / static_cast<float>(map_area_));
  }
  blurred_.resize(static_cast<std::size_t>(pixels));
  objectives_.reserve(static_cast<std::size_t>(settings.steps) + 1);
  objectives_.push_back(evaluate());
}

CnnActivationMaximizer::~CnnActivationMaximizer() = default;

std::vector<float> CnnActivationMaximizer::image() const {
  const float* values = probe_->input.data();
  return std::vector<float>(values, values + probe_->input.size());
}

}  // namespace descent

DESCENT_END_COLD_CODE

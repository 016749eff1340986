#include "descent/sims/cnn/cnn_inspection.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "descent/math/cold_code.hpp"
#include "descent/nn/sequential.hpp"
#include "descent/sims/cnn/cnn_probe.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent {
namespace cnn_detail {

Probe run_probe(const nn::Network<float>& network, const std::vector<float>& image) {
  if (static_cast<int>(image.size()) != network.input_width()) {
    throw std::invalid_argument("image must have " + std::to_string(network.input_width()) +
                                " pixels, got " + std::to_string(image.size()));
  }
  Probe probe;
  probe.owner = network.modules().clone();
  probe.modules = static_cast<nn::Sequential<float>*>(probe.owner.get());
  for (int l = 0; l < network.depth(); ++l) {
    const nn::Module<float>* activation = &network.activation_layer(l);
    for (int i = 0; i < network.modules().size(); ++i) {
      if (&network.modules().at(i) == activation) probe.layer_output.push_back(i);
    }
  }
  if (static_cast<int>(probe.layer_output.size()) != network.depth()) {
    throw std::invalid_argument("cnn inspection needs one activation module per layer");
  }
  probe.input =
      Eigen::Map<const nn::Matrix<float>>(image.data(), 1, static_cast<Eigen::Index>(image.size()));
  forward_probe(probe);
  return probe;
}

void forward_probe(Probe& probe) {
  Rng unused(0);
  probe.modules->forward(probe.input, nn::Mode::kEvaluation, unused);
}

const nn::Matrix<float>& backward_from(Probe& probe, int from, const nn::Matrix<float>& seed,
                                       int capture, nn::Matrix<float>* captured) {
  const nn::Matrix<float>* gradient = &seed;
  for (int i = from; i >= 0; --i) {
    if (i == capture) *captured = *gradient;
    const nn::Matrix<float>& input = i == 0 ? probe.input : probe.modules->at(i - 1).output();
    gradient = &probe.modules->at(i).backward(input, *gradient);
  }
  return *gradient;
}

}  // namespace cnn_detail

namespace {

using cnn_detail::Probe;
using cnn_detail::run_probe;

// Backpropagates ∂logit_c/∂(output) from the logits to the input; returns ∂logit_c/∂input and,
// when `capture` ≥ 0, stores ∂logit_c/∂(module capture's output) in *captured.
nn::Matrix<float> backward_from_class(Probe& probe, int class_index, int capture,
                                      nn::Matrix<float>* captured) {
  const nn::Matrix<float>& logits = probe.modules->output();
  if (class_index < 0 || class_index >= logits.cols()) {
    throw std::invalid_argument("class index must be in [0, " + std::to_string(logits.cols() - 1) +
                                "], got " + std::to_string(class_index));
  }
  nn::Matrix<float> gradient = nn::Matrix<float>::Zero(1, logits.cols());
  gradient(0, class_index) = 1.0f;
  return cnn_detail::backward_from(probe, probe.modules->size() - 1, gradient, capture, captured);
}

}  // namespace

std::vector<float> cnn_image_from_bytes(const std::vector<std::uint8_t>& pixels) {
  std::vector<float> image(pixels.size());
  for (std::size_t i = 0; i < pixels.size(); ++i) image[i] = static_cast<float>(pixels[i]) / 255.0f;
  return image;
}

std::vector<float> cnn_class_probabilities(const nn::Network<float>& network,
                                           const std::vector<float>& image) {
  const Probe probe = run_probe(network, image);
  const nn::Matrix<float>& logits = probe.modules->output();
  const float top = logits.maxCoeff();
  std::vector<float> probabilities(static_cast<std::size_t>(logits.cols()));
  float sum = 0.0f;
  for (Eigen::Index c = 0; c < logits.cols(); ++c) {
    probabilities[static_cast<std::size_t>(c)] = std::exp(logits(0, c) - top);
    sum += probabilities[static_cast<std::size_t>(c)];
  }
  for (float& p : probabilities) p /= sum;
  return probabilities;
}

std::vector<CnnFeatureMap> cnn_feature_maps(const nn::Network<float>& network,
                                            const std::vector<float>& image) {
  const Probe probe = run_probe(network, image);
  const std::vector<nn::TensorShape> inputs = nn::layer_input_shapes(network.config());
  std::vector<CnnFeatureMap> maps;
  for (int l = 0; l < network.depth(); ++l) {
    const nn::LayerSpec& spec = network.config().layers[static_cast<std::size_t>(l)];
    CnnFeatureMap map;
    map.layer = nn::layer_kind_name(spec.kind);
    const bool has_activation =
        spec.kind == nn::LayerKind::kConvolution || spec.kind == nn::LayerKind::kDense;
    if (has_activation && spec.activation.kind != nn::ActivationKind::kLinear) {
      map.layer += " " + std::string(nn::activation_name(spec.activation.kind));
    }
    const nn::Matrix<float>& output = probe.modules->at(probe.layer_output[l]).output();
    if (l + 1 < network.depth() && inputs[static_cast<std::size_t>(l + 1)].channels() > 0) {
      const nn::TensorShape& shape = inputs[static_cast<std::size_t>(l + 1)];
      map.channels = shape.channels();
      map.height = shape.height();
      map.width = shape.width();
    } else {
      map.channels = static_cast<int>(output.cols());
    }
    map.values.assign(output.data(), output.data() + output.size());
    maps.push_back(std::move(map));
  }
  return maps;
}

std::vector<float> cnn_first_layer_filters(const nn::Network<float>& network, int& filters,
                                           int& kernel) {
  const nn::LayerSpec& first = network.config().layers.front();
  if (first.kind != nn::LayerKind::kConvolution) {
    filters = kernel = 0;
    return {};
  }
  filters = first.width;
  kernel = first.window.kernel;
  const int taps = network.config().input_image.channels * kernel * kernel;
  const nn::Vector<float> parameters = network.get_parameters();
  std::vector<float> values(static_cast<std::size_t>(filters * taps));
  // The kernel matrix's entry (tap k, filter o) is θ[k·filters + o] (conv2d.hpp).
  for (int o = 0; o < filters; ++o) {
    for (int k = 0; k < taps; ++k) {
      values[static_cast<std::size_t>(o * taps + k)] = parameters[k * filters + o];
    }
  }
  return values;
}

std::vector<float> cnn_saliency(const nn::Network<float>& network, const std::vector<float>& image,
                                int class_index) {
  Probe probe = run_probe(network, image);
  const nn::Matrix<float> gradient = backward_from_class(probe, class_index, -1, nullptr);
  std::vector<float> saliency(static_cast<std::size_t>(gradient.size()));
  for (Eigen::Index i = 0; i < gradient.size(); ++i) saliency[i] = std::abs(gradient(0, i));
  return saliency;
}

CnnGradCam cnn_grad_cam(const nn::Network<float>& network, const std::vector<float>& image,
                        int class_index) {
  int last_conv = -1;
  for (int l = 0; l < network.depth(); ++l) {
    if (network.config().layers[static_cast<std::size_t>(l)].kind == nn::LayerKind::kConvolution) {
      last_conv = l;
    }
  }
  if (last_conv < 0) throw std::invalid_argument("Grad-CAM needs a convolution layer");
  Probe probe = run_probe(network, image);
  const int module = probe.layer_output[static_cast<std::size_t>(last_conv)];
  nn::Matrix<float> map_gradient;
  backward_from_class(probe, class_index, module, &map_gradient);
  const nn::TensorShape shape =
      nn::layer_input_shapes(network.config())[static_cast<std::size_t>(last_conv + 1)];
  const int channels = shape.channels(), area = shape.height() * shape.width();
  const nn::Matrix<float>& maps = probe.modules->at(module).output();
  CnnGradCam cam;
  cam.height = shape.height();
  cam.width = shape.width();
  cam.values.assign(static_cast<std::size_t>(area), 0.0f);
  for (int k = 0; k < channels; ++k) {
    const float weight = map_gradient.block(0, k * area, 1, area).mean();
    for (int p = 0; p < area; ++p) cam.values[p] += weight * maps(0, k * area + p);
  }
  for (float& value : cam.values) value = std::max(value, 0.0f);
  return cam;
}

}  // namespace descent

DESCENT_END_COLD_CODE

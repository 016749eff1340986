#pragma once
// Looking inside a trained CNN at one image (<descent-cnn>): class probabilities, every layer's
// output, the first layer's filters, and two explanations of a prediction.
//
// - Saliency (Simonyan et al. 2014): |∂s_c/∂x| per input pixel, s_c the class's logit (the score
//   before softmax), backpropagated through the network's own modules in evaluation mode.
// - Grad-CAM (Selvaraju et al. 2017) on the last convolution layer's output A (after its
//   activation, before pooling): α_k = mean over (y, x) of ∂s_c/∂A_k, map = ReLU(Σ_k α_k·A_k),
//   returned at A's resolution (not upsampled: the widget scales it onto the image when drawing).
// Images are one grey channel, height·width values in [0, 1], row-major. Networks are those of
// cnn_network_config (one activation module after each layer's main module).
#include <cstdint>
#include <string>
#include <vector>

#include "descent/nn/network.hpp"

namespace descent {

// One layer's output for one image: channels × height × width (an image), or channels = features
// and height = width = 1 (a dense layer, flatten, the logits).
struct CnnFeatureMap {
  std::string layer;  // e.g. "conv2d relu", "max_pool2d", "dense relu", "dense" (the logits)
  int channels = 0;
  int height = 1;
  int width = 1;
  std::vector<float> values;  // channels·height·width, row-major per channel
};

struct CnnGradCam {
  int height = 0;  // the last convolution layer's output size
  int width = 0;
  std::vector<float> values;  // height·width, ≥ 0
};

// pixels 0..255 → [0, 1].
std::vector<float> cnn_image_from_bytes(const std::vector<std::uint8_t>& pixels);

// Softmax of the logits (kCnnClassCount values summing to 1).
std::vector<float> cnn_class_probabilities(const nn::Network<float>& network,
                                           const std::vector<float>& image);
// Every layer's output, input side first (the last is the logits).
std::vector<CnnFeatureMap> cnn_feature_maps(const nn::Network<float>& network,
                                            const std::vector<float>& image);
// The first convolution's filters: filters × (channels·K·K) values, filter by filter, each
// row-major over (channel, tap row, tap column). `kernel` and `filters` are set (both 0, and no
// values, when the first layer is not a convolution: an MLP).
std::vector<float> cnn_first_layer_filters(const nn::Network<float>& network, int& filters,
                                           int& kernel);
// |∂logit_c/∂pixel|, height·width values. Preconditions (throw std::invalid_argument): image of
// the network's input size, class_index in [0, output width).
std::vector<float> cnn_saliency(const nn::Network<float>& network, const std::vector<float>& image,
                                int class_index);
CnnGradCam cnn_grad_cam(const nn::Network<float>& network, const std::vector<float>& image,
                        int class_index);

}  // namespace descent

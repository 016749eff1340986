#pragma once
// Activation maximisation for a trained CNN (<descent-cnn>): the input image that a class or a
// filter responds to most, found by gradient ascent on the pixels (Erhan et al. 2009, "Visualizing
// higher-layer features of a deep network"; Simonyan et al. 2013, "Deep inside convolutional
// networks"; Olah et al. 2017, "Feature Visualization", Distill), with the regularisers of Yosinski
// et al. 2015 ("Understanding neural networks through deep visualization").
//
// - Objective a(x): a class's logit (the score before softmax, as Simonyan et al.), or the mean
//   over (y, x) of one filter's output map of one convolution layer, after its activation.
// - Start: x₀ uniform in [0.4, 0.6] per pixel from Rng(derive_seed(seed, 4)): mid-grey, away from
//   the clip bounds, with noise to break the symmetry a constant image would have.
// - One step: g = ∂a/∂x by the network's own backward pass in evaluation mode (as the saliency);
//   x ← (1 − λ)·x + η·g / rms(g), then every blur_every steps a 3×3 binomial blur, then x clipped
//   to the pixel range [0, 1]. The step is normalised by g's RMS so one η suits every class and
//   layer (their gradients differ by orders of magnitude); (1 − λ)·x is the L2 penalty (λ/2)‖x‖²
//   as weight decay, and the blur removes the high-frequency patterns ascent otherwise produces.
//   With g = 0 (a dead ReLU filter) only the decay, blur and clip act.
// - The image is a snapshot of the network at construction: training can go on meanwhile.
// - A steady step allocates nothing (the network copy's caches, the seed gradient and the blur's
//   buffer are kept here).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "descent/nn/network.hpp"

namespace descent {

namespace cnn_detail {
struct Probe;
}

constexpr int kMaxCnnActivationMaxSteps = 5000;
constexpr int kMaxCnnBlurEvery = 1000;

enum class CnnMaximizeTarget { kClass, kFilter };

struct CnnActivationMaxSettings {
  CnnMaximizeTarget target = CnnMaximizeTarget::kClass;
  int class_index = 0;      // kClass: the logit maximised
  int conv_layer = 0;       // kFilter: convolution layers counted from the input, 0-based
  int filter = 0;           // kFilter: the output channel of that layer
  int steps = 200;          // done after this many steps
  double step_size = 0.02;  // η: RMS change of the pixels per step, in (0, 1]
  double l2 = 0.01;         // λ: weight decay of the pixels per step, in [0, 1)
  int blur_every = 4;       // blur after every this many steps; 0 = never
  std::uint64_t seed = 1;
};

// "" when valid for the network: class in [0, output width) or conv layer in [0, convolution
// layers) and filter in [0, its output channels); steps in [1, kMaxCnnActivationMaxSteps], η
// finite in (0, 1], λ finite in [0, 1), blur_every in [0, kMaxCnnBlurEvery]; the network takes one
// grey image (input_image with 1 channel).
std::string validate_cnn_activation_max(const nn::Network<float>& network,
                                        const CnnActivationMaxSettings& settings);

class CnnActivationMaximizer {
 public:
  // Throws std::invalid_argument with validate_cnn_activation_max's message.
  CnnActivationMaximizer(const nn::Network<float>& network,
                         const CnnActivationMaxSettings& settings);
  ~CnnActivationMaximizer();
  CnnActivationMaximizer(const CnnActivationMaximizer&) = delete;
  CnnActivationMaximizer& operator=(const CnnActivationMaximizer&) = delete;

  // Up to `steps` more ascent steps (fewer once settings.steps are done); returns done().
  bool advance(int steps);
  int step() const { return static_cast<int>(objectives_.size()) - 1; }
  bool done() const { return step() >= settings_.steps; }
  const CnnActivationMaxSettings& settings() const { return settings_; }
  int height() const { return height_; }
  int width() const { return width_; }
  // a(x) of the current image, and of every image so far ([0] = the start, then one per step).
  double objective() const { return objectives_.back(); }
  const std::vector<double>& objectives() const { return objectives_; }
  // The current image: height·width values in [0, 1], row-major.
  std::vector<float> image() const;

 private:
  void ascend();
  double evaluate() const;

  CnnActivationMaxSettings settings_;
  int height_ = 0;
  int width_ = 0;
  std::unique_ptr<cnn_detail::Probe> probe_;
  int from_module_ = 0;         // the module whose output the objective reads
  nn::Matrix<float> seed_;      // ∂a/∂(that module's output)
  int map_offset_ = 0;          // kFilter: the filter's first value in the layer's output
  int map_area_ = 1;            // kFilter: its height·width
  std::vector<float> blurred_;  // the blur's row pass
  std::vector<double> objectives_;
};

}  // namespace descent

#pragma once
// Used inside sims/cnn only (not by the bindings): a copy of a CNN's modules run on one image in
// evaluation mode, so their caches hold what backward needs (the trained network's own caches are
// left alone). Shared by the inspection (saliency, Grad-CAM) and activation maximisation.
#include <memory>
#include <vector>

#include "descent/nn/network.hpp"
#include "descent/nn/sequential.hpp"

namespace descent::cnn_detail {

struct Probe {
  std::unique_ptr<nn::Module<float>> owner;
  nn::Sequential<float>* modules = nullptr;
  std::vector<int> layer_output;  // per layer: the index of its activation module
  nn::Matrix<float> input;        // 1 × pixels
};

// Clones the network's modules and runs them on `image`. Throws std::invalid_argument when the
// image is not of the network's input size.
Probe run_probe(const nn::Network<float>& network, const std::vector<float>& image);
// Runs the modules forward again on probe.input (after the caller changed it in place).
void forward_probe(Probe& probe);
// Backpropagates `seed` = ∂s/∂(output of module `from`) through modules from..0; returns ∂s/∂input
// (valid until the next backward) and, when `capture` ≥ 0, copies ∂s/∂(module capture's output)
// into *captured.
const nn::Matrix<float>& backward_from(Probe& probe, int from, const nn::Matrix<float>& seed,
                                       int capture, nn::Matrix<float>* captured);

}  // namespace descent::cnn_detail

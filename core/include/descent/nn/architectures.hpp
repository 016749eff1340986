#pragma once
// Real CNN architectures at their real input sizes, computed layer by layer with the sliding-window
// arithmetic of conv_arithmetic.hpp: each layer's output shape, parameters, multiply-adds and
// receptive field, and the totals the papers and torchvision publish. Nothing is trained or run.
//
// A network is a list of layers on one tensor; where it branches (a ResNet block and its shortcut,
// an Inception module's four paths) the branches start from the same tensor and a join row adds
// them (shapes equal) or concatenates their channels. Batch norm is folded into the convolution it
// follows (kind "conv+bn"): its γ and β count as parameters, as torch counts them, its running
// statistics do not, and it adds no multiply-adds (it folds into the convolution at inference).
// ReLU, dropout and local response normalisation are not rows: no parameters, no multiply-adds, the
// shape unchanged. A dense layer is the convolution whose kernel covers its whole (square) input.
#include <cstdint>
#include <string>
#include <vector>

#include "descent/nn/conv_arithmetic.hpp"

namespace descent::nn {

struct ArchitectureLayer {
  std::string name;  // torchvision's (or the paper's) name, e.g. "layer1.0.conv2", "inception3a"
  std::string kind;  // conv, conv+bn, depthwise+bn, maxpool, avgpool, dense, add, concat
  int channels = 0;  // output shape (C, H, W)
  int height = 0;
  int width = 0;
  std::int64_t parameters = 0;     // weights + biases (+ batch norm's γ and β)
  std::int64_t multiply_adds = 0;  // one image's forward pass (pooling and adds: none)
  // The receptive field of one output, in input pixels (a join's: the union of its branches').
  ReceptiveField field{1, 1, 0, 0.0};
};

struct Architecture {
  std::string id;
  std::string title;
  int channels = 0;  // the input image (C, H, W)
  int height = 0;
  int width = 0;
  std::vector<ArchitectureLayer> layers;  // in order; a block's branches one after the other
  std::int64_t total_parameters = 0;
  std::int64_t total_multiply_adds = 0;
};

struct ArchitectureEntry {
  const char* id;     // lenet5, alexnet, vgg16, resnet18, resnet50, googlenet, mobilenet
  const char* title;  // e.g. "ResNet-50 (2015)"
};
const std::vector<ArchitectureEntry>& architecture_catalog();

// "" for an id of architecture_catalog(), otherwise a message listing them.
std::string validate_architecture_id(const std::string& id);

// The whole table. Throws std::invalid_argument with validate_architecture_id's message.
Architecture architecture_table(const std::string& id);

}  // namespace descent::nn

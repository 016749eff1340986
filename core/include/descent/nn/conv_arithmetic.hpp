#pragma once
// The arithmetic of sliding windows (convolutions and pooling) that the vision lessons quote, as
// pure functions: output size, parameter count, multiply-adds, and the receptive field of a stack.
//
// One axis at a time: a window of `kernel` taps spaced `dilation` apart slides over an input of
// extent W padded by `padding` zeros on each side, `stride` positions per step. It spans
// D·(K − 1) + 1 inputs, so it fits ⌊(W + 2P − D·(K − 1) − 1)/S⌋ + 1 times (torch's Conv2d and
// MaxPool2d formula; with D = 1 it is the seeds' ⌊(W − F + 2P)/S⌋ + 1).
//
// Receptive field of a stack (Dumoulin & Visin 2016; Araujo et al. 2019), in input pixels along one
// axis: every output of layer l sees `size` inputs, neighbouring outputs are `jump` inputs apart,
// and output 0's field starts at input `first` (negative: it reaches into the padding) and is
// centred at `start`. Through a layer with kernel K, stride S, padding P, dilation D:
//   size' = size + D·(K − 1)·jump,  jump' = jump·S,  first' = first − P·jump,
//   start' = first' + (size' − 1)/2,
// starting from the input itself: size 1, jump 1, first 0, start 0 (pixel centres at integers).
#include <cstdint>
#include <string>
#include <vector>

namespace descent::nn {

// One square sliding window: the same on both spatial axes.
struct SlidingWindow {
  int kernel = 1;    // taps per axis (K)
  int stride = 1;    // positions per step (S)
  int padding = 0;   // zeros added on each side (P)
  int dilation = 1;  // spacing of the taps (D; 1 = adjacent)
};

// "" when kernel, stride and dilation are ≥ 1 and padding ≥ 0, otherwise a message starting with
// `owner` (e.g. "conv2d").
std::string validate_sliding_window(const std::string& owner, const SlidingWindow& window);

// D·(K − 1) + 1: the inputs one placement of the window spans.
std::int64_t dilated_kernel_size(const SlidingWindow& window);

// ⌊(W + 2P − D·(K − 1) − 1)/S⌋ + 1, or a value ≤ 0 when the window does not fit even once.
// Precondition: validate_sliding_window accepts the window.
std::int64_t window_output_size(std::int64_t input, const SlidingWindow& window);

// A pooling window on a (channels, height, width) input: "" when the window is valid
// (validate_sliding_window), its padding at most half the span it covers (so every window holds an
// input, as torch requires), the input extents ≥ 1 and the output at least 1×1; otherwise a message
// starting with `owner`.
std::string validate_pool2d(const std::string& owner, const SlidingWindow& window, int channels,
                            int height, int width);

// K·K·(C_in/groups)·C_out weights, plus C_out biases when `bias`. Precondition: groups divides
// C_in and C_out.
std::int64_t convolution_parameter_count(std::int64_t input_channels, std::int64_t output_channels,
                                         int kernel, int groups, bool bias);

// Multiply-adds of one sample's forward pass: each of the H_out·W_out·C_out outputs is a dot
// product of K·K·(C_in/groups) terms. Biases are additions, not counted (the seeds' "FLOPs =
// H_out·W_out·(parameter count)" counts each bias as one more operation).
std::int64_t convolution_multiply_adds(std::int64_t input_channels, std::int64_t output_channels,
                                       int kernel, int groups, std::int64_t output_height,
                                       std::int64_t output_width);

struct ReceptiveField {
  std::int64_t size;   // inputs one output sees along the axis
  std::int64_t jump;   // inputs between neighbouring outputs (the product of the strides)
  std::int64_t first;  // input index where output 0's field begins (< 0: in the padding)
  double start;        // centre of output 0's field, in input pixel coordinates
};

// The field after each layer of the stack, in order (entry l is after layer l), starting from
// `input`: by default the input image itself; another stack's last field continues that stack (a
// network with branches runs each branch from the field where they fork). Throws
// std::invalid_argument when a window is invalid.
std::vector<ReceptiveField> receptive_fields(const std::vector<SlidingWindow>& layers,
                                             const ReceptiveField& input = {1, 1, 0, 0.0});

}  // namespace descent::nn

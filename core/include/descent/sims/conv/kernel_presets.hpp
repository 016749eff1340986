#pragma once
// The classic image-processing kernels the convolution explorer (<descent-conv>) offers, as K×K
// row-major weights for a cross-correlation (what every framework's "convolution" computes):
//   identity    1 at the centre (any odd K)
//   box-blur    1/K² everywhere (any K)
//   gaussian    the binomial row (1 2 1, 1 4 6 4 1, …) times itself, normalised to sum 1 (odd K)
//   sharpen     [0 −1 0; −1 5 −1; 0 −1 0]            (3×3)
//   sobel-x     [−1 0 1; −2 0 2; −1 0 1]: brightness increasing to the right → positive (3×3)
//   sobel-y     [−1 −2 −1; 0 0 0; 1 2 1]: increasing downwards → positive (3×3)
//   laplacian   [0 1 0; 1 −4 1; 0 1 0]               (3×3)
//   emboss      [−2 −1 0; −1 1 1; 0 1 2]             (3×3)
#include <string>
#include <vector>

namespace descent {

const std::vector<std::string>& kernel_preset_names();

// "" when `name` is a preset that exists at size × size, else a message naming the sizes it has.
std::string validate_kernel_preset(const std::string& name, int size);

// size·size weights, row-major. Throws std::invalid_argument when validate_kernel_preset fails.
std::vector<double> kernel_preset(const std::string& name, int size);

}  // namespace descent

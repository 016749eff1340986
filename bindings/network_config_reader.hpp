#pragma once
// createNetwork's config: {inputWidth | inputImage: {channels, height, width}, layers: [{kind?,
// width, activation, alpha?, residual?, batchNorm?, dropout?, kernel?, stride?, padding?,
// dilation?, groups?}], initializer, initializerStddev?, initializerConstant?, seed} read into an
// nn::NetworkConfig and validated by the core; "" or what is wrong, naming the layer.
#include <emscripten/val.h>

#include <string>

#include "descent/nn/network.hpp"

namespace descent::bindings {

std::string read_network_config(const emscripten::val& js, nn::NetworkConfig& config);

}  // namespace descent::bindings

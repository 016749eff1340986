#pragma once
// Builds optimizers by name with validated hyper-parameters.
//
// ids: "sgd", "momentum" (SGD, momentum 0.9), "nesterov" (SGD, Nesterov 0.9),
//      "adagrad", "rmsprop", "adam", "adamw", "lion".
#include <memory>
#include <string>
#include <vector>

#include "descent/optim/hyper_parameters.hpp"
#include "descent/optim/optimizer.hpp"

namespace descent {

struct OptimizerInfo {
  std::string id;
  std::string label;             // e.g. "Adam"
  double default_learning_rate;  // sensible per optimizer: lr 0.01 for SGD ≠ 0.01 for Adam
  std::vector<HyperParameterInfo> hyper_parameters;  // excluding the learning rate
  std::string summary;                               // one line: the update rule in words
};

struct OptimizerSettings {
  std::string id = "adam";
  HyperParameterValues hyper_parameters;  // missing keys take their defaults
};

const std::vector<OptimizerInfo>& optimizer_catalog();

// Empty string when valid, otherwise a message for the user.
std::string validate_optimizer_settings(const OptimizerSettings& settings);

// Precondition: settings valid (throws std::invalid_argument otherwise).
std::unique_ptr<Optimizer> make_optimizer(const OptimizerSettings& settings, int dimension);

}  // namespace descent

#include "descent/optim/optimizer_catalog.hpp"

#include <stdexcept>

#include "descent/math/cold_code.hpp"
#include "descent/math/messages.hpp"
#include "descent/optim/adagrad.hpp"
#include "descent/optim/adam.hpp"
#include "descent/optim/adamw.hpp"
#include "descent/optim/lion.hpp"
#include "descent/optim/rmsprop.hpp"
#include "descent/optim/sgd.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent {
namespace {

// Upper bound for decay rates: 1 itself would freeze an average at its start value.
constexpr double kMaxDecay = 0.999999;

HyperParameterInfo coupled_weight_decay() {
  return real_parameter("weight_decay", "weight decay λ (L2)", 0.0, 0.0, 1.0,
                        "adds λθ to the gradient, pulling every parameter toward 0");
}

HyperParameterInfo decoupled_weight_decay(double default_value) {
  return real_parameter(
      "weight_decay", "weight decay λ (decoupled)", default_value, 0.0, 1.0,
      "shrinks every parameter by the factor (1 − ηλ) each step, apart from the gradient");
}

HyperParameterInfo momentum(double default_value, double min_value) {
  return real_parameter("momentum", "momentum μ", default_value, min_value, kMaxDecay,
                        "fraction of the velocity kept each step: higher ⇒ more inertia");
}

HyperParameterInfo epsilon(double default_value) {
  return log_parameter(
      "eps", "ε", default_value, 1e-12, 1e-1,
      "added to the divisor so a coordinate with tiny gradients cannot take a huge step");
}

HyperParameterInfo adam_beta1() {
  return real_parameter(
      "beta1", "β₁ (momentum decay)", 0.9, 0.0, kMaxDecay,
      "memory of the gradient average m: higher ⇒ smoother, slower-turning steps");
}

HyperParameterInfo adam_beta2() {
  return real_parameter(
      "beta2", "β₂ (scale decay)", 0.999, 0.0, kMaxDecay,
      "memory of the squared-gradient average v: higher ⇒ slower to adapt step sizes");
}

// Default learning rates suit the 2-D demo surfaces (curvatures ~1–100): SGD's step is lr·|g|,
// momentum multiplies it by up to 1/(1 − μ) = 10, Adam's and RMSProp's steps are ≈ lr, and
// Lion's are exactly lr per coordinate (its paper advises 3–10× below Adam's).
std::vector<OptimizerInfo> build_catalog() {
  return {
      {"sgd", "SGD", 0.02, {coupled_weight_decay()}, "steps straight downhill: θ ← θ − η·g"},
      {"momentum",
       "Momentum",
       0.01,
       {momentum(0.9, 0.0),
        real_parameter("dampening", "dampening τ", 0.0, 0.0, 1.0,
                       "fraction of each new gradient left out of the velocity"),
        coupled_weight_decay()},
       "builds a velocity b ← μb + g and steps along it, so steady directions speed up"},
      {"nesterov",
       "Nesterov",
       0.01,
       // torch rejects Nesterov with zero momentum (it would be plain SGD).
       {momentum(0.9, 0.01), coupled_weight_decay()},
       "momentum with a look-ahead: steps along g + μb, braking before it overshoots"},
      {"adagrad",
       "AdaGrad",
       0.5,
       {real_parameter("lr_decay", "learning-rate decay", 0.0, 0.0, 1.0,
                       "divides the step size by 1 + (t−1)·decay at step t"),
        coupled_weight_decay(),
        real_parameter("initial_accumulator_value", "initial G", 0.0, 0.0, 10.0,
                       "starting sum of squared gradients: larger ⇒ smaller first steps"),
        epsilon(1e-10)},
       "divides each coordinate's step by √(sum of its squared gradients), so steps shrink"},
      {"rmsprop",
       "RMSProp",
       0.03,
       {real_parameter("alpha", "α (smoothing)", 0.99, 0.0, kMaxDecay,
                       "memory of the squared-gradient average: higher ⇒ slower to adapt"),
        epsilon(1e-8), coupled_weight_decay(), momentum(0.0, 0.0),
        integer_parameter("centered", "centered", 0.0, 0.0, 1.0,
                          "1: divide by the gradient's variance instead of its mean square")},
       "divides each coordinate's step by √(running average of its squared gradients)"},
      {"adam",
       "Adam",
       0.1,
       {adam_beta1(), adam_beta2(), epsilon(1e-8), coupled_weight_decay()},
       "momentum (average gradient m) scaled per coordinate by 1/√v, bias-corrected early on"},
      {"adamw",
       "AdamW",
       0.1,
       {adam_beta1(), adam_beta2(), epsilon(1e-8), decoupled_weight_decay(0.01)},
       "Adam with weight decay applied to the parameters directly, not through the gradient"},
      {"lion",
       "Lion",
       0.03,
       {real_parameter("beta1", "β₁ (blend)", 0.9, 0.0, kMaxDecay,
                       "weight of the momentum against the current gradient in the step's sign"),
        real_parameter("beta2", "β₂ (momentum decay)", 0.99, 0.0, kMaxDecay,
                       "memory of the momentum m kept between steps"),
        decoupled_weight_decay(0.0)},
       "moves every coordinate by exactly η in the sign of a momentum–gradient blend"},
  };
}

const OptimizerInfo* find_optimizer(const std::string& id) {
  for (const auto& info : optimizer_catalog()) {
    if (info.id == id) return &info;
  }
  return nullptr;
}

std::string list_optimizer_ids() {
  std::string ids;
  for (const auto& info : optimizer_catalog()) ids += (ids.empty() ? "" : ", ") + info.id;
  return ids;
}

}  // namespace

const std::vector<OptimizerInfo>& optimizer_catalog() {
  static const std::vector<OptimizerInfo> catalog = build_catalog();
  return catalog;
}

std::string validate_optimizer_settings(const OptimizerSettings& settings) {
  const OptimizerInfo* info = find_optimizer(settings.id);
  if (info == nullptr) {
    return "unknown optimizer " + quote_value(settings.id) + " (valid: " + list_optimizer_ids() +
           ")";
  }
  HyperParameterValues resolved;
  return resolve_hyper_parameters(info->hyper_parameters, settings.hyper_parameters, resolved,
                                  settings.id);
}

std::unique_ptr<Optimizer> make_optimizer(const OptimizerSettings& settings, int dimension) {
  const std::string message = validate_optimizer_settings(settings);
  if (!message.empty()) throw std::invalid_argument(message);
  HyperParameterValues values;
  resolve_hyper_parameters(find_optimizer(settings.id)->hyper_parameters, settings.hyper_parameters,
                           values, settings.id);
  const std::string& id = settings.id;
  if (id == "sgd" || id == "momentum" || id == "nesterov") {
    Sgd::Params params;
    params.weight_decay = values.at("weight_decay");
    if (id != "sgd") params.momentum = values.at("momentum");
    if (id == "momentum") params.dampening = values.at("dampening");
    params.nesterov = id == "nesterov";
    return std::make_unique<Sgd>(params, dimension);
  }
  if (id == "adagrad") {
    Adagrad::Params params;
    params.lr_decay = values.at("lr_decay");
    params.weight_decay = values.at("weight_decay");
    params.initial_accumulator_value = values.at("initial_accumulator_value");
    params.eps = values.at("eps");
    return std::make_unique<Adagrad>(params, dimension);
  }
  if (id == "rmsprop") {
    Rmsprop::Params params;
    params.alpha = values.at("alpha");
    params.eps = values.at("eps");
    params.weight_decay = values.at("weight_decay");
    params.momentum = values.at("momentum");
    params.centered = values.at("centered") == 1.0;
    return std::make_unique<Rmsprop>(params, dimension);
  }
  if (id == "adam") {
    Adam::Params params;
    params.beta1 = values.at("beta1");
    params.beta2 = values.at("beta2");
    params.eps = values.at("eps");
    params.weight_decay = values.at("weight_decay");
    return std::make_unique<Adam>(params, dimension);
  }
  if (id == "adamw") {
    AdamW::Params params;
    params.beta1 = values.at("beta1");
    params.beta2 = values.at("beta2");
    params.eps = values.at("eps");
    params.weight_decay = values.at("weight_decay");
    return std::make_unique<AdamW>(params, dimension);
  }
  if (id == "lion") {
    Lion::Params params;
    params.beta1 = values.at("beta1");
    params.beta2 = values.at("beta2");
    params.weight_decay = values.at("weight_decay");
    return std::make_unique<Lion>(params, dimension);
  }
  throw std::logic_error("make_optimizer: catalog entry " + quote_value(id) + " has no builder");
}

}  // namespace descent

DESCENT_END_COLD_CODE

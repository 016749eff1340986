#include "descent/sims/regularization/bias_variance.hpp"

#include <stdexcept>

#include "descent/math/messages.hpp"

namespace descent {
namespace {

RegularizationRunConfig with_capacity(const RegularizationRunConfig& base,
                                      const std::string& capacity) {
  RegularizationRunConfig config = base;
  config.capacity = capacity;
  return config;
}

BiasVarianceModel fit_many(const RegularizationRunConfig& config, int sets,
                           const std::vector<double>& true_curve) {
  BiasVarianceModel model;
  model.capacity = config.capacity;
  const std::size_t points = true_curve.size();
  model.mean_curve.assign(points, 0.0);
  for (int set = 0; set < sets; ++set) {
    RegularizationRunConfig one = config;
    one.training_set = set;
    RegularizationRun run(one);
    run.run();
    if (run.stop_kind() == nn::StopKind::kDiverged) ++model.diverged_runs;
    // The kept fit: the best epoch's with early stopping, else the last epoch's.
    const auto first = run.curves().begin() + static_cast<long>(run.kept_epoch() * points);
    model.curves.insert(model.curves.end(), first, first + static_cast<long>(points));
    model.mean_validation_loss += run.validation_loss()[static_cast<std::size_t>(run.kept_epoch())];
  }
  model.mean_validation_loss /= sets;
  for (int set = 0; set < sets; ++set) {
    for (std::size_t i = 0; i < points; ++i) model.mean_curve[i] += model.curves[set * points + i];
  }
  for (double& value : model.mean_curve) value /= sets;
  for (std::size_t i = 0; i < points; ++i) {
    const double miss = model.mean_curve[i] - true_curve[i];
    model.bias_squared += miss * miss;
    for (int set = 0; set < sets; ++set) {
      const double spread = model.curves[set * points + i] - model.mean_curve[i];
      model.variance += spread * spread / sets;
    }
  }
  model.bias_squared /= static_cast<double>(points);
  model.variance /= static_cast<double>(points);
  return model;
}

}  // namespace

std::string validate_bias_variance_config(const BiasVarianceConfig& config) {
  return first_message(
      {validate_regularization_run_config(with_capacity(config.base, config.simple_capacity)),
       validate_regularization_run_config(with_capacity(config.base, config.complex_capacity)),
       check_range("bias-variance", "training sets", config.training_sets, 2,
                   kMaxBiasVarianceSets)});
}

BiasVarianceResult run_bias_variance(const BiasVarianceConfig& config) {
  const std::string message = validate_bias_variance_config(config);
  if (!message.empty()) throw std::invalid_argument(message);
  BiasVarianceResult result;
  {
    // Only for the x grid and the true curve.
    const RegularizationRun grid(with_capacity(config.base, config.simple_capacity));
    result.curve_x = grid.curve_x();
    result.true_curve = grid.true_curve();
  }
  result.simple = fit_many(with_capacity(config.base, config.simple_capacity), config.training_sets,
                           result.true_curve);
  result.complex = fit_many(with_capacity(config.base, config.complex_capacity),
                            config.training_sets, result.true_curve);
  return result;
}

}  // namespace descent

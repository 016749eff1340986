#include "descent/nn/perceptron.hpp"

#include <cmath>
#include <stdexcept>

#include "descent/data/shuffle.hpp"
#include "descent/math/messages.hpp"
#include "descent/math/rng.hpp"

namespace descent::nn {

std::string validate_perceptron(const PerceptronConfig& config, const Dataset& data) {
  const bool positive_rate = std::isfinite(config.learning_rate) && config.learning_rate > 0.0;
  std::string message =
      first_message({check_range("perceptron", "epochs", config.epochs, 1, kMaxPerceptronEpochs),
                     positive_rate ? ""
                                   : "perceptron: learning_rate must be a finite number > 0, got " +
                                         format_number(config.learning_rate)});
  if (!message.empty()) return message;
  message = validate_dataset(data);
  if (!message.empty()) return "perceptron: " + message;
  if (data.size() < 1) return "perceptron: the data set has no samples";
  if (data.class_count != 2) {
    return "perceptron: needs two-class data (labels 0 and 1), got " +
           std::to_string(data.class_count) + " classes";
  }
  return "";
}

std::vector<int> perceptron_predict(const PerceptronResult& perceptron,
                                    const Eigen::MatrixXd& inputs) {
  const Eigen::VectorXd scores = (inputs * perceptron.weights).array() + perceptron.bias;
  std::vector<int> predictions(static_cast<size_t>(scores.size()));
  for (Eigen::Index i = 0; i < scores.size(); ++i) {
    predictions[static_cast<size_t>(i)] = scores[i] > 0.0 ? 1 : 0;
  }
  return predictions;
}

PerceptronResult train_perceptron(const PerceptronConfig& config, const Dataset& data) {
  const std::string message = validate_perceptron(config, data);
  if (!message.empty()) throw std::invalid_argument(message);
  PerceptronResult result;
  result.weights = Eigen::VectorXd::Zero(data.feature_count());
  Rng rng(config.seed);
  std::vector<int> order(static_cast<size_t>(data.size()));
  for (int i = 0; i < data.size(); ++i) order[static_cast<size_t>(i)] = i;
  for (int epoch = 0; epoch < config.epochs && !result.converged; ++epoch) {
    if (config.shuffle) order = shuffled_indices(data.size(), rng);
    int errors = 0;
    for (const int sample : order) {
      const auto x = data.inputs.row(sample).transpose();
      const int predicted = x.dot(result.weights) + result.bias > 0.0 ? 1 : 0;
      const int error = data.labels[static_cast<size_t>(sample)] - predicted;
      if (error == 0) continue;
      ++errors;
      result.weights += config.learning_rate * error * x;
      result.bias += config.learning_rate * error;
    }
    result.errors_per_epoch.push_back(errors);
    result.converged = errors == 0;
  }
  return result;
}

}  // namespace descent::nn

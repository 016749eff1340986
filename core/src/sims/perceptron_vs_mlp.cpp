#include "descent/sims/perceptron_vs_mlp.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "descent/math/messages.hpp"
#include "descent/nn/network.hpp"
#include "descent/nn/perceptron.hpp"
#include "descent/nn/trainer.hpp"

namespace descent {
namespace {

constexpr char kOwner[] = "perceptron vs MLP";

// The gate's output for the corners (0,0), (0,1), (1,0), (1,1).
std::vector<int> gate_labels(const std::string& name) {
  if (name == "xor") return {0, 1, 1, 0};
  if (name == "and") return {0, 0, 0, 1};
  if (name == "or") return {0, 1, 1, 1};
  return {1, 1, 1, 0};  // nand
}

nn::NetworkConfig mlp_config(std::uint64_t seed) {
  nn::NetworkConfig config;
  config.input_width = 2;
  config.layers = {nn::LayerSpec{kMlpHiddenUnits, nn::ActivationKind::kTanh},
                   nn::LayerSpec{1, nn::ActivationKind::kLinear}};  // a logit: BCE takes logits
  config.initializer.kind = nn::InitKind::kXavierUniform;
  config.seed = seed;
  return config;
}

double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

void record_perceptron_state(const Dataset& data, const Eigen::Vector2d& weights, double bias,
                             PerceptronVsMlpRun& run) {
  run.perceptron_w1.push_back(weights[0]);
  run.perceptron_w2.push_back(weights[1]);
  run.perceptron_bias.push_back(bias);
  nn::PerceptronResult line;
  line.weights = weights;
  line.bias = bias;
  for (const int predicted : nn::perceptron_predict(line, data.inputs)) {
    run.perceptron_predictions.push_back(predicted);
  }
}

// Replays nn::train_perceptron's rule (fixed order, from w = 0, b = 0) for `epochs` epochs,
// recording the start and the line after each epoch.
void replay_perceptron_lines(const Dataset& data, double learning_rate, int epochs,
                             PerceptronVsMlpRun& run) {
  Eigen::Vector2d weights = Eigen::Vector2d::Zero();
  double bias = 0.0;
  record_perceptron_state(data, weights, bias, run);
  for (int epoch = 0; epoch < epochs; ++epoch) {
    for (int sample = 0; sample < data.size(); ++sample) {
      const Eigen::Vector2d x = data.inputs.row(sample).transpose();
      const int predicted = x.dot(weights) + bias > 0.0 ? 1 : 0;
      const int error = data.labels[static_cast<size_t>(sample)] - predicted;
      if (error == 0) continue;
      weights += learning_rate * error * x;
      bias += learning_rate * error;
    }
    record_perceptron_state(data, weights, bias, run);
  }
}

void record_mlp_state(const nn::Network<double>& network, const Dataset& data,
                      PerceptronVsMlpRun& run) {
  const Eigen::VectorXd parameters = network.get_parameters();
  run.mlp_parameters.insert(run.mlp_parameters.end(), parameters.data(),
                            parameters.data() + parameters.size());
  const Eigen::MatrixXd logits = network.predict(data.inputs);
  for (Eigen::Index i = 0; i < logits.rows(); ++i) {
    run.mlp_point_probability.push_back(sigmoid(logits(i, 0)));
  }
}

}  // namespace

const std::vector<std::string>& logic_dataset_names() {
  static const std::vector<std::string> names = {"xor", "and", "or", "nand"};
  return names;
}

std::string make_logic_dataset(const std::string& name, Dataset& data) {
  const auto& names = logic_dataset_names();
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    std::string valid;
    for (const auto& known : names) valid += (valid.empty() ? "" : ", ") + known;
    return std::string(kOwner) + ": dataset must be one of " + valid + ", got \"" +
           shorten_text(name) + "\"";
  }
  Dataset result;
  result.inputs.resize(4, 2);
  result.inputs << 0, 0, 0, 1, 1, 0, 1, 1;
  result.labels = gate_labels(name);
  result.class_count = 2;
  result.targets = one_hot(result.labels, 2);
  result.feature_names = {"x1", "x2"};
  result.description = "the truth table of " + name + " on the corners of the unit square";
  data = std::move(result);
  return "";
}

std::string validate_perceptron_vs_mlp(const PerceptronVsMlpConfig& config) {
  Dataset data;
  if (auto message = make_logic_dataset(config.dataset, data); !message.empty()) return message;
  return first_message(
      {check_range(kOwner, "epochs", config.epochs, kMinPerceptronVsMlpEpochs,
                   kMaxPerceptronVsMlpEpochs),
       check_range(kOwner, "learning_rate", config.learning_rate, kMinPerceptronVsMlpLearningRate,
                   kMaxPerceptronVsMlpLearningRate),
       check_range(kOwner, "field_resolution", config.field_resolution,
                   kMinPerceptronFieldResolution, kMaxPerceptronFieldResolution)});
}

PerceptronVsMlpRun run_perceptron_vs_mlp(const PerceptronVsMlpConfig& config) {
  const std::string message = validate_perceptron_vs_mlp(config);
  if (!message.empty()) throw std::invalid_argument(message);
  PerceptronVsMlpRun run;
  make_logic_dataset(config.dataset, run.data);

  nn::PerceptronConfig perceptron_config;
  perceptron_config.epochs = config.epochs;
  perceptron_config.learning_rate = config.learning_rate;
  const nn::PerceptronResult perceptron = nn::train_perceptron(perceptron_config, run.data);
  run.perceptron_errors = perceptron.errors_per_epoch;
  run.perceptron_converged = perceptron.converged;
  if (perceptron.converged)
    run.perceptron_epochs_to_converge = static_cast<int>(perceptron.errors_per_epoch.size());
  replay_perceptron_lines(run.data, config.learning_rate,
                          static_cast<int>(perceptron.errors_per_epoch.size()), run);

  nn::Network<double> network(mlp_config(config.seed));
  nn::TrainerConfig trainer_config;
  trainer_config.epochs = config.epochs;
  trainer_config.batch_size = 1;
  trainer_config.shuffle = false;
  trainer_config.optimizer.id = "sgd";
  trainer_config.learning_rate = config.learning_rate;
  trainer_config.loss.kind = nn::LossKind::kBinaryCrossEntropy;
  nn::Trainer<double> trainer(network, trainer_config, run.data, nullptr);
  record_mlp_state(network, run.data, run);
  while (!trainer.finished()) {
    const int completed = trainer.epochs_completed();
    trainer.run_epoch();
    // A diverged epoch is not completed: the trainer restores the last completed one's weights.
    if (trainer.epochs_completed() > completed) record_mlp_state(network, run.data, run);
  }
  run.mlp_stop_reason = trainer.stop_reason();
  run.mlp_loss = trainer.history().train_loss;
  run.mlp_accuracy = trainer.history().train_accuracy;
  for (size_t e = 0; e < run.mlp_accuracy.size(); ++e) {
    if (run.mlp_accuracy[e] == 1.0) {
      run.mlp_epochs_to_solve = static_cast<int>(e) + 1;
      break;
    }
  }
  const std::vector<double> last(run.mlp_parameters.end() - kMlpParameterCount,
                                 run.mlp_parameters.end());
  run.mlp_field = mlp_logic_field(last, config.field_resolution);
  return run;
}

std::string validate_logic_field(const std::vector<double>& parameters, int resolution) {
  if (static_cast<int>(parameters.size()) != kMlpParameterCount) {
    return std::string(kOwner) + ": the 2-2-1 MLP has " + std::to_string(kMlpParameterCount) +
           " parameters, got " + std::to_string(parameters.size());
  }
  for (const double value : parameters) {
    if (!std::isfinite(value)) return std::string(kOwner) + ": parameters must be finite";
  }
  return check_range(kOwner, "resolution", resolution, kMinPerceptronFieldResolution,
                     kMaxPerceptronFieldResolution);
}

LogicField mlp_logic_field(const std::vector<double>& parameters, int resolution) {
  const std::string message = validate_logic_field(parameters, resolution);
  if (!message.empty()) throw std::invalid_argument(message);
  nn::Network<double> network(mlp_config(0));
  network.set_parameters(Eigen::Map<const Eigen::VectorXd>(parameters.data(), kMlpParameterCount));
  const double cell = (kLogicViewMax - kLogicViewMin) / resolution;
  Eigen::MatrixXd points(static_cast<Eigen::Index>(resolution) * resolution, 2);
  for (int row = 0; row < resolution; ++row) {
    for (int col = 0; col < resolution; ++col) {
      const Eigen::Index i = static_cast<Eigen::Index>(row) * resolution + col;
      points(i, 0) = kLogicViewMin + (col + 0.5) * cell;  // cell centres
      points(i, 1) = kLogicViewMax - (row + 0.5) * cell;
    }
  }
  const Eigen::MatrixXd logits = network.predict(points);
  LogicField field;
  field.resolution = resolution;
  field.probability.resize(static_cast<size_t>(logits.rows()));
  for (Eigen::Index i = 0; i < logits.rows(); ++i) {
    field.probability[static_cast<size_t>(i)] = sigmoid(logits(i, 0));
  }
  return field;
}

}  // namespace descent

#include "descent/sims/playground.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "descent/data/classification_2d.hpp"
#include "descent/data/feature_map.hpp"
#include "descent/data/split.hpp"
#include "descent/math/cold_code.hpp"
#include "descent/math/messages.hpp"
#include "descent/math/rng.hpp"

namespace descent {

namespace {

constexpr std::uint64_t kDataStream = 0;
constexpr std::uint64_t kSplitStream = 1;
constexpr std::uint64_t kWeightStream = 2;
constexpr std::uint64_t kShuffleStream = 3;
constexpr double kViewMargin = 0.15;  // of the data's larger extent, on each side

// Everything a valid config turns into before any training: data, features, network and trainer
// settings. Shared by validation and construction, so both judge exactly the same objects.
struct PlaygroundParts {
  std::vector<int> feature_indices;
  Dataset train_points, test_points;
  Dataset train_features, test_features;
  nn::NetworkConfig network;
  nn::TrainerConfig trainer;
};

int output_width(const nn::Loss& loss, int class_count) {
  if (loss.kind == nn::LossKind::kCrossEntropy) return class_count;
  return class_count == 2 ? 1 : class_count;
}

Dataset with_features(const Dataset& points, const std::vector<int>& indices) {
  Dataset mapped = points;
  mapped.inputs = map_features(points.inputs, indices);
  mapped.feature_names.clear();
  for (int index : indices) mapped.feature_names.push_back(feature_catalog()[index].id);
  return mapped;
}

std::string generated_points(const PlaygroundConfig& config, Dataset& points) {
  Rng data_rng(derive_seed(config.seed, kDataStream));
  return make_classification_dataset(config.dataset, config.points, config.noise, data_rng, points,
                                     config.class_count);
}

// Set-up, once per run: optimised for size (cold_code.hpp).
DESCENT_BEGIN_COLD_CODE
std::string build_parts(const PlaygroundConfig& config, PlaygroundParts& parts) {
  if (config.dataset != kPlaygroundCsvDataset &&
      (config.points < kMinPlaygroundPoints || config.points > kMaxPlaygroundPoints)) {
    return "points must be between " + std::to_string(kMinPlaygroundPoints) + " and " +
           std::to_string(kMaxPlaygroundPoints);
  }
  if (!(config.train_fraction >= 0.1 && config.train_fraction <= 0.9)) {
    return "the training share must be between 10% and 90%";
  }
  if (config.hidden_widths.size() > static_cast<std::size_t>(kMaxPlaygroundHiddenLayers)) {
    return "at most " + std::to_string(kMaxPlaygroundHiddenLayers) + " hidden layers";
  }
  for (std::size_t l = 0; l < config.hidden_widths.size(); ++l) {
    const int width = config.hidden_widths[l];
    if (width < 1 || width > kMaxPlaygroundNeurons) {
      return "hidden layer " + std::to_string(l + 1) + " must have 1 to " +
             std::to_string(kMaxPlaygroundNeurons) + " neurons";
    }
  }
  if (!(config.learning_rate > 0 && config.learning_rate <= kMaxPlaygroundLearningRate)) {
    return "the learning rate must be above 0 and at most " +
           std::to_string(static_cast<int>(kMaxPlaygroundLearningRate));
  }
  if (config.max_epochs < 1 || config.max_epochs > nn::kMaxEpochs) {
    return "the epoch limit must be between 1 and " + std::to_string(nn::kMaxEpochs);
  }
  if (!(config.target_loss >= 0 && std::isfinite(config.target_loss))) {
    return "the target loss must be a number ≥ 0 (0: no target)";
  }
  for (int resolution : {config.boundary_resolution, config.thumbnail_resolution}) {
    if (resolution < kMinPlaygroundGrid || resolution > kMaxPlaygroundGrid) {
      return "grid resolutions must be between " + std::to_string(kMinPlaygroundGrid) + " and " +
             std::to_string(kMaxPlaygroundGrid);
    }
  }
  if (auto m = resolve_features(config.features, parts.feature_indices); !m.empty()) return m;

  nn::Loss loss;
  if (auto m = nn::loss_from_name(config.loss, loss); !m.empty()) return m;
  if (loss.kind != nn::LossKind::kBinaryCrossEntropy && loss.kind != nn::LossKind::kCrossEntropy &&
      loss.kind != nn::LossKind::kMse) {
    return "loss must be binary_cross_entropy, cross_entropy or mse";
  }
  nn::Activation activation;
  if (auto m = nn::activation_from_name(config.activation, activation); !m.empty()) return m;
  if (activation.kind == nn::ActivationKind::kSoftmax)
    return "softmax is an output activation only";

  Dataset points;
  if (auto m = config.dataset == kPlaygroundCsvDataset ? playground_csv_dataset(config.csv, points)
                                                       : generated_points(config, points);
      !m.empty()) {
    return m;
  }
  if (loss.kind == nn::LossKind::kBinaryCrossEntropy && points.class_count != 2) {
    return "binary cross-entropy needs two classes: use cross_entropy (softmax) for " +
           std::to_string(points.class_count) + " classes";
  }
  SplitOptions split;
  split.train_fraction = config.train_fraction;
  split.validation_fraction =
      1.0 - config.train_fraction;  // the trainer's "validation" is our test
  split.test_fraction = 0.0;
  Rng split_rng(derive_seed(config.seed, kSplitStream));
  DatasetSplit parts_split;
  if (auto m = split_dataset(points, split, split_rng, parts_split); !m.empty()) return m;
  if (config.added_points.size() > static_cast<std::size_t>(kMaxPlaygroundAddedPoints)) {
    return "at most " + std::to_string(kMaxPlaygroundAddedPoints) + " added points";
  }
  std::vector<int> added_labels;
  for (std::size_t i = 0; i < config.added_points.size(); ++i) {
    const PlaygroundPoint& point = config.added_points[i];
    if (!(std::abs(point.x1) <= kMaxPlaygroundCoordinate &&
          std::abs(point.x2) <= kMaxPlaygroundCoordinate)) {
      return "added point " + std::to_string(i + 1) + " lies outside [-10, 10]²";
    }
    if (point.label < 0 || point.label >= points.class_count) {
      return "added point " + std::to_string(i + 1) + " has class " + std::to_string(point.label) +
             ", but the data set has classes 0 to " + std::to_string(points.class_count - 1);
    }
    added_labels.push_back(point.label);
  }
  parts.train_points = std::move(parts_split.train);
  if (!config.added_points.empty()) {
    Dataset& train = parts.train_points;
    const Eigen::Index old_rows = train.inputs.rows();
    const Eigen::Index added = static_cast<Eigen::Index>(config.added_points.size());
    train.inputs.conservativeResize(old_rows + added, Eigen::NoChange);
    for (Eigen::Index i = 0; i < added; ++i) {
      train.inputs(old_rows + i, 0) = config.added_points[static_cast<std::size_t>(i)].x1;
      train.inputs(old_rows + i, 1) = config.added_points[static_cast<std::size_t>(i)].x2;
    }
    train.labels.insert(train.labels.end(), added_labels.begin(), added_labels.end());
    train.targets = one_hot(train.labels, train.class_count);
  }
  parts.test_points = std::move(parts_split.validation);
  parts.train_features = with_features(parts.train_points, parts.feature_indices);
  parts.test_features = with_features(parts.test_points, parts.feature_indices);

  parts.network.input_width = static_cast<int>(parts.feature_indices.size());
  parts.network.seed = derive_seed(config.seed, kWeightStream);
  if (auto m = nn::initializer_from_name(config.initializer, parts.network.initializer);
      !m.empty()) {
    return m;
  }
  for (int width : config.hidden_widths) {
    nn::LayerSpec spec;
    spec.width = width;
    spec.activation = activation;
    spec.batch_norm = config.batch_norm;
    spec.dropout_rate = config.dropout_rate;
    parts.network.layers.push_back(spec);
  }
  nn::LayerSpec output;  // linear: the losses take logits (mse takes the output as it is)
  output.width = output_width(loss, points.class_count);
  parts.network.layers.push_back(output);
  if (auto m = nn::validate_network_config(parts.network); !m.empty()) return m;

  nn::TrainerConfig& trainer = parts.trainer;
  trainer.epochs = config.max_epochs;
  trainer.batch_size = config.batch_size;
  trainer.optimizer = config.optimizer;
  trainer.learning_rate = config.learning_rate;
  trainer.schedule.id = config.schedule;
  trainer.regularization.l1 = config.l1;
  trainer.regularization.l2 = config.l2;
  trainer.loss = loss;
  trainer.seed = derive_seed(config.seed, kShuffleStream);
  if (auto m = nn::validate_trainer_config(trainer); !m.empty()) return m;
  const nn::Network<float> network(parts.network);
  return nn::Trainer<float>::validate(network, trainer, parts.train_features, &parts.test_features);
}
DESCENT_END_COLD_CODE

// P(class) per row for the loss's output convention (see playground.hpp), as class + confidence.
void classify_outputs(const nn::Matrix<float>& outputs, nn::LossKind loss,
                      std::vector<std::uint8_t>& classes, std::vector<float>& confidence) {
  const Eigen::Index rows = outputs.rows();
  classes.resize(static_cast<std::size_t>(rows));
  confidence.resize(static_cast<std::size_t>(rows));
  for (Eigen::Index i = 0; i < rows; ++i) {
    float p_best = 0;
    int best = 0;
    if (outputs.cols() == 1) {
      const float o = outputs(i, 0);
      const float p1 = loss == nn::LossKind::kBinaryCrossEntropy ? 1.0f / (1.0f + std::exp(-o))
                                                                 : std::clamp(o, 0.0f, 1.0f);
      best = p1 > 0.5f ? 1 : 0;
      p_best = best == 1 ? p1 : 1.0f - p1;
    } else {
      Eigen::Index arg = 0;
      const float top = outputs.row(i).maxCoeff(&arg);
      best = static_cast<int>(arg);
      if (loss == nn::LossKind::kCrossEntropy) {
        p_best = 1.0f / (outputs.row(i).array() - top).exp().sum();  // softmax of the largest logit
      } else {
        p_best = std::clamp(top, 0.0f, 1.0f);
      }
    }
    classes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(best);
    confidence[static_cast<std::size_t>(i)] = p_best;
  }
}

}  // namespace

std::string validate_playground_config(const PlaygroundConfig& config) {
  PlaygroundParts parts;
  return build_parts(config, parts);
}

Playground::Playground(const PlaygroundConfig& config) : config_(config) {
  PlaygroundParts parts;
  if (auto m = build_parts(config, parts); !m.empty()) throw std::invalid_argument(m);
  feature_indices_ = parts.feature_indices;
  train_points_ = std::move(parts.train_points);
  test_points_ = std::move(parts.test_points);
  double lo_x =
      std::min(train_points_.inputs.col(0).minCoeff(), test_points_.inputs.col(0).minCoeff());
  double hi_x =
      std::max(train_points_.inputs.col(0).maxCoeff(), test_points_.inputs.col(0).maxCoeff());
  double lo_y =
      std::min(train_points_.inputs.col(1).minCoeff(), test_points_.inputs.col(1).minCoeff());
  double hi_y =
      std::max(train_points_.inputs.col(1).maxCoeff(), test_points_.inputs.col(1).maxCoeff());
  const double half = 0.5 * std::max(hi_x - lo_x, hi_y - lo_y) * (1.0 + 2.0 * kViewMargin) + 1e-9;
  const double cx = 0.5 * (lo_x + hi_x), cy = 0.5 * (lo_y + hi_y);
  view_ = {cx - half, cx + half, cy - half, cy + half};
  network_ = std::make_unique<nn::Network<float>>(parts.network);
  trainer_ = std::make_unique<nn::Trainer<float>>(*network_, parts.trainer, parts.train_features,
                                                  &parts.test_features);
  loss_kind_ = parts.trainer.loss.kind;
}

int Playground::advance(int epochs) {
  int run = 0;
  while (run < epochs && !finished()) {
    trainer_->run_epoch();
    ++run;
    const auto& losses = trainer_->history().train_loss;
    if (config_.target_loss > 0 && !losses.empty() && losses.back() <= config_.target_loss) {
      reached_target_ = true;
    }
  }
  return run;
}

bool Playground::finished() const { return reached_target_ || trainer_->finished(); }

std::string Playground::stop_reason() const {
  if (trainer_->stop_kind() == nn::StopKind::kDiverged) return trainer_->stop_reason();
  if (reached_target_) {
    return "reached the target loss " + std::to_string(config_.target_loss) + " at epoch " +
           std::to_string(trainer_->epochs_completed());
  }
  if (trainer_->finished()) return "completed " + std::to_string(config_.max_epochs) + " epochs";
  return "";
}

Eigen::MatrixXd Playground::grid_points(int resolution) const {
  Eigen::MatrixXd points(static_cast<Eigen::Index>(resolution) * resolution, 2);
  const double dx = (view_.x_max - view_.x_min) / resolution;
  const double dy = (view_.y_max - view_.y_min) / resolution;
  for (int row = 0; row < resolution; ++row) {
    for (int col = 0; col < resolution; ++col) {
      const Eigen::Index i = static_cast<Eigen::Index>(row) * resolution + col;
      points(i, 0) = view_.x_min + (col + 0.5) * dx;  // cell centres
      points(i, 1) = view_.y_max - (row + 0.5) * dy;
    }
  }
  return points;
}

std::vector<int> Playground::predicted_classes(const Eigen::MatrixXd& points) const {
  const nn::Matrix<float> outputs =
      network_->predict(map_features(points, feature_indices_).cast<float>());
  std::vector<std::uint8_t> classes;
  std::vector<float> confidence;
  classify_outputs(outputs, loss_kind_, classes, confidence);
  return std::vector<int>(classes.begin(), classes.end());
}

std::vector<int> Playground::confusion_matrix(bool test) const {
  const Dataset& data = test ? test_points_ : train_points_;
  const int k = data.class_count;
  std::vector<int> counts(static_cast<std::size_t>(k) * k, 0);
  const std::vector<int> predicted = predicted_classes(data.inputs);
  for (std::size_t i = 0; i < predicted.size(); ++i) {
    ++counts[static_cast<std::size_t>(data.labels[i]) * k + predicted[i]];
  }
  return counts;
}

double Playground::accuracy(bool test) const {
  const Dataset& data = test ? test_points_ : train_points_;
  const std::vector<int> predicted = predicted_classes(data.inputs);
  int right = 0;
  for (std::size_t i = 0; i < predicted.size(); ++i) right += predicted[i] == data.labels[i];
  return static_cast<double>(right) / static_cast<double>(predicted.size());
}

std::string Playground::validate_parameter_edit(int index, double value) const {
  const int count = network_->parameter_count();
  if (index < 0 || index >= count) {
    return "parameter " + std::to_string(index) + " does not exist: the network has " +
           std::to_string(count) + " (0 to " + std::to_string(count - 1) + ")";
  }
  if (!(std::isfinite(value) && std::abs(value) <= kMaxPlaygroundEditedParameter)) {
    return "a weight or bias must be a number between -100 and 100";
  }
  return "";
}

void Playground::set_parameter(int index, double value) {
  if (auto m = validate_parameter_edit(index, value); !m.empty()) throw std::invalid_argument(m);
  // The trainer's own θ, so that every other weight keeps its full precision.
  Eigen::VectorXd parameters = trainer_->parameters();
  parameters[index] = value;
  trainer_->set_parameters(parameters);
}

double Playground::parameter(int index) const {
  if (index < 0 || index >= network_->parameter_count()) {
    throw std::out_of_range("parameter " + std::to_string(index) + " does not exist");
  }
  return static_cast<double>(network_->get_parameters()[index]);
}

std::string Playground::validate_weight_layer(int layer) const {
  const int weight_layers = static_cast<int>(layer_widths().size()) - 1;
  if (layer < 0 || layer >= weight_layers) {
    return "layer " + std::to_string(layer) + " does not exist: weight layers are 0 to " +
           std::to_string(weight_layers - 1);
  }
  return "";
}

// Messages name the weight layer, as the caller addressed it; "units" are those of its output
// column (layer + 1).
std::string Playground::validate_link(int layer, int from, int to) const {
  if (auto m = validate_weight_layer(layer); !m.empty()) return m;
  const int fan_in = layer_widths()[static_cast<std::size_t>(layer)];
  if (from < 0 || from >= fan_in) {
    return "layer " + std::to_string(layer) + " has inputs 0 to " + std::to_string(fan_in - 1) +
           ", not " + std::to_string(from);
  }
  return validate_bias(layer, to);
}

std::string Playground::validate_bias(int layer, int unit) const {
  if (auto m = validate_weight_layer(layer); !m.empty()) return m;
  const int fan_out = layer_widths()[static_cast<std::size_t>(layer) + 1];
  if (unit < 0 || unit >= fan_out) {
    return "layer " + std::to_string(layer) + " has units 0 to " + std::to_string(fan_out - 1) +
           ", not " + std::to_string(unit);
  }
  return "";
}

int Playground::layer_parameter_offset(int layer) const {
  const std::vector<int> widths = layer_widths();
  int offset = 0;  // network.hpp order: per layer W row by row, b, then batch norm's γ and β
  for (int l = 0; l < layer; ++l) {
    const int fan_out = widths[static_cast<std::size_t>(l) + 1];
    offset += widths[static_cast<std::size_t>(l)] * fan_out + fan_out;
    if (network_->batch_norm(l)) offset += 2 * fan_out;
  }
  return offset;
}

int Playground::link_parameter_index(int layer, int from, int to) const {
  if (auto m = validate_link(layer, from, to); !m.empty()) throw std::invalid_argument(m);
  return layer_parameter_offset(layer) +
         from * layer_widths()[static_cast<std::size_t>(layer) + 1] + to;
}

int Playground::bias_parameter_index(int layer, int unit) const {
  if (auto m = validate_bias(layer, unit); !m.empty()) throw std::invalid_argument(m);
  const std::vector<int> widths = layer_widths();
  const int weights =
      widths[static_cast<std::size_t>(layer)] * widths[static_cast<std::size_t>(layer) + 1];
  return layer_parameter_offset(layer) + weights + unit;  // b follows the layer's W
}

std::vector<int> Playground::layer_widths() const {
  std::vector<int> widths = {network_->input_width()};
  for (const auto& spec : network_->config().layers) widths.push_back(spec.width);
  return widths;
}

int Playground::thumbnail_units() const {
  int units = network_->input_width();
  for (int width : config_.hidden_widths) units += width;
  return units;
}

PlaygroundFrame Playground::frame() const {
  PlaygroundFrame frame;
  const nn::TrainingHistory& history = trainer_->history();
  frame.epoch = trainer_->epochs_completed();
  frame.train_loss = history.train_loss;
  frame.test_loss = history.validation_loss;
  frame.train_accuracy = history.train_accuracy;
  frame.test_accuracy = history.validation_accuracy;

  const nn::Matrix<float> field_inputs =
      map_features(grid_points(config_.boundary_resolution), feature_indices_).cast<float>();
  classify_outputs(network_->predict(field_inputs), loss_kind_, frame.boundary_class,
                   frame.boundary_confidence);

  // Each unit's picture: the input features, then a forward pass in evaluation mode (as predict)
  // keeping every hidden layer's output.
  const int cells = config_.thumbnail_resolution * config_.thumbnail_resolution;
  frame.thumbnails.reserve(static_cast<std::size_t>(thumbnail_units()) * cells);
  nn::Matrix<float> activations =
      map_features(grid_points(config_.thumbnail_resolution), feature_indices_).cast<float>();
  const auto append = [&](const nn::Matrix<float>& values) {
    for (Eigen::Index unit = 0; unit < values.cols(); ++unit) {
      for (Eigen::Index cell = 0; cell < values.rows(); ++cell) {
        frame.thumbnails.push_back(values(cell, unit));
      }
    }
  };
  append(activations);
  const auto& specs = network_->config().layers;
  for (std::size_t l = 0; l + 1 < specs.size(); ++l) {
    const int index = static_cast<int>(l);
    nn::Matrix<float> output = network_->layer(index).apply(activations);
    if (const auto* norm = network_->batch_norm(index)) output = norm->apply(output);
    output = network_->activation_layer(index).apply(output);
    if (specs[l].residual) output += activations;
    activations = std::move(output);
    append(activations);
  }

  const nn::Vector<float> parameters = network_->get_parameters();
  frame.parameters.assign(parameters.data(), parameters.data() + parameters.size());
  return frame;
}

}  // namespace descent

#pragma once
// The simulation behind <descent-playground>, a classifier playground in the spirit of TensorFlow
// Playground: a 2-D classification data set (data/classification_2d.hpp), split into training and
// test points, mapped to the chosen input features (data/feature_map.hpp) and learned by a network
// trained epoch by epoch (nn/trainer.hpp). One advance() call runs the epochs of one animation
// frame; frame() then reads everything the widget draws at once: the per-epoch curves, the
// decision field over a square grid, every hidden unit's activation over a smaller grid, and the
// weights.
//
// Output layer and loss:
// - "binary_cross_entropy": one logit, two classes only; P(class 1) = σ(logit).
// - "cross_entropy": one logit per class, softmax probabilities (any class count).
// - "mse": two classes: one output regressing the 0/1 label, P(class 1) = output clamped to [0, 1];
//   more classes: one output per class regressing the one-hot row, the class the largest output.
// The decision field holds, per cell, the predicted class and the probability the model gives it
// (for mse the clamped output, not a probability: still what the colour shows).
//
// Seeds: the data from derive_seed(seed, 0), the split from derive_seed(seed, 1), the weights from
// derive_seed(seed, 2), the mini-batch shuffling from derive_seed(seed, 3) — so a new network seed
// is not needed to regenerate the data: change `seed`, everything changes together.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "descent/data/dataset.hpp"
#include "descent/nn/network.hpp"
#include "descent/nn/trainer.hpp"

namespace descent {

constexpr int kMinPlaygroundPoints = 10;
constexpr int kMaxPlaygroundPoints = 2000;
constexpr int kMaxPlaygroundHiddenLayers = 10;  // TensorFlow Playground stops at 6
constexpr int kMaxPlaygroundNeurons = 32;       // per hidden layer; TensorFlow Playground: 8
constexpr int kMinPlaygroundGrid = 4;
constexpr int kMaxPlaygroundGrid = 200;
constexpr double kMaxPlaygroundLearningRate = 10.0;

constexpr double kMaxPlaygroundEditedParameter = 100.0;  // |value| of a weight or bias set by hand

constexpr int kMaxPlaygroundAddedPoints = 500;
constexpr double kMaxPlaygroundCoordinate = 10.0;  // |x1|, |x2| of an added point

struct PlaygroundPoint {
  double x1 = 0, x2 = 0;
  int label = 0;  // class index in [0, class count)
};

// dataset "csv": the learner's own points from CSV text (data/csv_import.hpp format) with exactly
// two feature columns (x₁, x₂ in header order) and the class column last; classes are the distinct
// texts of that column, except that labels 0 … k−1 keep their numbers (so "1" is always class 1).
constexpr int kMinPlaygroundCsvRows = 4;
const char* const kPlaygroundCsvDataset = "csv";

struct PlaygroundConfig {
  std::string dataset = "circle";  // classification_dataset_catalog id, or kPlaygroundCsvDataset
  int class_count = 3;             // "multiblobs" only
  int points = 500;                // training and test together
  double noise = 0.1;              // Gaussian jitter per coordinate
  double train_fraction = 0.5;     // the rest are test points, never trained on
  std::vector<std::string> features = {"x1", "x2"};
  std::vector<int> hidden_widths = {4, 2};  // one entry per hidden layer; empty: no hidden layer
  std::string activation = "tanh";          // of every hidden layer
  std::string initializer = "xavier_uniform";
  bool batch_norm = false;                    // on every hidden layer
  double dropout_rate = 0.0;                  // on every hidden layer
  std::string loss = "binary_cross_entropy";  // or cross_entropy, mse
  OptimizerSettings optimizer;                // id "sgd" by default here, as TF Playground
  double learning_rate = 0.03;
  std::string schedule = "constant";  // lr_schedule catalog id, over max_epochs
  int batch_size = 10;
  double l1 = 0.0;
  double l2 = 0.0;
  int max_epochs = 1000;          // stop after this many epochs (1..nn::kMaxEpochs)
  double target_loss = 0.0;       // stop once the training loss is ≤ this (0: never)
  int boundary_resolution = 100;  // the decision field is resolution × resolution cells
  int thumbnail_resolution = 32;  // each unit's picture
  std::uint64_t seed = 1;
  std::string csv;  // dataset "csv": the CSV text (points, noise and class_count are ignored)
  // The learner's own points (x1, x2, class), added to the training set after the split.
  std::vector<PlaygroundPoint> added_points;
  PlaygroundConfig() { optimizer.id = "sgd"; }
};

// The two-feature classification data set in `text` (see kPlaygroundCsvDataset), or a message
// (the parser's, with line and column, or what the playground needs).
std::string playground_csv_dataset(const std::string& text, Dataset& out);

// "" when valid (on its own and together: loss vs class count, network, trainer), else a message.
std::string validate_playground_config(const PlaygroundConfig& config);

// Square view the grids cover: the points' bounding box, centred, with a margin.
struct PlaygroundView {
  double x_min, x_max, y_min, y_max;
};

// Everything drawn for the current epoch.
struct PlaygroundFrame {
  int epoch = 0;                                                             // epochs completed
  std::vector<double> train_loss, test_loss, train_accuracy, test_accuracy;  // per epoch
  // Decision field, row-major from the top row (y_max) down, column 0 at x_min.
  std::vector<std::uint8_t> boundary_class;
  std::vector<float> boundary_confidence;
  // Unit u's activation at thumbnail cell c is thumbnails[u·cells + c], units layer by layer
  // (inputs features first, then every hidden unit); same cell order as the field.
  std::vector<float> thumbnails;
  std::vector<float> parameters;  // the network's flat parameters (network.hpp order)
};

class Playground {
 public:
  // Throws std::invalid_argument with validate_playground_config's message when invalid.
  explicit Playground(const PlaygroundConfig& config);

  // Runs up to `epochs` more epochs; stops at max_epochs, the target loss or a divergence.
  // Returns the epochs run.
  int advance(int epochs);
  bool finished() const;
  // "" while training; then "completed 1000 epochs", "reached the target loss …", "diverged …".
  std::string stop_reason() const;

  PlaygroundFrame frame() const;
  // The share of the test points (or the training points) classified right at the current
  // weights (also before the first epoch).
  double accuracy(bool test) const;
  int epochs_completed() const { return trainer_->epochs_completed(); }

  const PlaygroundConfig& config() const { return config_; }
  const PlaygroundView& view() const { return view_; }
  // Raw 2-D points with their class, training and test.
  const Dataset& train_points() const { return train_points_; }
  const Dataset& test_points() const { return test_points_; }
  // Widths input → hidden → output; the units the thumbnails list (inputs and hidden).
  std::vector<int> layer_widths() const;
  int thumbnail_units() const;
  int class_count() const { return train_points_.class_count; }
  // Rows: true class; columns: predicted class; counts of the test (or training) points now.
  std::vector<int> confusion_matrix(bool test) const;

  // "" when flat parameter `index` (network.hpp order, as frame().parameters) can be set to
  // `value`: an index in range, a finite value within ±kMaxPlaygroundEditedParameter.
  std::string validate_parameter_edit(int index, double value) const;
  // Sets one parameter by hand (a weight the learner clicked); training goes on from there. Throws
  // std::invalid_argument with validate_parameter_edit's message.
  void set_parameter(int index, double value);
  // Flat parameter `index`'s current value (as frame().parameters). Throws std::out_of_range.
  double parameter(int index) const;

  // A link of the diagram: weight layer `layer` (0: features → first hidden layer, as
  // layer_widths() counts columns) from unit `from` of column `layer` to unit `to` of column
  // layer + 1. "" when it exists, else which index is out of range.
  std::string validate_link(int layer, int from, int to) const;
  // The link's flat parameter index (W(from, to) of that layer). Throws std::invalid_argument
  // with validate_link's message.
  int link_parameter_index(int layer, int from, int to) const;

  // A unit's bias: b(unit) of weight layer `layer` (numbered as for links; the last one, the
  // hidden layer count, is the output layer), the bias of unit `unit` of column layer + 1. "" when
  // it exists, else which index is out of range.
  std::string validate_bias(int layer, int unit) const;
  // The bias's flat parameter index. Throws std::invalid_argument with validate_bias's message.
  int bias_parameter_index(int layer, int unit) const;

 private:
  std::vector<int> predicted_classes(const Eigen::MatrixXd& points) const;
  Eigen::MatrixXd grid_points(int resolution) const;
  // "" when weight layer `layer` exists (0 … layer_widths().size() − 2), else a message.
  std::string validate_weight_layer(int layer) const;
  // The flat index of weight layer `layer`'s first parameter, W(0, 0).
  int layer_parameter_offset(int layer) const;

  PlaygroundConfig config_;
  std::vector<int> feature_indices_;
  Dataset train_points_, test_points_;
  PlaygroundView view_{};
  std::unique_ptr<nn::Network<float>> network_;
  std::unique_ptr<nn::Trainer<float>> trainer_;
  nn::LossKind loss_kind_ = nn::LossKind::kMse;
  bool reached_target_ = false;
};

}  // namespace descent

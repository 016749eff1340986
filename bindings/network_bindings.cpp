// embind registration of the neural-network core: class NeuralNetwork (created by createNetwork,
// freed by delete()) and makeDataset. Like bindings.cpp, every entry point validates its input and
// returns {ok: false, error} instead of throwing; bulk data crosses as typed arrays, row-major.
//
// The network is Network<float>: in WebAssembly, musl's double tanh is ~15× slower than Eigen's
// vectorised float tanh, and tanh dominates an epoch of the lessons' small networks. The flat
// parameters and every number returned are widened to double (Float64Array).
#include <emscripten/bind.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "descent/data/classification_2d.hpp"
#include "descent/data/dataset.hpp"
#include "descent/math/cold_code.hpp"
#include "descent/math/rng.hpp"
#include "descent/nn/activation.hpp"
#include "descent/nn/initializer.hpp"
#include "descent/nn/loss.hpp"
#include "descent/nn/network.hpp"
#include "descent/nn/trainer.hpp"
#include "descent/viz/surface_grid.hpp"
#include "js_values.hpp"
#include "network_config_reader.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent::bindings {
namespace {

using emscripten::val;
using FloatMatrix = nn::Matrix<float>;
using RowMajorMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Grid points predicted per batch by predictGrid: bounds the activations' memory for big grids.
constexpr int kGridChunkPoints = 4096;

std::string whole_rows(int length, int rows, const std::string& name, int& columns) {
  // rows comes from an optional key: absent, it is still 0 here (and must not divide).
  if (rows < 1) return name + " needs rows (a whole number ≥ 1) to be read as a matrix";
  if (length == 0 || length % rows != 0) {
    return name + " must hold rows × columns values (" + std::to_string(length) + " values for " +
           std::to_string(rows) + " rows)";
  }
  columns = length / rows;
  return "";
}

// `values` (row-major, rows × columns) as an Eigen matrix.
Eigen::MatrixXd from_row_major(const std::vector<double>& values, int rows, int columns) {
  return Eigen::Map<const RowMajorMatrix>(values.data(), rows, columns);
}

// A matrix as a row-major Float64Array.
template <typename Derived>
val to_row_major_array(const Eigen::MatrixBase<Derived>& matrix) {
  const RowMajorMatrix row_major = matrix.template cast<double>();
  return to_float64_array(
      std::vector<double>(row_major.data(), row_major.data() + row_major.size()));
}

// A float vector as a Float64Array: widened into `buffer` (its storage reused), then one copy out.
// A LeNet's 44k-entry gradient went through three C++ copies before (0.1–0.3 ms, as much as its
// batch-1 training step); JS's own Float32Array → Float64Array conversion is slower than this.
val widened_float64_array(const nn::Vector<float>& values, std::vector<double>& buffer) {
  buffer.assign(values.data(), values.data() + values.size());
  return to_float64_array(buffer);
}

// `values` exactly rows × `columns` finite numbers.
std::string read_batch(const val& values, int rows, int columns, const std::string& name,
                       std::vector<double>& out) {
  if (auto message = to_number_vector(values, name, out); !message.empty()) return message;
  const std::size_t expected = static_cast<std::size_t>(rows) * columns;
  if (out.size() != expected) {
    return name + " must hold " + std::to_string(rows) + " rows × " + std::to_string(columns) +
           " columns = " + std::to_string(expected) + " values, got " + std::to_string(out.size());
  }
  return "";
}

// loss name plus the optional huberDelta, focalGamma of `js` (may be undefined).
std::string read_loss(const val& js, const std::string& name, nn::Loss& loss) {
  if (auto m = nn::loss_from_name(name, loss); !m.empty()) return m;
  if (!is_missing(js)) {
    if (auto m = read_number(js, "huberDelta", loss.huber_delta); !m.empty()) return m;
    if (auto m = read_number(js, "focalGamma", loss.focal_gamma); !m.empty()) return m;
  }
  return nn::validate_loss(loss);
}

// {inputs, targets, rows, labels?, classCount?} (makeDataset's result fits) → a validated Dataset.
std::string read_dataset(const val& js, const std::string& name, Dataset& data) {
  if (!is_object(js)) return name + " must be an object {inputs, targets, rows}";
  int rows = 0;
  if (auto m = read_int_in_range(js, "rows", 1, kMaxPointCount, rows); !m.empty()) {
    return name + "." + m;
  }
  std::vector<double> inputs, targets;
  int features = 0, target_columns = 0;
  if (auto m = to_number_vector(js["inputs"], name + ".inputs", inputs); !m.empty()) return m;
  if (auto m = whole_rows(static_cast<int>(inputs.size()), rows, name + ".inputs", features);
      !m.empty()) {
    return m;
  }
  if (auto m = to_number_vector(js["targets"], name + ".targets", targets); !m.empty()) return m;
  if (auto m =
          whole_rows(static_cast<int>(targets.size()), rows, name + ".targets", target_columns);
      !m.empty()) {
    return m;
  }
  data.inputs = from_row_major(inputs, rows, features);
  data.targets = from_row_major(targets, rows, target_columns);
  if (auto m = read_int_in_range(js, "classCount", 0, kMaxClassCount, data.class_count);
      !m.empty()) {
    return name + "." + m;
  }
  if (!is_missing(js["labels"])) {
    std::vector<double> labels;
    if (auto m = to_number_vector(js["labels"], name + ".labels", labels); !m.empty()) return m;
    for (double label : labels) {
      if (label != static_cast<int>(label)) return name + ".labels must be whole numbers";
      data.labels.push_back(static_cast<int>(label));
    }
  }
  for (int feature = 1; feature <= features; ++feature) {
    data.feature_names.push_back("x" + std::to_string(feature));
  }
  data.description = name + " from JavaScript";
  const std::string message = validate_dataset(data);
  return message.empty() ? "" : name + ": " + message;
}

// The train() options → a TrainerConfig (validated later by Trainer::validate with the data).
std::string read_trainer_config(const val& js, nn::TrainerConfig& config) {
  if (auto m = read_int_in_range(js, "epochs", 1, nn::kMaxEpochs, config.epochs); !m.empty()) {
    return m;
  }
  if (auto m = read_int_in_range(js, "batchSize", 1, kMaxPointCount, config.batch_size);
      !m.empty()) {
    return m;
  }
  if (auto m = read_bool(js, "shuffle", config.shuffle); !m.empty()) return m;
  if (auto m = read_optimizer_choice(js, config.optimizer, config.learning_rate, config.schedule,
                                     config.clip);
      !m.empty()) {
    return m;
  }
  if (auto m = read_number(js, "l1", config.regularization.l1); !m.empty()) return m;
  if (auto m = read_number(js, "l2", config.regularization.l2); !m.empty()) return m;
  nn::EarlyStoppingSettings& early = config.early_stopping;
  if (auto m = read_bool(js, "earlyStopping", early.enabled); !m.empty()) return m;
  if (auto m = read_int_in_range(js, "patience", 1, nn::kMaxPatience, early.patience); !m.empty()) {
    return m;
  }
  if (auto m = read_number(js, "minDelta", early.min_delta); !m.empty()) return m;
  if (auto m = read_bool(js, "layerDiagnostics", config.record_layer_diagnostics); !m.empty()) {
    return m;
  }
  std::string loss = nn::loss_name(config.loss.kind);
  if (auto m = read_string(js, "loss", loss); !m.empty()) return m;
  if (auto m = read_loss(js, loss, config.loss); !m.empty()) return m;
  return read_seed(js, "seed", config.seed);
}

val layer_history_to_js(const nn::LayerHistory& layer) {
  val js = val::object();
  js.set("activationMean", to_float64_array(layer.activation_mean));
  js.set("activationStd", to_float64_array(layer.activation_std));
  js.set("zeroFraction", to_float64_array(layer.zero_fraction));
  js.set("deadUnitFraction", to_float64_array(layer.dead_unit_fraction));
  js.set("weightNorm", to_float64_array(layer.weight_norm));
  js.set("weightGradientNorm", to_float64_array(layer.weight_gradient_norm));
  js.set("biasGradientNorm", to_float64_array(layer.bias_gradient_norm));
  return js;
}

// A sample's extents: [channels, height, width] of an image, [features] otherwise.
val shape_to_js(const nn::TensorShape& shape) {
  val js = val::array();
  if (shape.layout() == nn::TensorLayout::kImage) {
    js.call<void>("push", shape.channels());
    js.call<void>("push", shape.height());
    js.call<void>("push", shape.width());
  } else {
    js.call<void>("push", shape.features());
  }
  return js;
}

val history_to_js(const nn::TrainingHistory& history) {
  val js = val::object();
  js.set("trainLoss", to_float64_array(history.train_loss));
  js.set("validationLoss", to_float64_array(history.validation_loss));
  js.set("trainAccuracy", to_float64_array(history.train_accuracy));
  js.set("validationAccuracy", to_float64_array(history.validation_accuracy));
  js.set("penalty", to_float64_array(history.penalty));
  js.set("learningRate", to_float64_array(history.learning_rate));
  js.set("stepLoss", to_float64_array(history.step_loss));
  val layers = val::array();
  for (const auto& layer : history.layers) layers.call<void>("push", layer_history_to_js(layer));
  js.set("layers", layers);
  return js;
}

}  // namespace

// A Network<float> owned by JavaScript. Methods taking a batch read X row-major, one sample per
// row; the network keeps its trained parameters between calls.
class NeuralNetwork {
 public:
  explicit NeuralNetwork(const nn::NetworkConfig& config) : network_(config) {}

  int parameter_count() const { return network_.parameter_count(); }
  int input_width() const { return network_.input_width(); }
  int output_width() const { return network_.output_width(); }

  val get_parameters() const {
    std::vector<double> buffer;
    return widened_float64_array(network_.get_parameters(), buffer);
  }

  // Per layer, input side first: {kind, name, inputShape, outputShape, parameterCount}, the shapes
  // of one sample ([channels, height, width] or [features]).
  val layers() const {
    const std::vector<nn::TensorShape> inputs = nn::layer_input_shapes(network_.config());
    val js = val::array();
    for (int index = 0; index < network_.depth(); ++index) {
      const nn::LayerSpec& spec = network_.config().layers[static_cast<std::size_t>(index)];
      const nn::Module<float>& main = network_.layer_module(index);
      const nn::BatchNorm<float>* norm = network_.batch_norm(index);
      const bool last = index + 1 == network_.depth();
      val layer = val::object();
      layer.set("kind", std::string(nn::layer_kind_name(spec.kind)));
      layer.set("name", main.name());
      layer.set("inputShape", shape_to_js(inputs[static_cast<std::size_t>(index)]));
      layer.set("outputShape", shape_to_js(last ? nn::TensorShape::features(1, output_width())
                                                : inputs[static_cast<std::size_t>(index) + 1]));
      layer.set("parameterCount", main.parameter_count() + (norm ? norm->parameter_count() : 0));
      js.call<void>("push", layer);
    }
    return js;
  }

  val set_parameters(const val& values) {
    std::vector<double> parameters;
    if (auto m = read_batch(values, 1, parameter_count(), "parameters", parameters); !m.empty()) {
      return error_result(m);
    }
    network_.set_parameters(
        Eigen::Map<const Eigen::VectorXd>(parameters.data(), parameter_count()).cast<float>());
    return ok_result();
  }

  // {ok, loss, gradient: Float64Array(parameterCount)} of the mean loss over the batch. With
  // `into` (a Float64Array of parameterCount values) the gradient is written there and returned:
  // a caller stepping many times reuses one array instead of V8 allocating a fresh one per call (a
  // LeNet's 355 KB gradient array cost a third of its batch-1 step).
  val loss_and_gradient(const val& inputs, const val& js_rows, const val& targets,
                        const val& loss_name, const val& into) {
    int rows = 0;
    if (auto m = to_int_in_range(js_rows, "rows", 1, kMaxPointCount, rows); !m.empty()) {
      return error_result(m);
    }
    if (!is_missing(into) &&
        (!into.instanceof
         (val::global("Float64Array")) || into["length"].as<double>() != parameter_count())) {
      return error_result("gradient output must be a Float64Array of parameterCount (" +
                          std::to_string(parameter_count()) + ") values");
    }
    if (!loss_name.isString()) return error_result("loss must be a string, e.g. \"mse\"");
    std::vector<double> x, y;
    if (auto m = read_batch(inputs, rows, input_width(), "inputs", x); !m.empty()) {
      return error_result(m);
    }
    if (auto m = read_batch(targets, rows, output_width(), "targets", y); !m.empty()) {
      return error_result(m);
    }
    nn::Loss loss;
    if (auto m = read_loss(val::undefined(), loss_name.as<std::string>(), loss); !m.empty()) {
      return error_result(m);
    }
    if (auto m = nn::check_output_activation(loss, network_.config().layers.back().activation);
        !m.empty()) {
      return error_result(m);
    }
    const FloatMatrix target_matrix = from_row_major(y, rows, output_width()).cast<float>();
    if (auto m = nn::check_loss_inputs(loss, target_matrix, target_matrix); !m.empty()) {
      return error_result("targets: " + m);
    }
    const float value = network_.loss_and_gradient(
        from_row_major(x, rows, input_width()).cast<float>(), target_matrix, loss, gradient_);
    val js = ok_result();
    js.set("loss", static_cast<double>(value));
    const val gradient(emscripten::typed_memory_view(gradient_.size(), gradient_.data()));
    if (is_missing(into)) {
      js.set("gradient", gradient.call<val>("slice"));
    } else {
      into.call<void>("set", gradient);
      js.set("gradient", into);
    }
    return js;
  }

  // {ok, outputs: Float64Array(rows × outputWidth), row-major}.
  val predict(const val& inputs, const val& js_rows) const {
    int rows = 0;
    if (auto m = to_int_in_range(js_rows, "rows", 1, kMaxPointCount, rows); !m.empty()) {
      return error_result(m);
    }
    std::vector<double> x;
    if (auto m = read_batch(inputs, rows, input_width(), "inputs", x); !m.empty()) {
      return error_result(m);
    }
    val js = ok_result();
    js.set("outputs", to_row_major_array(
                          network_.predict(from_row_major(x, rows, input_width()).cast<float>())));
    return js;
  }

  // The outputs at the cell centres of a columns × rows grid over box {xMin, xMax, yMin, yMax}, for
  // a heat map: {ok, outputs: Float64Array(rows × columns × outputWidth)}, grid row 0 at the top
  // (y = yMax), outputs of one cell together — the layout of surfaceMap's values.
  val predict_grid(const val& js_box, const val& js_columns, const val& js_rows) const {
    if (input_width() != 2) return error_result("predictGrid needs a network with 2 inputs");
    ViewBox box{};
    if (auto m = read_view_box(js_box, box); !m.empty()) return error_result(m);
    int columns = 0, rows = 0;
    if (auto m = to_int_in_range(js_columns, "columns", 1, kMaxGridSide, columns); !m.empty()) {
      return error_result(m);
    }
    if (auto m = to_int_in_range(js_rows, "rows", 1, kMaxGridSide, rows); !m.empty()) {
      return error_result(m);
    }
    const int points = columns * rows;
    const double cell_width = (box.x_max - box.x_min) / columns;
    const double cell_height = (box.y_max - box.y_min) / rows;
    std::vector<double> outputs;
    outputs.reserve(static_cast<std::size_t>(points) * output_width());
    for (int first = 0; first < points; first += kGridChunkPoints) {
      const int count = std::min(kGridChunkPoints, points - first);
      FloatMatrix inputs(count, 2);
      for (int i = 0; i < count; ++i) {
        const int row = (first + i) / columns, column = (first + i) % columns;
        inputs(i, 0) = static_cast<float>(box.x_min + (column + 0.5) * cell_width);
        inputs(i, 1) = static_cast<float>(box.y_max - (row + 0.5) * cell_height);
      }
      const RowMajorMatrix chunk = network_.predict(inputs).cast<double>();
      outputs.insert(outputs.end(), chunk.data(), chunk.data() + chunk.size());
    }
    val js = ok_result();
    js.set("outputs", to_float64_array(outputs));
    return js;
  }

  // Trains for options.epochs epochs in this one call; see descent-core.d.ts for the options.
  val train(const val& options) {
    if (!is_object(options)) return error_result("train options must be an object");
    nn::TrainerConfig config;
    if (auto m = read_trainer_config(options, config); !m.empty()) return error_result(m);
    Dataset train_set, validation_set;
    if (auto m = read_dataset(options["dataset"], "dataset", train_set); !m.empty()) {
      return error_result(m);
    }
    const bool has_validation = !is_missing(options["validation"]);
    if (has_validation) {
      if (auto m = read_dataset(options["validation"], "validation", validation_set); !m.empty()) {
        return error_result(m);
      }
    }
    const Dataset* validation = has_validation ? &validation_set : nullptr;
    if (auto m = nn::Trainer<float>::validate(network_, config, train_set, validation);
        !m.empty()) {
      return error_result(m);
    }
    nn::Trainer<float> trainer(network_, config, train_set, validation);
    trainer.run();
    val js = ok_result();
    js.set("history", history_to_js(trainer.history()));
    js.set("stopKind", std::string(nn::stop_kind_id(trainer.stop_kind())));
    js.set("stopReason", trainer.stop_reason());
    js.set("epochsCompleted", trainer.epochs_completed());
    js.set("bestEpoch", trainer.best_epoch());
    js.set("steps", trainer.step_count());
    js.set("divergedEpoch", trainer.diverged_epoch());
    js.set("divergedStep", trainer.diverged_step());
    return js;
  }

 private:
  static val ok_result() {
    val js = val::object();
    js.set("ok", true);
    return js;
  }

  nn::Network<float> network_;
  // lossAndGradient's gradient, widened from the float network's as it is gathered (one pass, not
  // a float copy and then a widened one); its storage reused from call to call.
  nn::Vector<double> gradient_;
};

namespace {

// {ok, network} — the caller owns network and must delete() it — or {ok: false, error}.
val create_network(const val& js) {
  nn::NetworkConfig config;
  if (auto m = read_network_config(js, config); !m.empty()) return error_result(m);
  val result = val::object();
  result.set("ok", true);
  result.set("network", val(NeuralNetwork(config)));
  return result;
}

// {name, count, noise, seed, classes?} → {ok, inputs, targets, labels, rows, features, classCount,
// featureNames, description}, inputs and targets row-major.
val make_dataset(const val& js) {
  if (!is_object(js)) return error_result("dataset request must be an object");
  std::string name;
  int count = 200, classes = 3;
  double noise = 0.0;
  std::uint64_t seed = 0;
  if (auto m = read_string(js, "name", name); !m.empty()) return error_result(m);
  if (auto m = read_int_in_range(js, "count", kMinPointCount, kMaxPointCount, count); !m.empty()) {
    return error_result(m);
  }
  if (auto m = read_number(js, "noise", noise); !m.empty()) return error_result(m);
  if (auto m = read_int_in_range(js, "classes", kMinClassCount, kMaxClassCount, classes);
      !m.empty()) {
    return error_result(m);
  }
  if (auto m = read_seed(js, "seed", seed); !m.empty()) return error_result(m);
  Rng rng(seed);
  Dataset data;
  if (auto m = make_classification_dataset(name, count, noise, rng, data, classes); !m.empty()) {
    return error_result(m);
  }
  val result = val::object();
  result.set("ok", true);
  result.set("inputs", to_row_major_array(data.inputs));
  result.set("targets", to_row_major_array(data.targets));
  result.set("labels", to_int32_array(data.labels));
  result.set("rows", data.size());
  result.set("features", data.feature_count());
  result.set("classCount", data.class_count);
  val names = val::array();
  for (const auto& feature : data.feature_names) names.call<void>("push", feature);
  result.set("featureNames", names);
  result.set("description", data.description);
  return result;
}

}  // namespace
}  // namespace descent::bindings

EMSCRIPTEN_BINDINGS(descent_network) {
  using namespace descent::bindings;
  emscripten::class_<NeuralNetwork>("NeuralNetwork")
      .function("parameterCount", &NeuralNetwork::parameter_count)
      .function("inputWidth", &NeuralNetwork::input_width)
      .function("outputWidth", &NeuralNetwork::output_width)
      .function("getParameters", &NeuralNetwork::get_parameters)
      .function("layers", &NeuralNetwork::layers)
      .function("setParameters", &NeuralNetwork::set_parameters)
      .function("lossAndGradient", &NeuralNetwork::loss_and_gradient)
      .function("predict", &NeuralNetwork::predict)
      .function("predictGrid", &NeuralNetwork::predict_grid)
      .function("train", &NeuralNetwork::train);
  emscripten::function("createNetwork", &create_network);
  emscripten::function("makeDataset", &make_dataset);
}

DESCENT_END_COLD_CODE

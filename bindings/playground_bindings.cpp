// embind registration of the classifier playground behind <descent-playground>: createPlayground
// (a Playground that trains a few epochs per call, one call per animation frame; delete() it) and
// playgroundCatalog (data sets, features, activations, initializers, losses, limits). The
// decision field, thumbnails and weights cross as typed arrays; bad input gives {ok: false, error}.
#include <emscripten/bind.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "descent/data/classification_2d.hpp"
#include "descent/data/csv_import.hpp"
#include "descent/data/feature_map.hpp"
#include "descent/math/cold_code.hpp"
#include "descent/math/messages.hpp"
#include "descent/nn/activation.hpp"
#include "descent/nn/initializer.hpp"
#include "descent/sims/playground.hpp"
#include "js_values.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent::bindings {
namespace {

using emscripten::val;

constexpr int kMaxEpochsPerCall = 1000;

std::string read_string_list(const val& js, const char* key, std::vector<std::string>& out) {
  const val list = js[key];
  if (is_missing(list)) return "";
  const std::string problem = std::string(key) + " must be an array of names";
  if (!is_array(list)) return problem;
  std::vector<std::string> names;
  const int length = list["length"].as<int>();
  for (int i = 0; i < length; ++i) {
    if (!list[i].isString()) return problem;
    names.push_back(list[i].as<std::string>());
  }
  out = names;
  return "";
}

std::string read_hidden_widths(const val& js, std::vector<int>& out) {
  const val list = js["hidden"];
  if (is_missing(list)) return "";
  if (!is_array(list)) return "hidden must be an array of layer widths";
  std::vector<int> widths;
  const int length = list["length"].as<int>();
  if (length > kMaxPlaygroundHiddenLayers) {
    return "at most " + std::to_string(kMaxPlaygroundHiddenLayers) + " hidden layers";
  }
  for (int i = 0; i < length; ++i) {
    int width = 0;
    if (auto m = to_int_in_range(list[i], "hidden layer " + std::to_string(i + 1), 1,
                                 kMaxPlaygroundNeurons, width);
        !m.empty()) {
      return m;
    }
    widths.push_back(width);
  }
  out = widths;
  return "";
}

// addedPoints: [x1, x2, class, x1, x2, class, …] (flat numbers, classes whole).
std::string read_added_points(const val& js, std::vector<PlaygroundPoint>& out) {
  const val list = js["addedPoints"];
  if (is_missing(list)) return "";
  std::vector<double> flat;
  if (auto m = to_number_vector(list, "addedPoints", flat); !m.empty()) return m;
  if (flat.size() % 3 != 0) return "addedPoints must list x1, x2, class for each point";
  std::vector<PlaygroundPoint> points;
  for (std::size_t i = 0; i < flat.size(); i += 3) {
    if (flat[i + 2] != static_cast<double>(static_cast<int>(flat[i + 2]))) {
      return "addedPoints: the class of point " + std::to_string(i / 3 + 1) +
             " must be a whole number";
    }
    points.push_back({flat[i], flat[i + 1], static_cast<int>(flat[i + 2])});
  }
  out = points;
  return "";
}

// {dataset, classCount, points, noise, trainFraction, features, hidden, activation, initializer,
// batchNorm, dropout, loss, optimizer, lr, hyper, schedule, batchSize, l1, l2, maxEpochs,
// targetLoss, boundaryResolution, thumbnailResolution, seed, addedPoints, csv} (every key
// optional) → validated.
std::string read_playground_config(const val& js, PlaygroundConfig& config) {
  if (!is_object(js)) return "playground config must be an object";
  if (auto m = read_string(js, "dataset", config.dataset); !m.empty()) return m;
  if (auto m = read_string(js, "csv", config.csv); !m.empty()) return m;
  if (auto m =
          read_int_in_range(js, "classCount", kMinClassCount, kMaxClassCount, config.class_count);
      !m.empty()) {
    return m;
  }
  if (auto m = read_int_in_range(js, "points", kMinPlaygroundPoints, kMaxPlaygroundPoints,
                                 config.points);
      !m.empty()) {
    return m;
  }
  if (auto m = read_number(js, "noise", config.noise); !m.empty()) return m;
  if (auto m = read_number(js, "trainFraction", config.train_fraction); !m.empty()) return m;
  if (auto m = read_string_list(js, "features", config.features); !m.empty()) return m;
  if (auto m = read_hidden_widths(js, config.hidden_widths); !m.empty()) return m;
  if (auto m = read_string(js, "activation", config.activation); !m.empty()) return m;
  if (auto m = read_string(js, "initializer", config.initializer); !m.empty()) return m;
  if (auto m = read_bool(js, "batchNorm", config.batch_norm); !m.empty()) return m;
  if (auto m = read_number(js, "dropout", config.dropout_rate); !m.empty()) return m;
  if (auto m = read_string(js, "loss", config.loss); !m.empty()) return m;
  ScheduleSettings schedule;
  schedule.id = config.schedule;
  ClipSettings clip;
  if (auto m = read_optimizer_choice(js, config.optimizer, config.learning_rate, schedule, clip);
      !m.empty()) {
    return m;
  }
  config.schedule = schedule.id;
  if (auto m = read_int_in_range(js, "batchSize", 1, kMaxPlaygroundPoints, config.batch_size);
      !m.empty()) {
    return m;
  }
  if (auto m = read_number(js, "l1", config.l1); !m.empty()) return m;
  if (auto m = read_number(js, "l2", config.l2); !m.empty()) return m;
  if (auto m = read_int_in_range(js, "maxEpochs", 1, nn::kMaxEpochs, config.max_epochs);
      !m.empty()) {
    return m;
  }
  if (auto m = read_number(js, "targetLoss", config.target_loss); !m.empty()) return m;
  if (auto m = read_int_in_range(js, "boundaryResolution", kMinPlaygroundGrid, kMaxPlaygroundGrid,
                                 config.boundary_resolution);
      !m.empty()) {
    return m;
  }
  if (auto m = read_int_in_range(js, "thumbnailResolution", kMinPlaygroundGrid, kMaxPlaygroundGrid,
                                 config.thumbnail_resolution);
      !m.empty()) {
    return m;
  }
  if (auto m = read_seed(js, "seed", config.seed); !m.empty()) return m;
  if (auto m = read_added_points(js, config.added_points); !m.empty()) return m;
  return validate_playground_config(config);
}

val points_to_js(const Dataset& data) {
  std::vector<double> xs(data.inputs.col(0).data(), data.inputs.col(0).data() + data.size());
  std::vector<double> ys(data.inputs.col(1).data(), data.inputs.col(1).data() + data.size());
  val js = val::object();
  js.set("x", to_float64_array(xs));
  js.set("y", to_float64_array(ys));
  js.set("label", to_int32_array(data.labels));
  return js;
}

}  // namespace

// A playground owned by JavaScript: delete() it.
class PlaygroundJs {
 public:
  // Held by pointer: the playground cannot move (its trainer refers to its network).
  explicit PlaygroundJs(const PlaygroundConfig& config)
      : playground_(std::make_unique<Playground>(config)) {}

  // Runs up to `epochs` more epochs (clamped to 0..1000); returns how many ran, or {ok: false,
  // error} when `epochs` is not a number.
  val advance(const val& js_epochs) {
    double epochs = 0;
    if (auto m = to_finite_number(js_epochs, "epochs", epochs); !m.empty()) return error_result(m);
    const double clamped = std::max(0.0, std::min(epochs, static_cast<double>(kMaxEpochsPerCall)));
    return val(playground_->advance(static_cast<int>(clamped)));
  }

  // {epoch, finished, stopReason, trainLoss, testLoss, trainAccuracy, testAccuracy (per-epoch
  // Float64Arrays), accuracy {train, test} now, boundaryClass (Uint8Array), boundaryConfidence,
  // thumbnails, parameters (Float32Arrays), confusion (Int32Array, test points, true × predicted)}
  val frame() const {
    const PlaygroundFrame frame = playground_->frame();
    val js = val::object();
    js.set("epoch", frame.epoch);
    js.set("finished", playground_->finished());
    js.set("stopReason", playground_->stop_reason());
    js.set("trainLoss", to_float64_array(frame.train_loss));
    js.set("testLoss", to_float64_array(frame.test_loss));
    js.set("trainAccuracy", to_float64_array(frame.train_accuracy));
    js.set("testAccuracy", to_float64_array(frame.test_accuracy));
    val accuracy = val::object();
    accuracy.set("train", playground_->accuracy(false));
    accuracy.set("test", playground_->accuracy(true));
    js.set("accuracy", accuracy);
    js.set("boundaryClass", to_uint8_array(frame.boundary_class));
    js.set("boundaryConfidence", to_float32_array(frame.boundary_confidence));
    js.set("thumbnails", to_float32_array(frame.thumbnails));
    js.set("parameters", to_float32_array(frame.parameters));
    js.set("confusion", to_int32_array(playground_->confusion_matrix(true)));
    return js;
  }

  // {ok: true} after setting flat parameter `index` (frame().parameters' order) to `value`, or
  // {ok: false, error}; the next frame() shows its effect.
  val set_parameter(const val& js_index, const val& js_value) {
    int index = 0;
    if (auto m = read_index(js_index, "index", index); !m.empty()) return error_result(m);
    // Any number goes to the core's own check (NaN included); anything else is NaN to it.
    const double value = js_value.isNumber() ? js_value.as<double>() : std::nan("");
    if (auto m = playground_->validate_parameter_edit(index, value); !m.empty()) {
      return error_result(m);
    }
    playground_->set_parameter(index, value);
    val result = val::object();
    result.set("ok", true);
    return result;
  }

  // {ok: true, index, value} for the diagram's link from unit `from` of column `layer` to unit `to`
  // of column layer + 1 (layout().layerWidths' columns), or {ok: false, error}.
  val link_parameter(const val& js_layer, const val& js_from, const val& js_to) const {
    int layer = 0, from = 0, to = 0;
    if (auto m = first_message({read_index(js_layer, "layer", layer),
                                read_index(js_from, "from", from), read_index(js_to, "to", to)});
        !m.empty()) {
      return error_result(m);
    }
    if (auto m = playground_->validate_link(layer, from, to); !m.empty()) return error_result(m);
    return parameter_result(playground_->link_parameter_index(layer, from, to));
  }

  // {ok: true, index, value} for the bias of unit `unit` of column layer + 1 (the last `layer`,
  // the hidden layer count, is the output layer), or {ok: false, error}.
  val bias_parameter(const val& js_layer, const val& js_unit) const {
    int layer = 0, unit = 0;
    if (auto m = first_message(
            {read_index(js_layer, "layer", layer), read_index(js_unit, "unit", unit)});
        !m.empty()) {
      return error_result(m);
    }
    if (auto m = playground_->validate_bias(layer, unit); !m.empty()) return error_result(m);
    return parameter_result(playground_->bias_parameter_index(layer, unit));
  }

  // {view {xMin, xMax, yMin, yMax}, classCount, layerWidths, thumbnailUnits, boundaryResolution,
  // thumbnailResolution, train {x, y, label}, test {x, y, label}}
  val layout() const {
    const PlaygroundView& view = playground_->view();
    val js = val::object();
    val box = val::object();
    box.set("xMin", view.x_min);
    box.set("xMax", view.x_max);
    box.set("yMin", view.y_min);
    box.set("yMax", view.y_max);
    js.set("view", box);
    js.set("classCount", playground_->class_count());
    js.set("layerWidths", to_int32_array(playground_->layer_widths()));
    js.set("thumbnailUnits", playground_->thumbnail_units());
    js.set("boundaryResolution", playground_->config().boundary_resolution);
    js.set("thumbnailResolution", playground_->config().thumbnail_resolution);
    js.set("train", points_to_js(playground_->train_points()));
    js.set("test", points_to_js(playground_->test_points()));
    return js;
  }

 private:
  // A whole number in int's range (the core then checks it against the network's shape).
  static std::string read_index(const val& v, const std::string& name, int& out) {
    return to_int_in_range(v, name, std::numeric_limits<int>::min(),
                           std::numeric_limits<int>::max(), out);
  }

  // {ok: true, index, value} of flat parameter `index`.
  val parameter_result(int index) const {
    val result = val::object();
    result.set("ok", true);
    result.set("index", index);
    result.set("value", playground_->parameter(index));
    return result;
  }

  std::unique_ptr<Playground> playground_;
};

namespace {

// {ok, playground} — the caller owns playground and must delete() it — or {ok: false, error}.
val create_playground(const val& js) {
  PlaygroundConfig config;
  if (auto m = read_playground_config(js, config); !m.empty()) return error_result(m);
  val result = val::object();
  result.set("ok", true);
  result.set("playground", val(PlaygroundJs(config)));
  return result;
}

val playground_catalog() {
  val catalog = val::object();
  val datasets = val::array();
  for (const auto& info : classification_dataset_catalog()) {
    val entry = val::object();
    entry.set("id", info.id);
    entry.set("label", info.label);
    entry.set("hasClassCount", info.has_class_count);
    datasets.call<void>("push", entry);
  }
  catalog.set("datasets", datasets);
  val features = val::array();
  for (const auto& info : feature_catalog()) {
    val entry = val::object();
    entry.set("id", info.id);
    entry.set("label", info.label);
    features.call<void>("push", entry);
  }
  catalog.set("features", features);
  std::vector<std::string> activations;
  for (const auto& name : nn::activation_names()) {
    if (name != "softmax") activations.push_back(name);
  }
  catalog.set("activations", string_array(activations));
  catalog.set("initializers", string_array(nn::initializer_names()));
  catalog.set("losses", string_array({"binary_cross_entropy", "cross_entropy", "mse"}));
  val limits = val::object();
  limits.set("minPoints", kMinPlaygroundPoints);
  limits.set("maxPoints", kMaxPlaygroundPoints);
  limits.set("maxHiddenLayers", kMaxPlaygroundHiddenLayers);
  limits.set("maxNeurons", kMaxPlaygroundNeurons);
  limits.set("maxLearningRate", kMaxPlaygroundLearningRate);
  limits.set("minClasses", kMinClassCount);
  limits.set("maxClasses", kMaxClassCount);
  // Largest CSV text (bytes of UTF-8) parseCsv reads; the page checks a file's size against it
  // before reading the file.
  limits.set("maxCsvBytes", static_cast<double>(kMaxCsvBytes));
  catalog.set("limits", limits);
  return catalog;
}

}  // namespace
}  // namespace descent::bindings

EMSCRIPTEN_BINDINGS(descent_playground) {
  using namespace descent::bindings;
  emscripten::class_<PlaygroundJs>("Playground")
      .function("advance", &PlaygroundJs::advance)
      .function("frame", &PlaygroundJs::frame)
      .function("layout", &PlaygroundJs::layout)
      .function("setParameter", &PlaygroundJs::set_parameter)
      .function("linkParameter", &PlaygroundJs::link_parameter)
      .function("biasParameter", &PlaygroundJs::bias_parameter);
  emscripten::function("createPlayground", &create_playground);
  emscripten::function("playgroundCatalog", &playground_catalog);
}

DESCENT_END_COLD_CODE

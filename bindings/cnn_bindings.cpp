// embind registration of the live-trained CNN behind <descent-cnn> (sims/cnn/): createCnnSession
// → a CnnSession trained a few mini-batches per call (the live-run transport), looked inside at
// any point (history, confusion matrix, mistakes, filters, probabilities, feature maps, saliency,
// Grad-CAM, activation maximisation stepped a few ascent steps per call); cnnCatalog, its choices,
// limits and defaults. Images cross as Uint8Arrays, results as typed arrays; bad input gives {ok:
// false, error}.
#include <emscripten/bind.h>

#include <memory>

#include "descent/math/cold_code.hpp"
#include "descent/sims/cnn/cnn_activation_max.hpp"
#include "descent/sims/cnn/cnn_inspection.hpp"
#include "descent/sims/cnn/cnn_session.hpp"
#include "js_values.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent::bindings {
namespace {

using emscripten::val;

std::string to_bytes(const val& v, const std::string& name, std::vector<std::uint8_t>& out) {
  if (!v.instanceof (val::global("Uint8Array"))) return name + " must be a Uint8Array";
  const auto length = v["length"].as<std::size_t>();
  out.resize(length);
  val(emscripten::typed_memory_view(length, out.data())).call<void>("set", v);
  return "";
}

// {pixels: Uint8Array, labels: Uint8Array} at js[key].
std::string read_images(const val& js, const char* key, CnnImages& images) {
  const val split = js[key];
  const std::string name(key);
  if (!is_object(split)) return name + " must be an object {pixels, labels}";
  if (auto m = to_bytes(split["pixels"], name + ".pixels", images.pixels); !m.empty()) return m;
  return to_bytes(split["labels"], name + ".labels", images.labels);
}

std::string read_config(const val& js, CnnConfig& config) {
  const val blocks = js["convBlocks"];
  if (!is_missing(blocks)) {
    if (!is_array(blocks)) return "convBlocks must be an array of {filters, kernel, pooling}";
    config.conv_blocks.clear();
    const int count = blocks["length"].as<int>();
    for (int b = 0; b < count && b <= kMaxCnnConvBlocks; ++b) {
      const val block = blocks[b];
      if (!is_object(block)) return "convBlocks entries must be objects";
      CnnConvBlock read;
      std::string pooling = cnn_pooling_name(read.pooling);
      std::string padding = "valid";
      for (const auto& m :
           {read_ints(block, {{"filters", 1, kMaxCnnFilters, &read.filters},
                              {"kernel", 1, kMaxCnnKernel, &read.kernel}}),
            read_string(block, "pooling", pooling), read_string(block, "padding", padding),
            read_bool(block, "batchNorm", read.batch_norm)}) {
        if (!m.empty()) return "conv block " + std::to_string(b + 1) + ": " + m;
      }
      if (auto m = cnn_pooling_from_name(pooling, read.pooling); !m.empty()) return m;
      if (padding != "valid" && padding != "same") {
        return "conv block " + std::to_string(b + 1) + ": padding must be \"valid\" or \"same\"";
      }
      read.same_padding = padding == "same";
      config.conv_blocks.push_back(read);
    }
  }
  std::vector<double> dense;
  std::vector<double> classes;
  ScheduleSettings unused_schedule;
  ClipSettings unused_clip;
  config.dense_layers.clear();
  for (const auto& m :
       {read_number_list(js, "dense", dense), read_string(js, "activation", config.activation),
        read_number(js, "dropout", config.dropout), read_number_list(js, "classes", classes),
        read_optimizer_choice(js, config.optimizer, config.learning_rate, unused_schedule,
                              unused_clip),
        read_ints(js, {{"batchSize", 1, kMaxCnnBatchSize, &config.batch_size},
                       {"trainSize", 0, kMaxCnnExamples, &config.train_size},
                       {"perClass", 0, kMaxCnnExamples, &config.per_class},
                       {"frozenConvBlocks", 0, kMaxCnnConvBlocks, &config.frozen_conv_blocks},
                       {"epochs", 1, kMaxCnnEpochs, &config.epochs},
                       {"shift", 0, kMaxCnnShift, &config.shift}}),
        read_seed(js, "seed", config.seed)}) {
    if (!m.empty()) return m;
  }
  if (!is_missing(js["classes"])) {
    config.classes.clear();
    for (double c : classes) {
      if (c != static_cast<int>(c)) return "classes must be whole numbers";
      config.classes.push_back(static_cast<int>(c));
    }
  }
  if (is_missing(js["dense"])) dense = {120, 84};
  for (double width : dense) config.dense_layers.push_back(static_cast<int>(width));
  if (dense.size() > static_cast<std::size_t>(kMaxCnnDenseLayers))
    return validate_cnn_config(config);
  for (double width : dense) {
    if (width != static_cast<int>(width)) return "dense widths must be whole numbers";
  }
  return validate_cnn_config(config);
}

// {target: "class" | "filter", classIndex, layer, filter, steps, stepSize, l2, blurEvery, seed}
std::string read_activation_max(const val& js, CnnActivationMaxSettings& settings) {
  if (!is_object(js)) return "activationMaximizer needs an object";
  std::string target = "class";
  for (const auto& m : {read_string(js, "target", target),
                        read_ints(js, {{"classIndex", 0, 1 << 20, &settings.class_index},
                                       {"layer", 0, 1 << 20, &settings.conv_layer},
                                       {"filter", 0, 1 << 20, &settings.filter},
                                       {"steps", 1, kMaxCnnActivationMaxSteps, &settings.steps},
                                       {"blurEvery", 0, kMaxCnnBlurEvery, &settings.blur_every}}),
                        read_number(js, "stepSize", settings.step_size),
                        read_number(js, "l2", settings.l2), read_seed(js, "seed", settings.seed)}) {
    if (!m.empty()) return m;
  }
  if (target != "class" && target != "filter") {
    return "target must be \"class\" or \"filter\", got \"" + target + "\"";
  }
  settings.target = target == "class" ? CnnMaximizeTarget::kClass : CnnMaximizeTarget::kFilter;
  return "";
}

class CnnActivationMaximizerJs {
 public:
  explicit CnnActivationMaximizerJs(std::unique_ptr<CnnActivationMaximizer> maximizer)
      : maximizer_(std::move(maximizer)) {}

  // {ok, done, step, steps, objective, height, width, image}
  val advance(const val& js_steps) {
    int steps = 0;
    if (auto m = to_int_in_range(js_steps, "steps", 0, kMaxCnnActivationMaxSteps, steps);
        !m.empty()) {
      return error_result(m);
    }
    maximizer_->advance(steps);
    val js = val::object();
    js.set("ok", true);
    js.set("done", maximizer_->done());
    set_numbers(js, {{"step", maximizer_->step()},
                     {"steps", maximizer_->settings().steps},
                     {"objective", maximizer_->objective()},
                     {"height", maximizer_->height()},
                     {"width", maximizer_->width()}});
    js.set("image", to_float32_array(maximizer_->image()));
    return js;
  }

  val objectives() const { return to_float64_array(maximizer_->objectives()); }

 private:
  std::unique_ptr<CnnActivationMaximizer> maximizer_;
};

class CnnSessionJs {
 public:
  explicit CnnSessionJs(std::unique_ptr<CnnSession> session) : session_(std::move(session)) {}

  val advance(const val& js_batches) {
    int batches = 0;
    if (auto m = to_int_in_range(js_batches, "batches", 0, 1 << 20, batches); !m.empty()) {
      return error_result(m);
    }
    return val(session_->advance(batches));
  }

  val progress() const {
    const CnnProgress& p = session_->progress();
    val js = val::object();
    set_numbers(js, {{"epoch", p.epoch},
                     {"epochs", session_->config().epochs},
                     {"batch", p.batch},
                     {"batchesPerEpoch", p.batches_per_epoch},
                     {"steps", p.steps},
                     {"examples", static_cast<double>(p.examples)},
                     {"divergedEpoch", p.diverged_epoch},
                     {"divergedStep", p.diverged_step},
                     {"parameterCount", session_->network().parameter_count()},
                     {"trainingCount", session_->training_count()},
                     {"testCount", session_->test_count()}});
    js.set("done", p.done);
    js.set("evaluating", p.evaluating);
    js.set("diverged", p.diverged);
    js.set("stopReason", p.stop_reason);
    return js;
  }

  val history() const {
    const CnnHistory& h = session_->history();
    val js = val::object();
    js.set("trainLoss", to_float64_array(h.train_loss));
    js.set("trainAccuracy", to_float64_array(h.train_accuracy));
    js.set("testLoss", to_float64_array(h.test_loss));
    js.set("testAccuracy", to_float64_array(h.test_accuracy));
    return js;
  }

  val confusion() const { return to_int32_array(session_->confusion()); }

  val misclassified() const {
    val js = val::object();
    js.set("index", to_int32_array(session_->mistakes().index));
    js.set("predicted", to_int32_array(session_->mistakes().predicted));
    return js;
  }

  val filters() const {
    int count = 0, kernel = 0;
    const std::vector<float> weights = cnn_first_layer_filters(session_->network(), count, kernel);
    val js = val::object();
    set_numbers(js, {{"count", count}, {"channels", 1}, {"kernel", kernel}});
    js.set("weights", to_float32_array(weights));
    return js;
  }

  val predict(const val& pixels) const {
    std::vector<float> image;
    if (auto m = read_image(pixels, image); !m.empty()) return error_result(m);
    val js = ok();
    js.set("probabilities", to_float32_array(cnn_class_probabilities(session_->network(), image)));
    return js;
  }

  val feature_maps(const val& pixels) const {
    std::vector<float> image;
    if (auto m = read_image(pixels, image); !m.empty()) return error_result(m);
    val layers = val::array();
    for (const CnnFeatureMap& map : cnn_feature_maps(session_->network(), image)) {
      val js = val::object();
      js.set("layer", map.layer);
      set_numbers(js, {{"channels", map.channels}, {"height", map.height}, {"width", map.width}});
      js.set("values", to_float32_array(map.values));
      layers.call<void>("push", js);
    }
    val js = ok();
    js.set("layers", layers);
    return js;
  }

  val saliency(const val& pixels, const val& js_class) const {
    std::vector<float> image;
    int class_index = 0;
    for (const auto& m : {read_image(pixels, image), read_class(js_class, class_index)}) {
      if (!m.empty()) return error_result(m);
    }
    return map_result(session_->height(), session_->width(),
                      cnn_saliency(session_->network(), image, class_index));
  }

  val grad_cam(const val& pixels, const val& js_class) const {
    std::vector<float> image;
    int class_index = 0;
    for (const auto& m : {read_image(pixels, image), read_class(js_class, class_index)}) {
      if (!m.empty()) return error_result(m);
    }
    if (session_->config().conv_blocks.empty()) return error_result("Grad-CAM needs a conv block");
    const CnnGradCam cam = cnn_grad_cam(session_->network(), image, class_index);
    return map_result(cam.height, cam.width, cam.values);
  }

  val activation_maximizer(const val& js) const {
    CnnActivationMaxSettings settings;
    for (const auto& m : {read_activation_max(js, settings),
                          validate_cnn_activation_max(session_->network(), settings)}) {
      if (!m.empty()) return error_result(m);
    }
    val result = ok();
    result.set("maximizer", val(CnnActivationMaximizerJs(std::make_unique<CnnActivationMaximizer>(
                                session_->network(), settings))));
    return result;
  }

 private:
  static val ok() {
    val js = val::object();
    js.set("ok", true);
    return js;
  }
  static val map_result(int height, int width, const std::vector<float>& values) {
    val js = ok();
    set_numbers(js, {{"height", height}, {"width", width}});
    js.set("values", to_float32_array(values));
    return js;
  }
  std::string read_image(const val& pixels, std::vector<float>& image) const {
    std::vector<std::uint8_t> bytes;
    if (auto m = to_bytes(pixels, "pixels", bytes); !m.empty()) return m;
    const std::size_t expected = static_cast<std::size_t>(session_->height() * session_->width());
    if (bytes.size() != expected) {
      return "pixels must hold " + std::to_string(expected) + " values (" +
             std::to_string(session_->height()) + "×" + std::to_string(session_->width()) +
             "), got " + std::to_string(bytes.size());
    }
    image = cnn_image_from_bytes(bytes);
    return "";
  }
  static std::string read_class(const val& js_class, int& class_index) {
    return to_int_in_range(js_class, "classIndex", 0, kCnnClassCount - 1, class_index);
  }

 public:
  const CnnSession& session() const { return *session_; }

 private:
  std::unique_ptr<CnnSession> session_;
};

// js.from, when given: a live CnnSession handle whose conv blocks the new session starts from
// (the embind object, or module.api's wrapper of it, whose .raw it is).
std::string read_source_session(const val& js, const CnnSessionJs*& source) {
  source = nullptr;
  if (is_missing(js["from"])) return "";
  const val session_class = val::module_property("CnnSession");
  val from = js["from"];
  if (is_object(from) && !from.instanceof (session_class) && is_object(from["raw"])) {
    from = from["raw"];
  }
  if (!is_object(from) || !from.instanceof (session_class)) {
    return "from must be a CnnSession (createCnnSession's session)";
  }
  if (from.call<bool>("isDeleted")) return "from is a deleted CnnSession";
  source = from.as<const CnnSessionJs*>(emscripten::allow_raw_pointers());
  return "";
}

// {convBlocks, activation, dense, dropout, optimizer, lr, hyper, batchSize, trainSize, classes,
// perClass, frozenConvBlocks, epochs, shift, seed, from (a CnnSession: start from its conv
// blocks), height, width, train: {pixels, labels}, test: {pixels, labels}}
//   → {ok, session: CnnSession} (delete() the session when done)
val create_cnn_session(const val& js) {
  if (!is_object(js)) return error_result("createCnnSession needs an object");
  CnnConfig config;
  CnnData data;
  for (const auto& m : {read_config(js, config),
                        read_ints(js, {{"height", kMinCnnImageSide, kMaxCnnImageSide, &data.height},
                                       {"width", kMinCnnImageSide, kMaxCnnImageSide, &data.width}}),
                        read_images(js, "train", data.train), read_images(js, "test", data.test),
                        validate_cnn_data(config, data)}) {
    if (!m.empty()) return error_result(m);
  }
  const CnnSessionJs* source = nullptr;
  if (auto m = read_source_session(js, source); !m.empty()) return error_result(m);
  if (source != nullptr) {
    if (auto m = cnn_transfer_mismatch(config, source->session().config()); !m.empty()) {
      return error_result(m);
    }
  }
  val result = val::object();
  result.set("ok", true);
  result.set("session",
             val(CnnSessionJs(source != nullptr
                                  ? std::make_unique<CnnSession>(config, data, source->session())
                                  : std::make_unique<CnnSession>(config, data))));
  return result;
}

val cnn_catalog() {
  val catalog = val::object();
  std::vector<std::string> optimizers;
  for (const auto& info : optimizer_catalog()) optimizers.push_back(info.id);
  catalog.set("optimizers", string_array(optimizers));
  catalog.set("activations", string_array(nn::activation_names()));
  catalog.set("poolings", string_array({"none", "max", "average"}));
  val limits = val::object();
  set_numbers(limits, {{"classes", kCnnClassCount},
                       {"maxConvBlocks", kMaxCnnConvBlocks},
                       {"maxFilters", kMaxCnnFilters},
                       {"maxKernel", kMaxCnnKernel},
                       {"maxDenseLayers", kMaxCnnDenseLayers},
                       {"maxDenseWidth", kMaxCnnDenseWidth},
                       {"maxBatchSize", kMaxCnnBatchSize},
                       {"maxEpochs", kMaxCnnEpochs},
                       {"maxShift", kMaxCnnShift},
                       {"minImageSide", kMinCnnImageSide},
                       {"maxImageSide", kMaxCnnImageSide},
                       {"maxExamples", kMaxCnnExamples}});
  catalog.set("limits", limits);
  const CnnConfig defaults;
  val js = val::object();
  val blocks = val::array();
  for (const CnnConvBlock& block : defaults.conv_blocks) {
    val b = val::object();
    set_numbers(b, {{"filters", block.filters}, {"kernel", block.kernel}});
    b.set("pooling", std::string(cnn_pooling_name(block.pooling)));
    blocks.call<void>("push", b);
  }
  js.set("convBlocks", blocks);
  js.set("dense", to_int32_array(defaults.dense_layers));
  js.set("classes", to_int32_array(defaults.classes));
  js.set("activation", defaults.activation);
  js.set("optimizer", defaults.optimizer.id);
  set_numbers(js, {{"lr", defaults.learning_rate},
                   {"dropout", defaults.dropout},
                   {"batchSize", defaults.batch_size},
                   {"trainSize", defaults.train_size},
                   {"perClass", defaults.per_class},
                   {"frozenConvBlocks", defaults.frozen_conv_blocks},
                   {"epochs", defaults.epochs},
                   {"shift", defaults.shift},
                   {"seed", static_cast<double>(defaults.seed)}});
  catalog.set("defaults", js);
  return catalog;
}

}  // namespace
}  // namespace descent::bindings

EMSCRIPTEN_BINDINGS(descent_cnn) {
  using namespace descent::bindings;
  emscripten::class_<CnnSessionJs>("CnnSession")
      .function("advance", &CnnSessionJs::advance)
      .function("progress", &CnnSessionJs::progress)
      .function("history", &CnnSessionJs::history)
      .function("confusion", &CnnSessionJs::confusion)
      .function("misclassified", &CnnSessionJs::misclassified)
      .function("filters", &CnnSessionJs::filters)
      .function("predict", &CnnSessionJs::predict)
      .function("featureMaps", &CnnSessionJs::feature_maps)
      .function("saliency", &CnnSessionJs::saliency)
      .function("gradCam", &CnnSessionJs::grad_cam)
      .function("activationMaximizer", &CnnSessionJs::activation_maximizer);
  emscripten::class_<CnnActivationMaximizerJs>("CnnActivationMaximizer")
      .function("advance", &CnnActivationMaximizerJs::advance)
      .function("objectives", &CnnActivationMaximizerJs::objectives);
  emscripten::function("createCnnSession", &create_cnn_session);
  emscripten::function("cnnCatalog", &cnn_catalog);
}

DESCENT_END_COLD_CODE

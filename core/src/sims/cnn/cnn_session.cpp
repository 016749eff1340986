#include "descent/sims/cnn/cnn_session.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "descent/data/shuffle.hpp"

namespace descent {
namespace {

constexpr std::uint64_t kShuffleStream = 2;  // cnn_config.cpp: weights 1
constexpr std::uint64_t kShiftStream = 3;

const CnnConfig& checked(const CnnConfig& config, const CnnData& data) {
  std::string message = validate_cnn_config(config);
  if (message.empty()) message = validate_cnn_data(config, data);
  if (!message.empty()) throw std::invalid_argument(message);
  return config;
}

// The images of `images` at `indices`, one after another, and their labels.
void load_images(const CnnImages& images, const std::vector<int>& indices, int pixels,
                 std::vector<std::uint8_t>& selected, std::vector<int>& labels) {
  const std::size_t size = static_cast<std::size_t>(pixels);
  selected.resize(indices.size() * size);
  labels.resize(indices.size());
  for (std::size_t i = 0; i < indices.size(); ++i) {
    const auto source = static_cast<std::size_t>(indices[i]);
    std::copy_n(images.pixels.begin() + static_cast<std::ptrdiff_t>(source * size), size,
                selected.begin() + static_cast<std::ptrdiff_t>(i * size));
    labels[i] = images.labels[source];
  }
}

float pixel_value(std::uint8_t byte) { return static_cast<float>(byte) / 255.0f; }

// Row r of `inputs` = image `image` of `pixels` (bytes, image after image) in [0, 1].
void put_image(const std::vector<std::uint8_t>& pixels, int image, int size,
               nn::Matrix<float>& inputs, int r) {
  const std::uint8_t* bytes = pixels.data() + static_cast<std::size_t>(image) * size;
  for (int p = 0; p < size; ++p) inputs(r, p) = pixel_value(bytes[p]);
}

std::string block_field(int block, const char* field, int here, int there) {
  return "cannot start from the source session: conv block " + std::to_string(block + 1) + " has " +
         field + " " + std::to_string(here) + " here, " + std::to_string(there) + " in the source";
}

int argmax(const nn::Matrix<float>& rows, Eigen::Index row) {
  Eigen::Index best = 0;
  rows.row(row).maxCoeff(&best);
  return static_cast<int>(best);
}

}  // namespace

std::string cnn_transfer_mismatch(const CnnConfig& config, const CnnConfig& source) {
  const int blocks = static_cast<int>(config.conv_blocks.size());
  const int source_blocks = static_cast<int>(source.conv_blocks.size());
  if (blocks != source_blocks) {
    return "cannot start from the source session: " + std::to_string(blocks) +
           " conv blocks here, " + std::to_string(source_blocks) + " in the source";
  }
  for (int b = 0; b < blocks; ++b) {
    const CnnConvBlock& here = config.conv_blocks[static_cast<std::size_t>(b)];
    const CnnConvBlock& there = source.conv_blocks[static_cast<std::size_t>(b)];
    if (here.filters != there.filters)
      return block_field(b, "filters", here.filters, there.filters);
    if (here.kernel != there.kernel) return block_field(b, "kernel", here.kernel, there.kernel);
    if (here.pooling != there.pooling) {
      return "cannot start from the source session: conv block " + std::to_string(b + 1) +
             " has pooling \"" + cnn_pooling_name(here.pooling) + "\" here, \"" +
             cnn_pooling_name(there.pooling) + "\" in the source";
    }
    if (here.same_padding != there.same_padding) {
      return block_field(b, "same padding", here.same_padding, there.same_padding);
    }
    if (here.batch_norm != there.batch_norm) {
      return block_field(b, "batch norm", here.batch_norm, there.batch_norm);
    }
  }
  if (blocks > 0 && config.activation != source.activation) {
    return "cannot start from the source session: activation \"" + config.activation +
           "\" here, \"" + source.activation + "\" in the source";
  }
  return "";
}

CnnSession::CnnSession(const CnnConfig& config, const CnnData& data)
    : config_(checked(config, data)),
      height_(data.height),
      width_(data.width),
      network_(cnn_network_config(config, data.height, data.width)),
      shuffle_rng_(derive_seed(config.seed, kShuffleStream)),
      shift_rng_(derive_seed(config.seed, kShiftStream)),
      confusion_(static_cast<std::size_t>(kCnnClassCount * kCnnClassCount), 0) {
  const int pixels = height_ * width_;
  load_images(data.train,
              cnn_selected_images(config, data.train, config.train_size, config.per_class), pixels,
              train_pixels_, train_labels_);
  test_source_index_ = cnn_selected_images(config, data.test, 0, 0);
  load_images(data.test, test_source_index_, pixels, test_pixels_, test_labels_);
  const int train_count = static_cast<int>(train_labels_.size());
  loss_.kind = nn::LossKind::kCrossEntropy;
  parameters_ = network_.get_parameters().cast<double>();
  gradient_.resize(parameters_.size());
  // The frozen blocks' layers (a convolution, then its pooling if any) get no backward pass.
  int frozen_layers = 0;
  for (int b = 0; b < config.frozen_conv_blocks; ++b) {
    frozen_layers +=
        config.conv_blocks[static_cast<std::size_t>(b)].pooling == CnnPooling::kNone ? 1 : 2;
  }
  network_.set_frozen_layers(frozen_layers);
  trainable_offset_ = cnn_conv_parameter_count(config, config.frozen_conv_blocks);
  const int trainable = static_cast<int>(parameters_.size()) - trainable_offset_;
  if (trainable_offset_ > 0) {
    trainable_parameters_.resize(trainable);
    trainable_gradient_.resize(trainable);
  }
  optimizer_ = make_optimizer(config.optimizer, trainable);
  optimizer_->set_keeps_display_state(false);
  const int batch = std::min(config.batch_size, train_count);
  progress_.batches_per_epoch = (train_count + batch - 1) / batch;
  batch_inputs_.resize(batch, pixels);
  batch_targets_.resize(batch, kCnnClassCount);
}

CnnSession::CnnSession(const CnnConfig& config, const CnnData& data, const CnnSession& source)
    : CnnSession(config, data) {
  if (auto m = cnn_transfer_mismatch(config, source.config()); !m.empty()) {
    throw std::invalid_argument(m);
  }
  const int conv = cnn_conv_parameter_count(config, static_cast<int>(config.conv_blocks.size()));
  parameters_.head(conv) = source.parameters().head(conv);
  network_.set_parameters(parameters_);
  // Only conv blocks have batch norm here, so the running statistics are all theirs.
  network_.set_running_statistics(source.network().running_statistics());
}

bool CnnSession::advance(int max_units) {
  for (int unit = 0; unit < max_units && !progress_.done; ++unit) {
    if (progress_.evaluating) {
      evaluate_chunk();
      continue;
    }
    if (progress_.batch == 0) start_epoch();
    step();
    if (!progress_.done && progress_.batch == progress_.batches_per_epoch) start_evaluation();
  }
  return progress_.done;
}

void CnnSession::start_epoch() {
  order_ = shuffled_indices(static_cast<int>(train_labels_.size()), shuffle_rng_);
  epoch_loss_sum_ = 0.0;
  epoch_correct_ = 0;
  epoch_examples_ = 0;
}

void CnnSession::gather_batch(int start, int rows) {
  const int pixels = height_ * width_;
  if (batch_inputs_.rows() != rows) {
    batch_inputs_.resize(rows, pixels);
    batch_targets_.resize(rows, kCnnClassCount);
  }
  batch_targets_.setZero();
  const int k = config_.shift;
  for (int r = 0; r < rows; ++r) {
    const int source = order_[static_cast<std::size_t>(start + r)];
    batch_targets_(r, train_labels_[static_cast<std::size_t>(source)]) = 1.0f;
    if (k == 0) {
      put_image(train_pixels_, source, pixels, batch_inputs_, r);
      continue;
    }
    const std::uint8_t* bytes = train_pixels_.data() + static_cast<std::size_t>(source) * pixels;
    const int dy = static_cast<int>(shift_rng_.uniform() * (2 * k + 1)) - k;
    const int dx = static_cast<int>(shift_rng_.uniform() * (2 * k + 1)) - k;
    for (int y = 0; y < height_; ++y) {
      const int sy = y - dy;
      for (int x = 0; x < width_; ++x) {
        const int sx = x - dx;
        const bool inside = sy >= 0 && sy < height_ && sx >= 0 && sx < width_;
        batch_inputs_(r, y * width_ + x) = inside ? pixel_value(bytes[sy * width_ + sx]) : 0.0f;
      }
    }
  }
}

void CnnSession::step() {
  const int samples = static_cast<int>(train_labels_.size());
  const int batch = std::min(config_.batch_size, samples);
  const int start = progress_.batch * batch;
  const int rows = std::min(batch, samples - start);
  gather_batch(start, rows);
  network_.set_parameters(parameters_);
  const double loss = static_cast<double>(
      network_.loss_and_gradient(batch_inputs_, batch_targets_, loss_, gradient_));
  ++progress_.steps;
  if (!std::isfinite(loss)) return diverge("loss", loss);
  for (Eigen::Index i = 0; i < gradient_.size(); ++i) {
    if (!std::isfinite(gradient_[i])) return diverge("gradient", gradient_[i]);
  }
  const nn::Matrix<float>& logits = network_.modules().output();
  for (int r = 0; r < rows; ++r) {
    if (batch_targets_(r, argmax(logits, r)) == 1.0f) ++epoch_correct_;
  }
  epoch_loss_sum_ += loss * rows;
  epoch_examples_ += rows;
  if (trainable_offset_ == 0) {
    optimizer_->step(parameters_, gradient_, config_.learning_rate);
  } else {
    const Eigen::Index trainable = trainable_parameters_.size();
    trainable_parameters_ = parameters_.tail(trainable);
    trainable_gradient_ = gradient_.tail(trainable);
    optimizer_->step(trainable_parameters_, trainable_gradient_, config_.learning_rate);
    parameters_.tail(trainable) = trainable_parameters_;
  }
  ++progress_.batch;
  progress_.examples += rows;
}

void CnnSession::start_evaluation() {
  network_.set_parameters(parameters_);
  evaluation_.scored = 0;
  evaluation_.loss_sum = 0.0;
  evaluation_.correct = 0;
  evaluation_.confusion.assign(confusion_.size(), 0);
  evaluation_.mistakes = CnnMistakes{};
  progress_.evaluating = true;
}

void CnnSession::evaluate_chunk() {
  Evaluation& e = evaluation_;
  const int count = static_cast<int>(test_labels_.size());
  const int start = e.scored;
  const int rows = std::min(kCnnEvaluationChunk, count - start);
  const int pixels = height_ * width_;
  e.inputs.resize(rows, pixels);
  for (int r = 0; r < rows; ++r) put_image(test_pixels_, start + r, pixels, e.inputs, r);
  const nn::Matrix<float> logits = network_.predict(e.inputs);
  e.targets.setZero(rows, kCnnClassCount);
  for (int r = 0; r < rows; ++r)
    e.targets(r, test_labels_[static_cast<std::size_t>(start + r)]) = 1;
  e.loss_sum += static_cast<double>(nn::loss_value(loss_, logits, e.targets)) * rows;
  for (int r = 0; r < rows; ++r) {
    const int truth = test_labels_[static_cast<std::size_t>(start + r)];
    const int predicted = argmax(logits, r);
    ++e.confusion[static_cast<std::size_t>(truth * kCnnClassCount + predicted)];
    if (predicted == truth) {
      ++e.correct;
    } else {
      e.mistakes.index.push_back(test_source_index_[static_cast<std::size_t>(start + r)]);
      e.mistakes.predicted.push_back(predicted);
    }
  }
  e.scored += rows;
  if (e.scored == count) end_epoch();
}

void CnnSession::end_epoch() {
  progress_.evaluating = false;
  const int count = static_cast<int>(test_labels_.size());
  const double test_loss = evaluation_.loss_sum / count;
  if (!std::isfinite(test_loss)) return diverge("test loss", test_loss);
  history_.test_loss.push_back(test_loss);
  history_.test_accuracy.push_back(static_cast<double>(evaluation_.correct) / count);
  confusion_ = evaluation_.confusion;
  mistakes_ = std::move(evaluation_.mistakes);
  history_.train_loss.push_back(epoch_loss_sum_ / epoch_examples_);
  history_.train_accuracy.push_back(static_cast<double>(epoch_correct_) / epoch_examples_);
  ++progress_.epoch;
  progress_.batch = 0;
  if (progress_.epoch == config_.epochs) {
    progress_.done = true;
    progress_.stop_reason = "completed";
  }
}

void CnnSession::diverge(const std::string& what, double value) {
  progress_.done = true;
  progress_.diverged = true;
  progress_.diverged_epoch = progress_.epoch + 1;
  progress_.diverged_step = progress_.steps;
  progress_.stop_reason = "diverged at epoch " + std::to_string(progress_.diverged_epoch) +
                          ", step " + std::to_string(progress_.diverged_step) + ": " + what +
                          " became " + (std::isnan(value) ? "NaN" : "Inf");
  network_.set_parameters(parameters_);  // the last finite step's weights
}

}  // namespace descent

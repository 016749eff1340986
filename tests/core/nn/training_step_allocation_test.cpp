// A steady training step allocates nothing (DESIGN.md, hot paths): every module keeps its buffers,
// resized only when the batch size changes. Counted by interposing malloc (glibc), through which
// both operator new and Eigen's allocations go; under AddressSanitizer, which owns malloc (a second
// interposer breaks its start-up), through its allocation hook (build-scripts/sanitize.sh).
#include <catch2/catch.hpp>
#include <cstddef>

#include "descent/nn/embedding.hpp"
#include "descent/nn/network.hpp"
#include "descent/nn/recurrent_layer.hpp"
#include "descent/nn/seq2seq_network.hpp"
#include "descent/nn/sequence_network.hpp"
#include "descent/nn/time_distributed_dense.hpp"
#include "descent/sims/rnn/rnn_session.hpp"

#if defined(__SANITIZE_ADDRESS__)
#define DESCENT_ADDRESS_SANITIZER
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DESCENT_ADDRESS_SANITIZER
#endif
#endif

#if defined(__GLIBC__) || defined(DESCENT_ADDRESS_SANITIZER)

namespace {
bool counting_allocations = false;
long allocation_count = 0;
}  // namespace

#if defined(DESCENT_ADDRESS_SANITIZER)
// From Clang's <sanitizer/allocator_interface.h>, which GCC does not ship (its libasan has it).
using MallocHook = void (*)(const volatile void* pointer, std::size_t size);
using FreeHook = void (*)(const volatile void* pointer);
extern "C" int __sanitizer_install_malloc_and_free_hooks(MallocHook, FreeHook);

namespace {
void count_allocation(const volatile void*, std::size_t) {
  if (counting_allocations) ++allocation_count;
}
void ignore_free(const volatile void*) {}  // the hooks come in pairs
[[maybe_unused]] const int hooks_installed =
    __sanitizer_install_malloc_and_free_hooks(count_allocation, ignore_free);
}  // namespace
#else
extern "C" void* __libc_malloc(std::size_t size);

extern "C" void* malloc(std::size_t size) {
  if (counting_allocations) ++allocation_count;
  return __libc_malloc(size);
}
#endif

using descent::nn::ActivationKind;
using descent::nn::ImageSize;
using descent::nn::LayerKind;
using descent::nn::LayerSpec;
using descent::nn::Loss;
using descent::nn::LossKind;
using descent::nn::Matrix;
using descent::nn::Network;
using descent::nn::NetworkConfig;
using descent::nn::SlidingWindow;

TEST_CASE("a steady training step of a float network allocates nothing", "[nn][module]") {
  NetworkConfig config;
  config.input_width = 3;
  config.layers = {LayerSpec{8, ActivationKind::kRelu, false, true, 0.2},
                   LayerSpec{8, ActivationKind::kTanh, true, true, 0.1},
                   LayerSpec{8, ActivationKind::kSigmoid, true},
                   LayerSpec{2, ActivationKind::kLinear}};
  config.seed = 5;
  Network<float> network(config);
  const Eigen::VectorXd theta = network.get_parameters().cast<double>();
  const Matrix<float> inputs = Matrix<float>::Random(16, 3);
  const Matrix<float> targets = Matrix<float>::Random(16, 2);
  Eigen::VectorXd gradient;
  const Loss loss{LossKind::kMse};
  const auto step = [&] {
    network.set_parameters(theta);
    return network.loss_and_gradient(inputs, targets, loss, gradient);
  };
  // The counter sees Eigen's allocations.
  counting_allocations = true;
  const Matrix<float> probe = Matrix<float>::Zero(64, 64);
  counting_allocations = false;
  REQUIRE(allocation_count > 0);

  step();  // sizes every buffer
  allocation_count = 0;
  counting_allocations = true;
  for (int i = 0; i < 3; ++i) step();
  counting_allocations = false;
  CHECK(allocation_count == 0);
}

TEST_CASE("a steady training step of a float convolutional network allocates nothing",
          "[nn][module][conv]") {
  // Every image module: convolutions (grouped, strided, padded, dilated), both poolings, global
  // average pooling, flatten and 2-D batch norm, with the first convolution skipping ∂L/∂input.
  const auto layer = [](LayerKind kind, int width, SlidingWindow window, int groups = 1) {
    LayerSpec spec{width, ActivationKind::kRelu};
    spec.kind = kind;
    spec.window = window;
    spec.groups = groups;
    return spec;
  };
  NetworkConfig config;
  config.input_image = ImageSize{2, 12, 12};
  config.input_width = 2 * 12 * 12;
  config.layers = {layer(LayerKind::kConvolution, 4, SlidingWindow{3, 1, 1}),
                   layer(LayerKind::kConvolution, 4, SlidingWindow{3, 2, 2, 2}, 4),
                   layer(LayerKind::kMaxPool, 0, SlidingWindow{2, 2}),
                   layer(LayerKind::kConvolution, 6, SlidingWindow{1}, 2),
                   layer(LayerKind::kAvgPool, 0, SlidingWindow{2, 1}),
                   layer(LayerKind::kFlatten, 0, SlidingWindow{}),
                   LayerSpec{5, ActivationKind::kTanh},
                   LayerSpec{2, ActivationKind::kLinear}};
  config.seed = 5;
  Network<float> network(config);
  LayerSpec global = layer(LayerKind::kGlobalAvgPool, 0, SlidingWindow{});
  NetworkConfig pooled = config;
  pooled.layers = {config.layers[0], global, LayerSpec{2, ActivationKind::kLinear}};
  Network<float> pooled_network(pooled);
  NetworkConfig normalised = config;  // per-channel batch norm (BatchNorm2d) on two convolutions
  normalised.layers[0].batch_norm = normalised.layers[3].batch_norm = true;
  Network<float> normalised_network(normalised);
  for (Network<float>* tested : {&network, &pooled_network, &normalised_network}) {
    const Eigen::VectorXd theta = tested->get_parameters().cast<double>();
    const Matrix<float> inputs = Matrix<float>::Random(8, 2 * 12 * 12);
    const Matrix<float> targets = Matrix<float>::Random(8, 2);
    Eigen::VectorXd gradient;
    const Loss loss{LossKind::kMse};
    const auto step = [&] {
      tested->set_parameters(theta);
      return tested->loss_and_gradient(inputs, targets, loss, gradient);
    };
    step();  // sizes every buffer
    allocation_count = 0;
    counting_allocations = true;
    for (int i = 0; i < 3; ++i) step();
    counting_allocations = false;
    CHECK(allocation_count == 0);
  }
}

TEST_CASE("a steady training step of float sequence modules allocates nothing",
          "[nn][module][recurrent]") {
  // Embedding → each recurrent cell (truncated or not) → time-distributed head, forward and
  // backward by hand (the embedding's input is ids: parameter gradients only).
  using descent::nn::CellKind;
  using descent::nn::Mode;
  using descent::nn::RecurrentSettings;
  const int batch = 4, time = 6;
  Matrix<float> ids(batch, time);
  for (int k = 0; k < batch * time; ++k) ids.data()[k] = static_cast<float>(k % 7);
  for (const CellKind cell : {CellKind::kRnn, CellKind::kLstm, CellKind::kGru}) {
    descent::Rng rng(3);
    descent::nn::Embedding<float> embedding(7, 5, rng);
    descent::nn::RecurrentLayer<float> recurrent(RecurrentSettings{cell, 5, 8, 4, {}}, rng);
    descent::nn::TimeDistributedDense<float> head(8, 3, descent::nn::Initializer{}, rng);
    const Matrix<float> upstream = Matrix<float>::Ones(batch, time * 3);
    const auto step = [&] {
      const Matrix<float>& embedded = embedding.forward(ids, Mode::kTraining, rng);
      const Matrix<float>& states = recurrent.forward(embedded, Mode::kTraining, rng);
      head.forward(states, Mode::kTraining, rng);
      const Matrix<float>& grad_states = head.backward(states, upstream);
      embedding.accumulate_parameter_gradients(ids, recurrent.backward(embedded, grad_states));
    };
    step();  // sizes every buffer
    allocation_count = 0;
    counting_allocations = true;
    for (int i = 0; i < 3; ++i) step();
    counting_allocations = false;
    CHECK(allocation_count == 0);
  }
}

TEST_CASE("a steady training step of a float seq2seq network allocates nothing",
          "[nn][module][seq2seq]") {
  // Each attention kind with an LSTM (its cell state crosses from encoder to decoder) and a GRU,
  // with padding masks on both sides, into a double gradient as a trainer runs it.
  using descent::nn::AttentionKind;
  using descent::nn::CellKind;
  const int batch = 4, source_steps = 6, target_steps = 5;
  Matrix<float> sources(batch, source_steps), targets(batch, target_steps);
  for (int k = 0; k < batch * source_steps; ++k) sources.data()[k] = static_cast<float>(k % 7);
  for (int k = 0; k < batch * target_steps; ++k) targets.data()[k] = static_cast<float>(k % 5);
  Matrix<float> source_mask = Matrix<float>::Ones(batch, source_steps);
  Matrix<float> target_mask = Matrix<float>::Ones(batch, target_steps);
  source_mask(1, 0) = target_mask(2, 4) = 0.0F;
  for (const CellKind cell : {CellKind::kLstm, CellKind::kGru}) {
    for (const AttentionKind attention : {AttentionKind::kNone, AttentionKind::kAdditive,
                                          AttentionKind::kDot, AttentionKind::kGeneral}) {
      descent::nn::Seq2SeqConfig config;
      config.source_vocabulary = 7;
      config.target_classes = 5;
      config.cell = cell;
      config.hidden_size = 8;
      config.attention = attention;
      descent::nn::Seq2SeqNetwork<float> network(config);
      Eigen::VectorXd gradient;
      const auto step = [&] {
        return network.loss_and_gradient(sources, targets, source_mask, target_mask, gradient);
      };
      step();  // sizes every buffer
      allocation_count = 0;
      counting_allocations = true;
      for (int i = 0; i < 3; ++i) step();
      counting_allocations = false;
      CHECK(allocation_count == 0);
    }
  }
}

TEST_CASE("a steady training step of a float sequence network allocates nothing",
          "[nn][module][sequence_network]") {
  // Both heads, with a masked per-step cross-entropy and a last-step MSE: forward, the sequence
  // loss (its checks included) and the backward pass into a double gradient, as a trainer runs it.
  using descent::nn::SequenceHead;
  using descent::nn::SequenceLossKind;
  const int batch = 4, time = 6;
  Matrix<float> ids(batch, time);
  for (int k = 0; k < batch * time; ++k) ids.data()[k] = static_cast<float>(k % 5);
  for (const SequenceHead head : {SequenceHead::kEveryStep, SequenceHead::kLastStep}) {
    descent::nn::SequenceNetworkConfig config;
    config.vocabulary = 5;
    config.embedding_size = 3;
    config.hidden_size = 8;
    config.output_size = 5;
    config.head = head;
    config.loss =
        head == SequenceHead::kEveryStep ? SequenceLossKind::kCrossEntropy : SequenceLossKind::kMse;
    descent::nn::SequenceNetwork<float> network(config);
    const bool every_step = head == SequenceHead::kEveryStep;
    const Matrix<float> targets =
        every_step ? ids : Matrix<float>(Matrix<float>::Ones(batch, config.output_size));
    Matrix<float> mask;
    if (every_step) mask = Matrix<float>::Ones(batch, time);
    if (every_step) mask(0, 0) = 0.0F;
    Eigen::VectorXd gradient;
    network.loss_and_gradient(ids, targets, mask, gradient);  // sizes every buffer
    allocation_count = 0;
    counting_allocations = true;
    for (int i = 0; i < 3; ++i) network.loss_and_gradient(ids, targets, mask, gradient);
    counting_allocations = false;
    CHECK(allocation_count == 0);
  }
}

TEST_CASE("a steady training step of the RNN widget's session allocates nothing", "[rnn]") {
  // Every task and cell, clipped and truncated, with Adam: batches gathered, reshuffled (64
  // batches of 32 use up the 2048 training sequences), logged and stepped without an allocation.
  using descent::nn::CellKind;
  for (const descent::RnnTask task : {descent::RnnTask::kSine, descent::RnnTask::kAdding,
                                      descent::RnnTask::kParity, descent::RnnTask::kCopy}) {
    for (const CellKind cell : {CellKind::kRnn, CellKind::kLstm, CellKind::kGru}) {
      descent::RnnConfig config;
      config.task = task;
      config.cell = cell;
      config.sequence_length = 4;
      config.hidden_size = 4;
      config.truncation = 3;
      config.clip_norm = 0.1;
      descent::RnnSession session(config);
      session.train(1);  // sizes every buffer
      allocation_count = 0;
      counting_allocations = true;
      session.train(70);
      session.clear_log();
      session.train(2);
      counting_allocations = false;
      CHECK(allocation_count == 0);
    }
  }
}

#endif

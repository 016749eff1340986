#include "descent/nn/sequence_network.hpp"

#include <memory>
#include <stdexcept>
#include <utility>

#include "descent/nn/dense_layer.hpp"
#include "descent/nn/embedding.hpp"
#include "descent/nn/last_step.hpp"
#include "descent/nn/network.hpp"
#include "descent/nn/time_distributed_dense.hpp"

namespace descent::nn {

namespace {

std::string check_size(const char* field, int value) {
  if (value >= 1 && value <= kMaxLayerWidth) return "";
  return std::string("sequence network: ") + field + " must be in [1, " +
         std::to_string(kMaxLayerWidth) + "], got " + std::to_string(value);
}

RecurrentSettings recurrent_settings(const SequenceNetworkConfig& config) {
  const int input = config.vocabulary > 0 ? config.embedding_size : config.input_size;
  return RecurrentSettings{config.cell, input, config.hidden_size, config.truncation,
                           config.forget_gate_bias};
}

}  // namespace

std::string validate_sequence_network_config(const SequenceNetworkConfig& config) {
  for (const auto& [field, value] :
       {std::pair{"input_size", config.input_size}, std::pair{"hidden_size", config.hidden_size},
        std::pair{"output_size", config.output_size}}) {
    std::string message = check_size(field, value);
    if (!message.empty()) return message;
  }
  if (config.vocabulary < 0) {
    return "sequence network: vocabulary must be ≥ 0 (0: raw inputs), got " +
           std::to_string(config.vocabulary);
  }
  if (config.vocabulary > 0) {
    std::string message = check_size("embedding_size", config.embedding_size);
    if (!message.empty()) return message;
    if (config.input_size != 1) {
      return "sequence network: with a vocabulary each step is one token id, so input_size must "
             "be 1, got " +
             std::to_string(config.input_size);
    }
  }
  std::string message = validate_recurrent(recurrent_settings(config));
  if (!message.empty()) return "sequence network: " + message;
  if (config.loss == SequenceLossKind::kCrossEntropy && config.output_size < 2) {
    return "sequence network: cross_entropy needs output_size ≥ 2 classes, got " +
           std::to_string(config.output_size);
  }
  message = validate_initializer(config.initializer);
  if (!message.empty()) return "sequence network: " + message;
  return "";
}

template <typename Scalar>
SequenceNetwork<Scalar>::SequenceNetwork(const SequenceNetworkConfig& config)
    : config_(config), rng_(config.seed) {
  const std::string message = validate_sequence_network_config(config);
  if (!message.empty()) throw std::invalid_argument(message);
  if (config.vocabulary > 0) {
    Rng rng(derive_seed(config.seed, 0));
    modules_.add(
        std::make_unique<Embedding<Scalar>>(config.vocabulary, config.embedding_size, rng));
  }
  Rng recurrent_rng(derive_seed(config.seed, 1));
  modules_.add(std::make_unique<RecurrentLayer<Scalar>>(recurrent_settings(config), recurrent_rng));
  Rng head_rng(derive_seed(config.seed, 2));
  if (config.head == SequenceHead::kEveryStep) {
    modules_.add(std::make_unique<TimeDistributedDense<Scalar>>(
        config.hidden_size, config.output_size, config.initializer, head_rng));
  } else {
    modules_.add(std::make_unique<LastStep<Scalar>>(config.hidden_size));
    modules_.add(std::make_unique<DenseLayer<Scalar>>(config.hidden_size, config.output_size,
                                                      config.initializer, head_rng));
  }
  parameter_count_ = modules_.parameter_count();
  index_modules();
}

template <typename Scalar>
SequenceNetwork<Scalar>::SequenceNetwork(const SequenceNetwork& other)
    : config_(other.config_),
      modules_(other.modules_),
      rng_(other.rng_),
      loss_gradient_(other.loss_gradient_),
      parameter_count_(other.parameter_count_) {
  index_modules();
}

template <typename Scalar>
SequenceNetwork<Scalar>& SequenceNetwork<Scalar>::operator=(const SequenceNetwork& other) {
  if (this != &other) {
    config_ = other.config_;
    modules_ = other.modules_;
    rng_ = other.rng_;
    loss_gradient_ = other.loss_gradient_;
    parameter_count_ = other.parameter_count_;
    index_modules();
  }
  return *this;
}

template <typename Scalar>
void SequenceNetwork<Scalar>::index_modules() {
  recurrent_ = dynamic_cast<RecurrentLayer<Scalar>*>(&modules_.at(config_.vocabulary > 0 ? 1 : 0));
  parameter_blocks_ = parameter_blocks(static_cast<Module<Scalar>&>(modules_));
}

template <typename Scalar>
Vector<Scalar> SequenceNetwork<Scalar>::get_parameters() const {
  Vector<Scalar> parameters(parameter_count_);
  write_block_values(parameter_blocks_, parameters.data());
  return parameters;
}

template <typename Scalar>
template <typename Source>
void SequenceNetwork<Scalar>::set_parameters(const Vector<Source>& parameters) {
  if (parameters.size() != parameter_count_) {
    throw std::invalid_argument("sequence network: expected " + std::to_string(parameter_count_) +
                                " parameters, got " + std::to_string(parameters.size()));
  }
  read_blocks(parameter_blocks_, parameters.data());
}

template <typename Scalar>
int SequenceNetwork<Scalar>::input_time(const Matrix<Scalar>& inputs) const {
  const Eigen::Index step = config_.input_size;
  if (inputs.rows() < 1 || inputs.cols() < step || inputs.cols() % step != 0) {
    throw std::invalid_argument("sequence network: inputs are " + std::to_string(inputs.rows()) +
                                " × " + std::to_string(inputs.cols()) +
                                ", expected ≥ 1 rows (samples) and time × " + std::to_string(step) +
                                " columns (step t in columns t·" + std::to_string(step) +
                                " onwards)");
  }
  return static_cast<int>(inputs.cols() / step);
}

template <typename Scalar>
int SequenceNetwork<Scalar>::output_time(const Matrix<Scalar>& inputs) const {
  const int time = input_time(inputs);
  return config_.head == SequenceHead::kLastStep ? 1 : time;
}

template <typename Scalar>
Matrix<Scalar> SequenceNetwork<Scalar>::predict(const Matrix<Scalar>& inputs) const {
  input_time(inputs);
  return modules_.apply(inputs);
}

template <typename Scalar>
Scalar SequenceNetwork<Scalar>::loss(const Matrix<Scalar>& inputs, const Matrix<Scalar>& targets,
                                     const Matrix<Scalar>& mask) const {
  return sequence_loss_value(config_.loss, output_time(inputs), predict(inputs), targets, mask);
}

template <typename Scalar>
template <typename GradientScalar>
Scalar SequenceNetwork<Scalar>::loss_and_gradient(const Matrix<Scalar>& inputs,
                                                  const Matrix<Scalar>& targets,
                                                  const Matrix<Scalar>& mask,
                                                  Vector<GradientScalar>& gradient) {
  const int time = output_time(inputs);
  const Matrix<Scalar>& predictions = modules_.forward(inputs, Mode::kTraining, rng_);
  const Scalar value =
      sequence_loss_and_gradient(config_.loss, time, predictions, targets, mask, loss_gradient_);
  modules_.zero_gradients();
  // The first module's input is data (or token ids): no ∂L/∂input.
  modules_.accumulate_parameter_gradients(inputs, loss_gradient_);
  gradient.resize(parameter_count_);
  write_block_gradients(parameter_blocks_, gradient.data());
  return value;
}

template class SequenceNetwork<float>;
template class SequenceNetwork<double>;
template void SequenceNetwork<float>::set_parameters(const Vector<float>&);
template void SequenceNetwork<float>::set_parameters(const Vector<double>&);
template void SequenceNetwork<double>::set_parameters(const Vector<double>&);
template float SequenceNetwork<float>::loss_and_gradient(const Matrix<float>&, const Matrix<float>&,
                                                         const Matrix<float>&, Vector<float>&);
template float SequenceNetwork<float>::loss_and_gradient(const Matrix<float>&, const Matrix<float>&,
                                                         const Matrix<float>&, Vector<double>&);
template double SequenceNetwork<double>::loss_and_gradient(const Matrix<double>&,
                                                           const Matrix<double>&,
                                                           const Matrix<double>&, Vector<double>&);

}  // namespace descent::nn

#include "descent/nn/recurrent_layer.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "descent/math/cold_code.hpp"
#include "descent/math/messages.hpp"
#include "descent/nn/gru_cell.hpp"
#include "descent/nn/initializer.hpp"
#include "descent/nn/lstm_cell.hpp"
#include "descent/nn/matrix_product.hpp"
#include "descent/nn/rnn_cell.hpp"

namespace descent::nn {
namespace {

int cached_width(CellKind cell) {
  switch (cell) {
    case CellKind::kRnn:
      return RnnCell::kCachedWidth;
    case CellKind::kLstm:
      return LstmCell::kCachedWidth;
    case CellKind::kGru:
      return GruCell::kCachedWidth;
  }
  return 0;
}

// Every row of the batch × bias.cols() block at `target` set to the bias, column by column.
template <typename Scalar>
void fill_with_bias(const RowVector<Scalar>& bias, Eigen::Index batch, Scalar* target) {
  for (Eigen::Index unit = 0; unit < bias.cols(); ++unit) {
    std::fill(target + unit * batch, target + (unit + 1) * batch, bias[unit]);
  }
}

// One sample's row of a batch × time·width per-step matrix, as time × width (row t: step t).
template <typename Scalar>
Matrix<Scalar> per_step_rows(const Matrix<Scalar>& steps, int sample, int time, int width,
                             int first_column, int columns) {
  Matrix<Scalar> rows(time, columns);
  for (int t = 0; t < time; ++t) {
    for (int column = 0; column < columns; ++column) {
      rows(t, column) = steps(sample, t * width + first_column + column);
    }
  }
  return rows;
}

}  // namespace

// Validation and names, once per layer built: optimised for size (cold_code.hpp).
DESCENT_BEGIN_COLD_CODE
std::string cell_name(CellKind cell) {
  switch (cell) {
    case CellKind::kRnn:
      return "rnn";
    case CellKind::kLstm:
      return "lstm";
    case CellKind::kGru:
      return "gru";
  }
  return "recurrent";
}

int cell_gate_count(CellKind cell) {
  switch (cell) {
    case CellKind::kRnn:
      return RnnCell::kGates;
    case CellKind::kLstm:
      return LstmCell::kGates;
    case CellKind::kGru:
      return GruCell::kGates;
  }
  return 1;
}

std::string validate_recurrent(const RecurrentSettings& settings) {
  const std::string owner = cell_name(settings.cell);
  if (settings.input_size < 1) {
    return owner + ": input size must be ≥ 1, got " + std::to_string(settings.input_size);
  }
  if (settings.hidden_size < 1) {
    return owner + ": hidden size must be ≥ 1, got " + std::to_string(settings.hidden_size);
  }
  if (settings.truncation < 0) {
    return owner + ": truncation must be ≥ 0 steps (0: full backpropagation through time), got " +
           std::to_string(settings.truncation);
  }
  if (settings.forget_gate_bias && settings.cell != CellKind::kLstm) {
    return owner + ": the forget-gate bias is an LSTM setting";
  }
  if (settings.forget_gate_bias && !std::isfinite(*settings.forget_gate_bias)) {
    return owner + ": the forget-gate bias must be a finite number, got " +
           format_number(*settings.forget_gate_bias);
  }
  return "";
}

template <typename Scalar>
RecurrentLayer<Scalar>::RecurrentLayer(const RecurrentSettings& settings, Rng& rng)
    : settings_(settings) {
  const std::string message = validate_recurrent(settings);
  if (!message.empty()) throw std::invalid_argument(message);
  const int input = settings.input_size, hidden = settings.hidden_size;
  const int width = gates() * hidden;
  // torch's U[±1/√hidden): the uniform initializer's bound is σ√3.
  const Initializer uniform{InitKind::kUniform, 0.0, 1.0 / std::sqrt(3.0 * hidden)};
  input_weights_ = initialize_weights<Scalar>(uniform, input, width, input, width, rng);
  hidden_weights_ = initialize_weights<Scalar>(uniform, hidden, width, hidden, width, rng);
  input_bias_ = initialize_weights<Scalar>(uniform, 1, width, hidden, width, rng);
  hidden_bias_ = initialize_weights<Scalar>(uniform, 1, width, hidden, width, rng);
  if (settings.forget_gate_bias) {
    const Eigen::Index first = LstmCell::kForgetGate * hidden;
    input_bias_.segment(first, hidden).setConstant(static_cast<Scalar>(*settings.forget_gate_bias));
    hidden_bias_.segment(first, hidden).setZero();
  }
  input_weight_gradient_ = Matrix<Scalar>::Zero(input, width);
  hidden_weight_gradient_ = Matrix<Scalar>::Zero(hidden, width);
  input_bias_gradient_ = RowVector<Scalar>::Zero(width);
  hidden_bias_gradient_ = RowVector<Scalar>::Zero(width);
}

template <typename Scalar>
std::unique_ptr<Module<Scalar>> RecurrentLayer<Scalar>::clone() const {
  return std::make_unique<RecurrentLayer>(*this);
}

template <typename Scalar>
std::string RecurrentLayer<Scalar>::name() const {
  std::string text = cell_name(settings_.cell) + " " + std::to_string(settings_.input_size) + "→" +
                     std::to_string(settings_.hidden_size);
  if (settings_.truncation > 0) {
    text += ", truncated to " + std::to_string(settings_.truncation) + " steps";
  }
  return text;
}

template <typename Scalar>
TensorShape RecurrentLayer<Scalar>::output_shape(const TensorShape& input) const {
  if (input.layout() != TensorLayout::kSequence || input.features() != settings_.input_size) {
    throw std::invalid_argument(shape_mismatch(
        name(), input, "(batch, time, features " + std::to_string(settings_.input_size) + ")"));
  }
  return TensorShape::sequence(input.batch(), input.time(), settings_.hidden_size);
}

template <typename Scalar>
int RecurrentLayer<Scalar>::time_of(const Matrix<Scalar>& input) const {
  const Eigen::Index features = settings_.input_size;
  if (input.cols() < features || input.cols() % features != 0) {
    throw std::invalid_argument(name() + ": input has " + std::to_string(input.cols()) +
                                " columns, expected time × " + std::to_string(features) +
                                " (one row per sample, step t in columns t·" +
                                std::to_string(features) + " onwards)");
  }
  return static_cast<int>(input.cols() / features);
}

template <typename Scalar>
void RecurrentLayer<Scalar>::require_sample(int sample) const {
  if (sample < 0 || sample >= states_.hidden.rows()) {
    throw std::out_of_range(name() + ": sample " + std::to_string(sample) +
                            " is outside the last forward's batch of " +
                            std::to_string(states_.hidden.rows()));
  }
}
DESCENT_END_COLD_CODE

template <typename Scalar>
template <typename Cell>
void RecurrentLayer<Scalar>::run_forward(const Matrix<Scalar>& input, States& states) const {
  const Eigen::Index batch = input.rows(), hidden = settings_.hidden_size;
  const Eigen::Index features = settings_.input_size, width = Cell::kGates * hidden;
  const int time = time_of(input);
  states.hidden.resize(batch, time * hidden);
  if (settings_.cell == CellKind::kLstm) states.cell.resize(batch, time * hidden);
  states.cache.resize(batch, time * Cell::kCachedWidth * hidden);
  states.input_part.resize(batch, width);
  states.hidden_part.resize(batch, width);
  if (!states.from_initial_state) {
    states.initial_hidden.setZero(batch, hidden);
    states.initial_cell.setZero(batch, hidden);
  }
  const ConstMatrixView<Scalar> input_weights(input_weights_.data(), features, width);
  const ConstMatrixView<Scalar> hidden_weights(hidden_weights_.data(), hidden, width);
  const Eigen::Index state_size = batch * hidden;
  for (int t = 0; t < time; ++t) {
    Scalar* const hidden_state = states.hidden.data() + t * state_size;
    const Scalar* const previous_hidden =
        t == 0 ? states.initial_hidden.data() : hidden_state - state_size;
    fill_with_bias(input_bias_, batch, states.input_part.data());
    add_product(ConstMatrixView<Scalar>(input.data() + t * features * batch, batch, features),
                input_weights, MatrixView<Scalar>(states.input_part.data(), batch, width));
    fill_with_bias(hidden_bias_, batch, states.hidden_part.data());
    if (t > 0 || states.from_initial_state) {
      add_product(ConstMatrixView<Scalar>(previous_hidden, batch, hidden), hidden_weights,
                  MatrixView<Scalar>(states.hidden_part.data(), batch, width));
    }
    Scalar* const cell_state =
        settings_.cell == CellKind::kLstm ? states.cell.data() + t * state_size : nullptr;
    const Scalar* const previous_cell =
        cell_state == nullptr ? nullptr
                              : (t == 0 ? states.initial_cell.data() : cell_state - state_size);
    Cell::forward(RecurrentStep<Scalar>{batch, hidden, states.input_part.data(),
                                        states.hidden_part.data(), previous_hidden, previous_cell,
                                        hidden_state, cell_state,
                                        states.cache.data() + t * Cell::kCachedWidth * state_size});
  }
}

template <typename Scalar>
Matrix<Scalar> RecurrentLayer<Scalar>::apply(const Matrix<Scalar>& input) const {
  States states;
  switch (settings_.cell) {
    case CellKind::kRnn:
      run_forward<RnnCell>(input, states);
      break;
    case CellKind::kLstm:
      run_forward<LstmCell>(input, states);
      break;
    case CellKind::kGru:
      run_forward<GruCell>(input, states);
      break;
  }
  return states.hidden;
}

template <typename Scalar>
const Matrix<Scalar>& RecurrentLayer<Scalar>::forward(const Matrix<Scalar>& input, Mode, Rng&) {
  states_.from_initial_state = false;
  forward_by_cell(input);
  return states_.hidden;
}

template <typename Scalar>
const Matrix<Scalar>& RecurrentLayer<Scalar>::forward_from(
    const Matrix<Scalar>& input, const ConstMatrixView<Scalar>& initial_hidden,
    const ConstMatrixView<Scalar>& initial_cell, Mode, Rng&) {
  const Eigen::Index batch = input.rows(), hidden = settings_.hidden_size;
  const bool lstm = settings_.cell == CellKind::kLstm;
  if (initial_hidden.rows() != batch || initial_hidden.cols() != hidden ||
      (lstm && (initial_cell.rows() != batch || initial_cell.cols() != hidden))) {
    throw std::invalid_argument(name() + ": the initial state must be batch × hidden (" +
                                std::to_string(batch) + " × " + std::to_string(hidden) + ")" +
                                (lstm ? " for both h and c" : ""));
  }
  states_.initial_hidden = initial_hidden;
  if (lstm) {
    states_.initial_cell = initial_cell;
  } else {
    states_.initial_cell.setZero(batch, hidden);
  }
  states_.from_initial_state = true;
  forward_by_cell(input);
  return states_.hidden;
}

template <typename Scalar>
ConstMatrixView<Scalar> RecurrentLayer<Scalar>::final_hidden_state() const {
  const Eigen::Index batch = states_.hidden.rows(), hidden = settings_.hidden_size;
  if (time_steps_ == 0) throw std::logic_error(name() + ": no forward() yet");
  return ConstMatrixView<Scalar>(states_.hidden.data() + (time_steps_ - 1) * batch * hidden, batch,
                                 hidden);
}

template <typename Scalar>
ConstMatrixView<Scalar> RecurrentLayer<Scalar>::final_cell_state() const {
  if (settings_.cell != CellKind::kLstm) {
    throw std::logic_error(name() + ": only an LSTM has a cell state");
  }
  const Eigen::Index batch = states_.cell.rows(), hidden = settings_.hidden_size;
  if (time_steps_ == 0) throw std::logic_error(name() + ": no forward() yet");
  return ConstMatrixView<Scalar>(states_.cell.data() + (time_steps_ - 1) * batch * hidden, batch,
                                 hidden);
}

template <typename Scalar>
void RecurrentLayer<Scalar>::forward_by_cell(const Matrix<Scalar>& input) {
  switch (settings_.cell) {
    case CellKind::kRnn:
      run_forward<RnnCell>(input, states_);
      break;
    case CellKind::kLstm:
      run_forward<LstmCell>(input, states_);
      break;
    case CellKind::kGru:
      run_forward<GruCell>(input, states_);
      break;
  }
  time_steps_ = static_cast<int>(states_.hidden.cols() / settings_.hidden_size);
}

template <typename Scalar>
template <typename Cell>
void RecurrentLayer<Scalar>::run_backward(const Matrix<Scalar>& input,
                                          const Matrix<Scalar>& grad_output, bool input_gradient,
                                          const Scalar* final_cell_gradient) {
  const Eigen::Index batch = input.rows(), hidden = settings_.hidden_size;
  const Eigen::Index features = settings_.input_size, width = Cell::kGates * hidden;
  const int time = time_steps_;
  const int window = settings_.truncation == 0 ? time : settings_.truncation;
  const Eigen::Index state_size = batch * hidden;
  grad_hidden_.resize(batch, hidden);
  if (final_cell_gradient != nullptr && settings_.cell == CellKind::kLstm) {
    grad_cell_ = ConstMatrixView<Scalar>(final_cell_gradient, batch, hidden);
  } else {
    grad_cell_.setZero(batch, hidden);
  }
  grad_carry_.setZero(batch, hidden);
  grad_input_part_.resize(batch, width);
  grad_hidden_part_.resize(batch, width);
  transposed_input_.resize(features, batch);
  transposed_hidden_.resize(hidden, batch);
  if (input_gradient) grad_input_.setZero(batch, time * features);
  hidden_gradient_norms_.resize(static_cast<std::size_t>(time));
  const ConstMatrixView<Scalar> input_weights(input_weights_.data(), features, width);
  const ConstMatrixView<Scalar> hidden_weights(hidden_weights_.data(), hidden, width);
  const ConstMatrixView<Scalar> grad_input_part(grad_input_part_.data(), batch, width);
  const ConstMatrixView<Scalar> grad_hidden_part(grad_hidden_part_.data(), batch, width);
  for (int t = time - 1; t >= 0; --t) {
    grad_hidden_ = ConstMatrixView<Scalar>(grad_output.data() + t * state_size, batch, hidden);
    grad_hidden_ += grad_carry_;
    hidden_gradient_norms_[static_cast<std::size_t>(t)] =
        std::sqrt(static_cast<double>(grad_hidden_.squaredNorm()));
    Scalar* const hidden_state = states_.hidden.data() + t * state_size;
    const Scalar* const previous_hidden =
        t == 0 ? states_.initial_hidden.data() : hidden_state - state_size;
    Scalar* const cell_state =
        settings_.cell == CellKind::kLstm ? states_.cell.data() + t * state_size : nullptr;
    const Scalar* const previous_cell =
        cell_state == nullptr ? nullptr
                              : (t == 0 ? states_.initial_cell.data() : cell_state - state_size);
    const RecurrentStep<Scalar> step{
        batch,        hidden,          nullptr,
        nullptr,      previous_hidden, previous_cell,
        hidden_state, cell_state,      states_.cache.data() + t * Cell::kCachedWidth * state_size};
    Cell::backward(step, RecurrentStepGradient<Scalar>{
                             grad_hidden_.data(), grad_cell_.data(), grad_input_part_.data(),
                             grad_hidden_part_.data(), grad_carry_.data()});
    // ∂L/∂W_x += x_tᵀ·∂L/∂a_t, ∂L/∂W_h += h_{t−1}ᵀ·∂L/∂u_t (h_{−1} = 0 adds nothing), biases.
    const ConstMatrixView<Scalar> step_input(input.data() + t * features * batch, batch, features);
    transposed_input_.noalias() = step_input.transpose();
    add_product(ConstMatrixView<Scalar>(transposed_input_.data(), features, batch), grad_input_part,
                MatrixView<Scalar>(input_weight_gradient_.data(), features, width));
    input_bias_gradient_ += grad_input_part_.colwise().sum();
    hidden_bias_gradient_ += grad_hidden_part_.colwise().sum();
    if (t > 0 || states_.from_initial_state) {
      transposed_hidden_.noalias() =
          ConstMatrixView<Scalar>(previous_hidden, batch, hidden).transpose();
      add_product(ConstMatrixView<Scalar>(transposed_hidden_.data(), hidden, batch),
                  grad_hidden_part,
                  MatrixView<Scalar>(hidden_weight_gradient_.data(), hidden, width));
    }
    if (input_gradient) {
      add_product_transposed(
          grad_input_part, input_weights,
          MatrixView<Scalar>(grad_input_.data() + t * features * batch, batch, features));
    }
    // The carry to step t − 1: nothing across a truncation window's first step (or before t = 0,
    // unless into a given initial state under full BPTT); otherwise ∂L/∂u_t·W_hᵀ, added to the
    // GRU's direct z ⊙ ∂L/∂h_t that its cell wrote there.
    const bool into_initial_state = t == 0 && states_.from_initial_state && window >= time;
    if ((t == 0 || (time - t) % window == 0) && !into_initial_state) {
      grad_carry_.setZero();
      grad_cell_.setZero();
      continue;
    }
    if (settings_.cell != CellKind::kGru) grad_carry_.setZero();
    add_product_transposed(grad_hidden_part, hidden_weights,
                           MatrixView<Scalar>(grad_carry_.data(), batch, hidden));
  }
  // What crossed step 0: ∂L/∂h_{−1}, ∂L/∂c_{−1} (zeros unless into an initial state).
  initial_hidden_gradient_ = grad_carry_;
  initial_cell_gradient_ = grad_cell_;
}

template <typename Scalar>
void RecurrentLayer<Scalar>::backward_by_cell(const Matrix<Scalar>& input,
                                              const Matrix<Scalar>& grad_output,
                                              bool input_gradient,
                                              const Scalar* final_cell_gradient) {
  if (states_.hidden.size() == 0) throw std::logic_error(name() + ": backward() before forward()");
  require_gradient_shape("recurrent layer", states_.hidden, grad_output);
  if (input.rows() != states_.hidden.rows() ||
      input.cols() != static_cast<Eigen::Index>(time_steps_) * settings_.input_size) {
    throw std::invalid_argument(name() + ": backward() needs the last forward()'s input");
  }
  switch (settings_.cell) {
    case CellKind::kRnn:
      run_backward<RnnCell>(input, grad_output, input_gradient, final_cell_gradient);
      break;
    case CellKind::kLstm:
      run_backward<LstmCell>(input, grad_output, input_gradient, final_cell_gradient);
      break;
    case CellKind::kGru:
      run_backward<GruCell>(input, grad_output, input_gradient, final_cell_gradient);
      break;
  }
}

template <typename Scalar>
const Matrix<Scalar>& RecurrentLayer<Scalar>::backward(const Matrix<Scalar>& input,
                                                       const Matrix<Scalar>& grad_output) {
  backward_by_cell(input, grad_output, true);
  return grad_input_;
}

template <typename Scalar>
const Matrix<Scalar>& RecurrentLayer<Scalar>::backward_with_final_cell_gradient(
    const Matrix<Scalar>& input, const Matrix<Scalar>& grad_output,
    const Matrix<Scalar>& final_cell_gradient) {
  if (final_cell_gradient.rows() != input.rows() ||
      final_cell_gradient.cols() != settings_.hidden_size) {
    throw std::invalid_argument(name() + ": the final cell gradient must be batch × hidden");
  }
  backward_by_cell(input, grad_output, true, final_cell_gradient.data());
  return grad_input_;
}

template <typename Scalar>
void RecurrentLayer<Scalar>::accumulate_parameter_gradients(const Matrix<Scalar>& input,
                                                            const Matrix<Scalar>& grad_output) {
  backward_by_cell(input, grad_output, false);
}

template <typename Scalar>
void RecurrentLayer<Scalar>::zero_gradients() {
  input_weight_gradient_.setZero();
  hidden_weight_gradient_.setZero();
  input_bias_gradient_.setZero();
  hidden_bias_gradient_.setZero();
}

template <typename Scalar>
ParameterBlock<Scalar> RecurrentLayer<Scalar>::parameter_block(int index) {
  switch (index) {
    case 0:
      return {input_weights_.data(), input_weight_gradient_.data(), input_weights_.rows(),
              input_weights_.cols()};
    case 1:
      return {hidden_weights_.data(), hidden_weight_gradient_.data(), hidden_weights_.rows(),
              hidden_weights_.cols()};
    case 2:
      return {input_bias_.data(), input_bias_gradient_.data(), 1, input_bias_.cols()};
    case 3:
      return {hidden_bias_.data(), hidden_bias_gradient_.data(), 1, hidden_bias_.cols()};
    default:
      return Module<Scalar>::parameter_block(index);
  }
}

template <typename Scalar>
std::optional<GradientNorms> RecurrentLayer<Scalar>::gradient_norms() const {
  const auto norm = [](double first, double second) { return std::sqrt(first + second); };
  return GradientNorms{
      norm(input_weights_.squaredNorm(), hidden_weights_.squaredNorm()),
      norm(input_weight_gradient_.squaredNorm(), hidden_weight_gradient_.squaredNorm()),
      norm(input_bias_gradient_.squaredNorm(), hidden_bias_gradient_.squaredNorm())};
}

template <typename Scalar>
Matrix<Scalar> RecurrentLayer<Scalar>::hidden_states(int sample) const {
  require_sample(sample);
  const int hidden = settings_.hidden_size;
  return per_step_rows(states_.hidden, sample, time_steps_, hidden, 0, hidden);
}

template <typename Scalar>
Matrix<Scalar> RecurrentLayer<Scalar>::cell_states(int sample) const {
  if (settings_.cell != CellKind::kLstm) {
    throw std::logic_error(name() + ": only an LSTM has a cell state");
  }
  require_sample(sample);
  const int hidden = settings_.hidden_size;
  return per_step_rows(states_.cell, sample, time_steps_, hidden, 0, hidden);
}

template <typename Scalar>
Matrix<Scalar> RecurrentLayer<Scalar>::gate_activations(int sample) const {
  require_sample(sample);
  const int hidden = settings_.hidden_size;
  const int gate_columns = settings_.cell == CellKind::kRnn ? 0 : gates() * hidden;
  return per_step_rows(states_.cache, sample, time_steps_, cached_width(settings_.cell) * hidden, 0,
                       gate_columns);
}

template class RecurrentLayer<float>;
template class RecurrentLayer<double>;

}  // namespace descent::nn

#pragma once
// The layer contract: every piece of a network — a dense layer, an activation, batch norm, dropout,
// a residual block, a sequence of modules — is a Module, so a network is a list of modules and a
// new kind of layer (a convolution, an LSTM) plugs in by implementing this interface. Modelled on
// tiny-dnn's layer (forward_propagation / back_propagation over shaped data, weights exposed as a
// list of parameter tensors), written for our conventions:
//
// - Data: a batch tensor is a Matrix<Scalar> with one row per sample and the sample's tensor
//   flattened row-major in the columns (tensor_shape.hpp); output_shape maps the shape in to the
//   shape out, so a module knows how to read its columns.
// - forward caches what backward needs in buffers the module keeps (resized only when the batch
//   size changes: a steady training step allocates nothing) and returns its output by reference,
//   valid until the next forward. backward gets the same input again (a container passes the
//   previous module's output()), returns ∂L/∂input and adds ∂L/∂(own parameters) into the
//   module's gradient accumulators; accumulate_parameter_gradients does only the latter, for the
//   first module, whose input is data.
// - Parameters: parameter_block(i) exposes the module's parameter tensors in order; the network's
//   flat θ is the concatenation of every block, modules depth first, each block row by row. A
//   container's parameters are its children's (child_count / child), in order.
// - Training vs evaluation (torch's model.train() / model.eval()): forward takes a Mode; apply is
//   evaluation mode without touching any cache or state (for predictions between training steps).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "descent/math/rng.hpp"
#include "descent/nn/tensor.hpp"
#include "descent/nn/tensor_shape.hpp"

namespace descent::nn {

enum class Mode {
  kTraining,    // batch statistics (and their running averages move), fresh dropout masks
  kEvaluation,  // running statistics, no dropout: a sample's output ignores the rest of the batch
};

// One parameter tensor of a module: rows × cols values and their gradient accumulator, each stored
// column-major (Eigen's Matrix / RowVector storage: entry (i, j) at i + j·rows). In the flat θ the
// block's entries go row by row: (i, j) at the block's offset + i·cols + j. The pointers stay valid
// as long as the module lives: a module keeps its parameters' and gradients' storage from
// construction on (so a network can keep its blocks and skip the module tree on every step).
template <typename Scalar>
struct ParameterBlock {
  Scalar* values;
  const Scalar* gradient;
  Eigen::Index rows;
  Eigen::Index cols;
};

// Optional diagnostics (what the dynamics explorer plots), from the last training forward/backward.
struct ActivationStatistics {
  double mean;                // mean of the output over the batch and the units
  double std;                 // population standard deviation of the same values
  double zero_fraction;       // fraction of those values exactly 0 (ReLU: inactive on a sample)
  double dead_unit_fraction;  // fraction of units (columns) exactly 0 on every sample
};
struct GradientNorms {
  double weight_norm;           // ‖W‖, Frobenius
  double weight_gradient_norm;  // ‖∂L/∂W‖
  double bias_gradient_norm;    // ‖∂L/∂b‖
};

template <typename Scalar>
class Module {
 public:
  virtual ~Module() = default;
  // A deep copy, caches and accumulators included (networks are copied, e.g. to probe a step).
  virtual std::unique_ptr<Module> clone() const = 0;
  // What the module is, e.g. "dense 2→8", "tanh", "batch_norm 8", "residual".
  virtual std::string name() const = 0;

  // The shape of the output for an input of this shape (the batch passes through). Throws
  // std::invalid_argument, naming the module, when the module cannot take such an input.
  virtual TensorShape output_shape(const TensorShape& input) const = 0;

  // Evaluation-mode output for the batch; touches no cache, statistic or accumulator.
  virtual Matrix<Scalar> apply(const Matrix<Scalar>& input) const = 0;
  // The output for the batch in `mode`, cached for backward (training-mode batch norm also moves
  // its running statistics; dropout draws its mask from rng, which other modules ignore).
  virtual const Matrix<Scalar>& forward(const Matrix<Scalar>& input, Mode mode, Rng& rng) = 0;
  // The last forward's output (empty before the first).
  virtual const Matrix<Scalar>& output() const = 0;
  // Given the last forward's input and ∂L/∂output, adds ∂L/∂parameters to the accumulators and
  // returns ∂L/∂input (valid until the next backward). Throws std::logic_error before any forward,
  // std::invalid_argument when grad_output's shape is not the last output's.
  virtual const Matrix<Scalar>& backward(const Matrix<Scalar>& input,
                                         const Matrix<Scalar>& grad_output) = 0;
  // backward without ∂L/∂input, for a module whose input is data: overridden where skipping it
  // saves work (the dense layer's ∂L/∂z·Wᵀ).
  virtual void accumulate_parameter_gradients(const Matrix<Scalar>& input,
                                              const Matrix<Scalar>& grad_output) {
    backward(input, grad_output);
  }
  virtual void zero_gradients() {}

  // Own parameter tensors, in the flat order (none by default).
  virtual int parameter_block_count() const { return 0; }
  virtual ParameterBlock<Scalar> parameter_block(int index);
  // Sub-modules of a container, in order (none by default).
  virtual int child_count() const { return 0; }
  virtual Module* child(int index);
  const Module* child(int index) const { return const_cast<Module*>(this)->child(index); }
  // Own blocks' entries plus the children's.
  virtual int parameter_count() const;

  // Statistics of the last training forward's output, for an activation (none by default).
  virtual std::optional<ActivationStatistics> activation_statistics() const { return {}; }
  // Norms of the weights and of the last backward's gradients, for a weight layer (none by
  // default).
  virtual std::optional<GradientNorms> gradient_norms() const { return {}; }

 protected:
  Module() = default;
  Module(const Module&) = default;
  Module& operator=(const Module&) = default;
};

// Every parameter block of the module and its descendants, depth first: the flat order.
template <typename Scalar>
std::vector<ParameterBlock<Scalar>> parameter_blocks(Module<Scalar>& module);

// θ ↔ blocks, each block row by row (see ParameterBlock), the blocks one after the other. Values
// are rounded to the destination type (θ is kept in double by the trainer; a float network reads
// it directly). No allocation: these run on every training step.
template <typename Scalar, typename Source>
void read_blocks(const std::vector<ParameterBlock<Scalar>>& blocks, const Source* flat);
template <typename Scalar, typename Destination>
void write_block_values(const std::vector<ParameterBlock<Scalar>>& blocks, Destination* flat);
template <typename Scalar, typename Destination>
void write_block_gradients(const std::vector<ParameterBlock<Scalar>>& blocks, Destination* flat);

// The same for a module and its descendants (collecting the blocks first). Each returns how many
// entries it read or wrote: module.parameter_count().
template <typename Scalar, typename Source>
Eigen::Index read_parameters(Module<Scalar>& module, const Source* flat);
template <typename Scalar, typename Destination>
Eigen::Index write_parameters(const Module<Scalar>& module, Destination* flat);
template <typename Scalar, typename Destination>
Eigen::Index write_gradient(const Module<Scalar>& module, Destination* flat);

// "kind: input is <shape>, expected <what>" for output_shape's messages.
std::string shape_mismatch(const std::string& module, const TensorShape& input,
                           const std::string& expected);
// The checks every image layer makes: output_shape's input is an image of exactly
// channels × height × width, and a forward's input matrix has that many columns (one row per
// sample). Each throws std::invalid_argument naming the module; the name is only built then
// (a training step allocates nothing).
void require_image_shape(const std::string& module, const TensorShape& input, int channels,
                         int height, int width);
[[noreturn]] void throw_image_columns(const std::string& module, Eigen::Index columns,
                                      Eigen::Index expected);
template <typename Scalar>
void require_image_columns(const Module<Scalar>& module, Eigen::Index columns, int channels,
                           int height, int width) {
  const Eigen::Index expected = static_cast<Eigen::Index>(channels) * height * width;
  if (columns != expected) throw_image_columns(module.name(), columns, expected);
}
// Throws std::invalid_argument unless grad_output has the shape of output (a backward's check).
[[noreturn]] void throw_gradient_shape(const char* module, Eigen::Index output_rows,
                                       Eigen::Index output_cols, Eigen::Index grad_rows,
                                       Eigen::Index grad_cols);
template <typename Scalar>
void require_gradient_shape(const char* module, const Matrix<Scalar>& output,
                            const Matrix<Scalar>& grad_output) {
  if (grad_output.rows() == output.rows() && grad_output.cols() == output.cols()) return;
  throw_gradient_shape(module, output.rows(), output.cols(), grad_output.rows(),
                       grad_output.cols());
}

extern template class Module<float>;
extern template class Module<double>;

}  // namespace descent::nn

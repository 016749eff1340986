#include "descent/nn/module.hpp"

#include <stdexcept>

namespace descent::nn {
namespace {

// Visits every parameter block of `module` and its descendants in the flat order, with the offset
// of the block's first entry; returns the entries visited.
template <typename Scalar, typename Visit>
Eigen::Index for_each_block(Module<Scalar>& module, Eigen::Index offset, Visit& visit) {
  const Eigen::Index start = offset;
  for (int index = 0; index < module.parameter_block_count(); ++index) {
    const ParameterBlock<Scalar> block = module.parameter_block(index);
    visit(block, offset);
    offset += block.rows * block.cols;
  }
  for (int index = 0; index < module.child_count(); ++index) {
    offset += for_each_block(*module.child(index), offset, visit);
  }
  return offset - start;
}

}  // namespace

template <typename Scalar>
ParameterBlock<Scalar> Module<Scalar>::parameter_block(int index) {
  throw std::out_of_range(name() + ": no parameter block " + std::to_string(index));
}

template <typename Scalar>
Module<Scalar>* Module<Scalar>::child(int index) {
  throw std::out_of_range(name() + ": no sub-module " + std::to_string(index));
}

template <typename Scalar>
int Module<Scalar>::parameter_count() const {
  int count = 0;
  auto& self = const_cast<Module&>(*this);
  for (int index = 0; index < parameter_block_count(); ++index) {
    const ParameterBlock<Scalar> block = self.parameter_block(index);
    count += static_cast<int>(block.rows * block.cols);
  }
  for (int index = 0; index < child_count(); ++index) count += child(index)->parameter_count();
  return count;
}

// Between a block's storage (column-major) and its row-by-row place in θ. A vector's two orders
// coincide: one contiguous loop, which the compiler vectorises; a matrix walks its storage column
// by column, reading θ with a stride. The loops run on every training step (set_parameters and the
// gradient), so they use plain pointers.
template <typename To, typename From>
void storage_from_flat(To* __restrict storage, const From* __restrict flat, Eigen::Index rows,
                       Eigen::Index cols) {
  if (rows == 1 || cols == 1) {
    for (Eigen::Index k = 0; k < rows * cols; ++k) storage[k] = static_cast<To>(flat[k]);
    return;
  }
  for (Eigen::Index j = 0; j < cols; ++j) {
    for (Eigen::Index i = 0; i < rows; ++i)
      storage[i + j * rows] = static_cast<To>(flat[i * cols + j]);
  }
}

template <typename To, typename From>
void flat_from_storage(To* __restrict flat, const From* __restrict storage, Eigen::Index rows,
                       Eigen::Index cols) {
  if (rows == 1 || cols == 1) {
    for (Eigen::Index k = 0; k < rows * cols; ++k) flat[k] = static_cast<To>(storage[k]);
    return;
  }
  for (Eigen::Index i = 0; i < rows; ++i) {
    for (Eigen::Index j = 0; j < cols; ++j)
      flat[i * cols + j] = static_cast<To>(storage[i + j * rows]);
  }
}

template <typename Scalar>
std::vector<ParameterBlock<Scalar>> parameter_blocks(Module<Scalar>& module) {
  std::vector<ParameterBlock<Scalar>> blocks;
  auto visit = [&blocks](const ParameterBlock<Scalar>& block, Eigen::Index) {
    blocks.push_back(block);
  };
  for_each_block(module, 0, visit);
  return blocks;
}

template <typename Scalar, typename Source>
void read_blocks(const std::vector<ParameterBlock<Scalar>>& blocks, const Source* flat) {
  for (const ParameterBlock<Scalar>& block : blocks) {
    storage_from_flat(block.values, flat, block.rows, block.cols);
    flat += block.rows * block.cols;
  }
}

template <typename Scalar, typename Destination>
void write_block_values(const std::vector<ParameterBlock<Scalar>>& blocks, Destination* flat) {
  for (const ParameterBlock<Scalar>& block : blocks) {
    flat_from_storage(flat, block.values, block.rows, block.cols);
    flat += block.rows * block.cols;
  }
}

template <typename Scalar, typename Destination>
void write_block_gradients(const std::vector<ParameterBlock<Scalar>>& blocks, Destination* flat) {
  for (const ParameterBlock<Scalar>& block : blocks) {
    flat_from_storage(flat, block.gradient, block.rows, block.cols);
    flat += block.rows * block.cols;
  }
}

template <typename Scalar, typename Source>
Eigen::Index read_parameters(Module<Scalar>& module, const Source* flat) {
  read_blocks(parameter_blocks(module), flat);
  return module.parameter_count();
}

// Blocks are only read by the two below: the const_cast lets one traversal serve both directions.
template <typename Scalar, typename Destination>
Eigen::Index write_parameters(const Module<Scalar>& module, Destination* flat) {
  write_block_values(parameter_blocks(const_cast<Module<Scalar>&>(module)), flat);
  return module.parameter_count();
}

template <typename Scalar, typename Destination>
Eigen::Index write_gradient(const Module<Scalar>& module, Destination* flat) {
  write_block_gradients(parameter_blocks(const_cast<Module<Scalar>&>(module)), flat);
  return module.parameter_count();
}

std::string shape_mismatch(const std::string& module, const TensorShape& input,
                           const std::string& expected) {
  return module + ": input is " + input.to_string() + ", expected " + expected;
}

void require_image_shape(const std::string& module, const TensorShape& input, int channels,
                         int height, int width) {
  if (input.layout() != TensorLayout::kImage || input.channels() != channels ||
      input.height() != height || input.width() != width) {
    throw std::invalid_argument(shape_mismatch(
        module, input, TensorShape::image(input.batch(), channels, height, width).to_string()));
  }
}

void throw_image_columns(const std::string& module, Eigen::Index columns, Eigen::Index expected) {
  throw std::invalid_argument(module + ": input has " + std::to_string(columns) +
                              " columns, the layer expects " + std::to_string(expected) +
                              " (channels × height × width, one row per sample)");
}

void throw_gradient_shape(const char* module, Eigen::Index output_rows, Eigen::Index output_cols,
                          Eigen::Index grad_rows, Eigen::Index grad_cols) {
  throw std::invalid_argument(std::string(module) + ": the output gradient is " +
                              std::to_string(grad_rows) + "×" + std::to_string(grad_cols) +
                              ", the last forward() produced " + std::to_string(output_rows) + "×" +
                              std::to_string(output_cols));
}

template class Module<float>;
template class Module<double>;
template Eigen::Index read_parameters(Module<float>&, const float*);
template Eigen::Index read_parameters(Module<float>&, const double*);
template Eigen::Index read_parameters(Module<double>&, const double*);
template Eigen::Index write_parameters(const Module<float>&, float*);
template Eigen::Index write_parameters(const Module<float>&, double*);
template Eigen::Index write_parameters(const Module<double>&, double*);
template Eigen::Index write_gradient(const Module<float>&, float*);
template Eigen::Index write_gradient(const Module<float>&, double*);
template Eigen::Index write_gradient(const Module<double>&, double*);
template std::vector<ParameterBlock<float>> parameter_blocks(Module<float>&);
template void read_blocks(const std::vector<ParameterBlock<float>>&, const float*);
template void write_block_values(const std::vector<ParameterBlock<float>>&, float*);
template void write_block_gradients(const std::vector<ParameterBlock<float>>&, float*);
template void read_blocks(const std::vector<ParameterBlock<float>>&, const double*);
template void write_block_values(const std::vector<ParameterBlock<float>>&, double*);
template void write_block_gradients(const std::vector<ParameterBlock<float>>&, double*);
template std::vector<ParameterBlock<double>> parameter_blocks(Module<double>&);
template void read_blocks(const std::vector<ParameterBlock<double>>&, const double*);
template void write_block_values(const std::vector<ParameterBlock<double>>&, double*);
template void write_block_gradients(const std::vector<ParameterBlock<double>>&, double*);

}  // namespace descent::nn

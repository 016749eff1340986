#include "descent/nn/module.hpp"

#include <cstring>
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

// Four values of T in one vector (GCC/Clang vector extension: SSE natively, WebAssembly SIMD).
template <typename T>
struct Quad;
template <>
struct Quad<float> {
  typedef float Vector __attribute__((vector_size(16)));
};
template <>
struct Quad<double> {
  typedef double Vector __attribute__((vector_size(32)));
};

// out(i, j) = in(i, j) for i < 4, j < 4: in column-major with column stride in_step, out row-major
// with row stride out_step. Four column loads, a shuffle transpose, four converted row stores.
template <typename To, typename From>
void transpose_quad(To* __restrict out, Eigen::Index out_step, const From* __restrict in,
                    Eigen::Index in_step) {
  using In = typename Quad<From>::Vector;
  using Out = typename Quad<To>::Vector;
  In column[4];
  for (int j = 0; j < 4; ++j) std::memcpy(&column[j], in + j * in_step, sizeof(In));
  const In low01 = __builtin_shufflevector(column[0], column[1], 0, 4, 1, 5);
  const In low23 = __builtin_shufflevector(column[2], column[3], 0, 4, 1, 5);
  const In high01 = __builtin_shufflevector(column[0], column[1], 2, 6, 3, 7);
  const In high23 = __builtin_shufflevector(column[2], column[3], 2, 6, 3, 7);
  const Out rows[4] = {
      __builtin_convertvector(__builtin_shufflevector(low01, low23, 0, 1, 4, 5), Out),
      __builtin_convertvector(__builtin_shufflevector(low01, low23, 2, 3, 6, 7), Out),
      __builtin_convertvector(__builtin_shufflevector(high01, high23, 0, 1, 4, 5), Out),
      __builtin_convertvector(__builtin_shufflevector(high01, high23, 2, 3, 6, 7), Out)};
  for (int i = 0; i < 4; ++i) std::memcpy(out + i * out_step, &rows[i], sizeof(Out));
}

// out (row-major rows × cols) = in (column-major rows × cols), converted: in 4 × 4 blocks, then the
// edges entry by entry. Entry by entry throughout, one side is read or written with a stride of a
// whole column (1 KB for a 256-input layer, whose reads then share a few cache sets): copying the
// gradient out took a sixth of a LeNet batch-1 training step.
template <typename To, typename From>
void transposed_copy(To* __restrict out, const From* __restrict in, Eigen::Index rows,
                     Eigen::Index cols) {
  const Eigen::Index block_rows = rows - rows % 4, block_cols = cols - cols % 4;
  for (Eigen::Index j = 0; j < block_cols; j += 4) {
    for (Eigen::Index i = 0; i < block_rows; i += 4) {
      transpose_quad(out + i * cols + j, cols, in + i + j * rows, rows);
    }
  }
  for (Eigen::Index i = 0; i < rows; ++i) {
    for (Eigen::Index j = i < block_rows ? block_cols : 0; j < cols; ++j) {
      out[i * cols + j] = static_cast<To>(in[i + j * rows]);
    }
  }
}

// Between a block's storage (column-major) and its row-by-row place in θ. A vector's two orders
// coincide: one contiguous loop, which the compiler vectorises. The loops run on every training
// step (set_parameters and the gradient), so they use plain pointers.
template <typename To, typename From>
void storage_from_flat(To* __restrict storage, const From* __restrict flat, Eigen::Index rows,
                       Eigen::Index cols) {
  if (rows == 1 || cols == 1) {
    for (Eigen::Index k = 0; k < rows * cols; ++k) storage[k] = static_cast<To>(flat[k]);
    return;
  }
  // θ's row-major rows × cols block is the column-major cols × rows matrix Wᵀ.
  transposed_copy(storage, flat, cols, rows);
}

template <typename To, typename From>
void flat_from_storage(To* __restrict flat, const From* __restrict storage, Eigen::Index rows,
                       Eigen::Index cols) {
  if (rows == 1 || cols == 1) {
    for (Eigen::Index k = 0; k < rows * cols; ++k) flat[k] = static_cast<To>(storage[k]);
    return;
  }
  transposed_copy(flat, storage, rows, cols);
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

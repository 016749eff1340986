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

template <typename Scalar, typename Source>
Eigen::Index read_parameters(Module<Scalar>& module, const Source* flat) {
  auto visit = [flat](const ParameterBlock<Scalar>& block, Eigen::Index offset) {
    for (Eigen::Index i = 0; i < block.rows; ++i) {
      for (Eigen::Index j = 0; j < block.cols; ++j) {
        block.values[i + j * block.rows] = static_cast<Scalar>(flat[offset + i * block.cols + j]);
      }
    }
  };
  return for_each_block(module, 0, visit);
}

// Writes one accessor's values (the parameters or their gradients) of every block.
template <typename Scalar, typename Destination, typename Values>
Eigen::Index write_blocks(const Module<Scalar>& module, Destination* flat, Values values_of) {
  auto visit = [flat, values_of](const ParameterBlock<Scalar>& block, Eigen::Index offset) {
    const Scalar* values = values_of(block);
    for (Eigen::Index i = 0; i < block.rows; ++i) {
      for (Eigen::Index j = 0; j < block.cols; ++j) {
        flat[offset + i * block.cols + j] = static_cast<Destination>(values[i + j * block.rows]);
      }
    }
  };
  // Blocks are read only: the const_cast lets one visitor serve reads and writes.
  return for_each_block(const_cast<Module<Scalar>&>(module), 0, visit);
}

template <typename Scalar, typename Destination>
Eigen::Index write_parameters(const Module<Scalar>& module, Destination* flat) {
  return write_blocks(module, flat, [](const ParameterBlock<Scalar>& block) -> const Scalar* {
    return block.values;
  });
}

template <typename Scalar, typename Destination>
Eigen::Index write_gradient(const Module<Scalar>& module, Destination* flat) {
  return write_blocks(module, flat,
                      [](const ParameterBlock<Scalar>& block) { return block.gradient; });
}

std::string shape_mismatch(const std::string& module, const TensorShape& input,
                           const std::string& expected) {
  return module + ": input is " + input.to_string() + ", expected " + expected;
}

template <typename Scalar>
void require_gradient_shape(const char* module, const Matrix<Scalar>& output,
                            const Matrix<Scalar>& grad_output) {
  if (grad_output.rows() == output.rows() && grad_output.cols() == output.cols()) return;
  throw std::invalid_argument(
      std::string(module) + ": the output gradient is " + std::to_string(grad_output.rows()) + "×" +
      std::to_string(grad_output.cols()) + ", the last forward() produced " +
      std::to_string(output.rows()) + "×" + std::to_string(output.cols()));
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
template void require_gradient_shape(const char*, const Matrix<float>&, const Matrix<float>&);
template void require_gradient_shape(const char*, const Matrix<double>&, const Matrix<double>&);

}  // namespace descent::nn

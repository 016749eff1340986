#pragma once
// A token embedding (torch's nn.Embedding): a table E of vocabulary × dimension values, row i the
// learned vector of token i. Input (batch, time, 1) holds token ids as Scalar values (0, 1, 2, …
// exactly: a float holds every integer below 2²⁴); output (batch, time, dimension) has step t of
// sample n equal to E(id(n, t), ·) — in storage (tensor_shape.hpp) column t·dimension + j.
//
// Backward adds ∂L/∂output(n, t, ·) into row id(n, t) of ∂L/∂E (a token seen twice gets both) and
// returns ∂L/∂input = 0: the ids are integers, a lookup has no derivative in them. So the generic
// gradient check, which perturbs the input, does not apply to this module; its test checks ∂L/∂E
// by finite differences of the table with the ids fixed.
//
// Parameter blocks (module.hpp): the table E (vocabulary × dimension), so in θ, row by row, token
// i's vector starts at i·dimension. Initialised like torch: N(0, 1) unless told otherwise.
#include <memory>
#include <string>
#include <vector>

#include "descent/math/rng.hpp"
#include "descent/nn/initializer.hpp"
#include "descent/nn/module.hpp"
#include "descent/nn/tensor.hpp"

namespace descent::nn {

template <typename Scalar>
class Embedding : public Module<Scalar> {
 public:
  // Throws std::invalid_argument, naming the module, when a size is < 1 or the initializer is
  // invalid.
  Embedding(int vocabulary_size, int dimension, Rng& rng,
            const Initializer& initializer = Initializer{InitKind::kNormal, 0.0, 1.0});

  int vocabulary_size() const { return static_cast<int>(table_.rows()); }
  int dimension() const { return static_cast<int>(table_.cols()); }
  const Matrix<Scalar>& table() const { return table_; }
  // Throws std::invalid_argument unless the shape is the current one.
  void set_table(const Matrix<Scalar>& table);
  const Matrix<Scalar>& table_gradient() const { return table_gradient_; }

  std::unique_ptr<Module<Scalar>> clone() const override;
  // "embedding 10→4": vocabulary → dimension.
  std::string name() const override;
  TensorShape output_shape(const TensorShape& input) const override;
  // Throw std::invalid_argument, naming the module, for an id that is not an integer in
  // [0, vocabulary).
  Matrix<Scalar> apply(const Matrix<Scalar>& input) const override;
  const Matrix<Scalar>& forward(const Matrix<Scalar>& input, Mode mode, Rng& rng) override;
  const Matrix<Scalar>& output() const override { return output_; }
  // Returns a batch × time matrix of zeros (see above).
  const Matrix<Scalar>& backward(const Matrix<Scalar>& input,
                                 const Matrix<Scalar>& grad_output) override;
  void accumulate_parameter_gradients(const Matrix<Scalar>& input,
                                      const Matrix<Scalar>& grad_output) override;
  void zero_gradients() override { table_gradient_.setZero(); }
  int parameter_block_count() const override { return 1; }
  ParameterBlock<Scalar> parameter_block(int index) override;

 private:
  // Checks every id, keeps them in `tokens` (sample fastest, then step) and writes the vectors.
  void look_up(const Matrix<Scalar>& input, std::vector<int>& tokens, Matrix<Scalar>& output) const;

  Matrix<Scalar> table_;
  Matrix<Scalar> table_gradient_;
  std::vector<int> tokens_;  // the last forward's ids
  Matrix<Scalar> output_;
  Matrix<Scalar> grad_input_;
};

extern template class Embedding<float>;
extern template class Embedding<double>;

}  // namespace descent::nn

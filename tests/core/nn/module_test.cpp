// The layer contract (module.hpp) on every module: the generic gradient check at a couple of
// shapes, the flat parameter blocks, shapes in and out, and deep copies.
#include "descent/nn/module.hpp"

#include <catch2/catch.hpp>
#include <memory>
#include <stdexcept>
#include <string>

#include "descent/nn/activation_layer.hpp"
#include "descent/nn/batch_norm.hpp"
#include "descent/nn/dense_layer.hpp"
#include "descent/nn/dropout.hpp"
#include "descent/nn/residual.hpp"
#include "descent/nn/sequential.hpp"
#include "module_gradient_check.hpp"

using descent::Rng;
using descent::nn::Activation;
using descent::nn::activation_from_name;
using descent::nn::activation_names;
using descent::nn::ActivationLayer;
using descent::nn::BatchNorm;
using descent::nn::DenseLayer;
using descent::nn::Dropout;
using descent::nn::Initializer;
using descent::nn::InitKind;
using Matrix = descent::nn::Matrix<double>;
using descent::nn::Mode;
using descent::nn::Module;
using descent::nn::Residual;
using descent::nn::Sequential;
using descent::nn::TensorShape;
using descent::test::module_gradient_error;

namespace {

DenseLayer<double> dense(int fan_in, int fan_out, std::uint64_t seed = 3) {
  Rng rng(seed);
  return DenseLayer<double>(fan_in, fan_out, Initializer{InitKind::kXavierNormal}, rng);
}

ActivationLayer<double> activation(const std::string& name) {
  Activation parsed;
  REQUIRE(activation_from_name(name, parsed).empty());
  return ActivationLayer<double>(parsed);
}

// dense → batch norm → f → dropout, the modules of one network layer.
std::unique_ptr<Sequential<double>> layer_modules(int width, const std::string& f) {
  auto modules = std::make_unique<Sequential<double>>();
  modules->add(dense(width, width).clone());
  modules->add(std::make_unique<BatchNorm<double>>(width));
  modules->add(activation(f).clone());
  modules->add(std::make_unique<Dropout<double>>(0.3));
  return modules;
}

}  // namespace

TEST_CASE("dense layer passes the module gradient check", "[nn][module]") {
  CHECK(module_gradient_error(dense(3, 4), TensorShape::features(5, 3)) < 1e-8);
  CHECK(module_gradient_error(dense(1, 1), TensorShape::features(1, 1)) < 1e-8);
}

TEST_CASE("every activation layer passes the module gradient check", "[nn][module]") {
  for (const std::string& name : activation_names()) {
    INFO("activation " << name);
    CHECK(module_gradient_error(activation(name), TensorShape::features(6, 4)) < 1e-7);
    CHECK(module_gradient_error(activation(name), TensorShape::features(1, 3)) < 1e-7);
  }
}

TEST_CASE("batch norm passes the module gradient check in both modes", "[nn][module]") {
  CHECK(module_gradient_error(BatchNorm<double>(4), TensorShape::features(8, 4)) < 1e-7);
  CHECK(module_gradient_error(BatchNorm<double>(2), TensorShape::features(3, 2)) < 1e-7);
  CHECK(module_gradient_error(BatchNorm<double>(4), TensorShape::features(1, 4),
                              Mode::kEvaluation) < 1e-8);
}

TEST_CASE("dropout with a fixed mask passes the module gradient check", "[nn][module]") {
  CHECK(module_gradient_error(Dropout<double>(0.5), TensorShape::features(6, 5)) < 1e-8);
  CHECK(module_gradient_error(Dropout<double>(0.2), TensorShape::features(2, 3)) < 1e-8);
  CHECK(module_gradient_error(Dropout<double>(0.5), TensorShape::features(4, 3),
                              Mode::kEvaluation) < 1e-8);
}

TEST_CASE("residual and sequential blocks pass the module gradient check", "[nn][module]") {
  Sequential<double> tanh_block;
  tanh_block.add(dense(4, 4).clone());
  tanh_block.add(activation("tanh").clone());
  CHECK(module_gradient_error(Residual<double>(tanh_block.clone()), TensorShape::features(5, 4)) <
        1e-7);
  CHECK(module_gradient_error(Residual<double>(layer_modules(3, "gelu")),
                              TensorShape::features(6, 3)) < 1e-7);

  Sequential<double> network;
  network.add(dense(3, 4, 1).clone());
  network.add(activation("swish").clone());
  network.add(std::make_unique<Residual<double>>(layer_modules(4, "sigmoid")));
  network.add(dense(4, 2, 2).clone());
  network.add(activation("softmax").clone());
  CHECK(module_gradient_error(network, TensorShape::features(7, 3)) < 1e-7);
}

TEST_CASE("modules map shapes in to shapes out and reject what they cannot take", "[nn][module]") {
  const TensorShape batch = TensorShape::features(5, 3);
  CHECK(dense(3, 4).output_shape(batch) == TensorShape::features(5, 4));
  CHECK_THROWS_WITH(dense(2, 4).output_shape(batch),
                    Catch::Contains("dense 2→4: input is (batch 5, features 3)"));
  CHECK_THROWS_AS(dense(3, 4).output_shape(TensorShape::image(5, 1, 1, 3)), std::invalid_argument);
  CHECK(activation("relu").output_shape(TensorShape::image(2, 3, 4, 5)) ==
        TensorShape::image(2, 3, 4, 5));
  CHECK(Dropout<double>(0.1).output_shape(TensorShape::sequence(2, 7, 3)) ==
        TensorShape::sequence(2, 7, 3));
  CHECK_THROWS_AS(BatchNorm<double>(4).output_shape(batch), std::invalid_argument);

  Sequential<double> widening;
  widening.add(dense(3, 4).clone());
  CHECK(widening.output_shape(batch) == TensorShape::features(5, 4));
  CHECK_THROWS_WITH(Residual<double>(widening.clone()).output_shape(batch),
                    Catch::Contains("must keep it"));
}

TEST_CASE("parameter blocks concatenate depth first, each block row by row", "[nn][module]") {
  Sequential<double> modules;
  modules.add(dense(2, 3, 4).clone());
  auto block = std::make_unique<Sequential<double>>();
  block->add(dense(3, 3, 5).clone());
  block->add(std::make_unique<BatchNorm<double>>(3));
  modules.add(std::make_unique<Residual<double>>(std::move(block)));
  REQUIRE(modules.parameter_count() == (2 * 3 + 3) + (3 * 3 + 3) + (3 + 3));
  Eigen::VectorXd theta = Eigen::VectorXd::LinSpaced(modules.parameter_count(), 0.0, 32.0);
  CHECK(descent::nn::read_parameters(static_cast<Module<double>&>(modules), theta.data()) ==
        theta.size());
  const auto& first = dynamic_cast<const DenseLayer<double>&>(modules.at(0));
  CHECK(first.weights()(0, 1) == theta(1));  // W row by row
  CHECK(first.weights()(1, 0) == theta(3));
  CHECK(first.bias()(2) == theta(8));
  const auto& residual = dynamic_cast<const Residual<double>&>(modules.at(1));
  const auto& inner = dynamic_cast<const Sequential<double>&>(residual.inner());
  CHECK(dynamic_cast<const DenseLayer<double>&>(inner.at(0)).weights()(2, 0) == theta(9 + 6));
  CHECK(dynamic_cast<const BatchNorm<double>&>(inner.at(1)).beta()(0) == theta(9 + 12 + 3));
  Eigen::VectorXd written(theta.size());
  descent::nn::write_parameters(modules, written.data());
  CHECK(written == theta);
}

TEST_CASE("module copies are deep", "[nn][module]") {
  Sequential<double> original;
  original.add(dense(2, 2).clone());
  Sequential<double> copy = original;
  Eigen::VectorXd zeros = Eigen::VectorXd::Zero(copy.parameter_count());
  descent::nn::read_parameters(static_cast<Module<double>&>(copy), zeros.data());
  CHECK(dynamic_cast<const DenseLayer<double>&>(original.at(0)).weights().norm() > 0.0);
  Rng rng(1);
  CHECK_THROWS_AS(Sequential<double>().forward(Matrix::Zero(1, 1), Mode::kTraining, rng),
                  std::logic_error);
  CHECK(Sequential<double>().apply(Matrix::Ones(2, 2)) == Matrix::Ones(2, 2));
}

namespace {

// A tanh whose backward forgets f': what the gradient check exists to catch.
class TanhWithoutDerivative : public ActivationLayer<double> {
 public:
  TanhWithoutDerivative() : ActivationLayer<double>(descent::nn::ActivationKind::kTanh) {}
  std::unique_ptr<Module<double>> clone() const override {
    return std::make_unique<TanhWithoutDerivative>(*this);
  }
  const Matrix& backward(const Matrix&, const Matrix& grad_output) override {
    grad_ = grad_output;
    return grad_;
  }

 private:
  Matrix grad_;
};

}  // namespace

TEST_CASE("the module gradient check catches a wrong backward", "[nn][module]") {
  CHECK(module_gradient_error(TanhWithoutDerivative(), TensorShape::features(4, 3)) > 0.1);
}

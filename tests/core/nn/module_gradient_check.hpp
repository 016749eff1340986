#pragma once
// The generic gradient check every module passes (module.hpp): for L = Σ G ⊙ forward(x) with a
// fixed random G, compare backward's ∂L/∂x and the accumulated ∂L/∂θ (its parameter blocks in the
// flat order) with central differences of L, in double, at several random points — x ~ N(0, 1),
// θ = the module's own θ + N(0, 0.3²) noise. Every forward of one point runs on a fresh clone with
// the same Rng state, so dropout draws the same mask each time and batch norm's running statistics
// do not drift. Also checks that accumulate_parameter_gradients adds exactly backward's ∂L/∂θ and
// that forward's output has output_shape's size. A new layer's test is one line:
//   CHECK(module_gradient_error(MyLayer<double>(…), TensorShape::features(5, 3)) < 1e-6);
#include <algorithm>
#include <cstdint>
#include <memory>

#include "descent/math/rng.hpp"
#include "descent/nn/module.hpp"
#include "descent/nn/tensor_shape.hpp"
#include "nn_test_support.hpp"

namespace descent::test {

// The largest relative error (testing::relative_error, scale floor 1e-6) over the points, of ∂L/∂x
// and of ∂L/∂θ; 1 when forward's output does not have output_shape's size or when
// accumulate_parameter_gradients disagrees with backward.
inline double module_gradient_error(const nn::Module<double>& module,
                                    const nn::TensorShape& input_shape,
                                    nn::Mode mode = nn::Mode::kTraining, int points = 3,
                                    std::uint64_t seed = 1) {
  using Matrix = nn::Matrix<double>;
  const auto normal = [](Rng& rng) { return rng.normal(); };
  const Eigen::Index rows = input_shape.batch(), columns = input_shape.sample_size();
  const nn::TensorShape output_shape = module.output_shape(input_shape);
  double worst = 0.0;
  for (int point = 0; point < points; ++point) {
    Rng rng(seed + static_cast<std::uint64_t>(point));
    const std::unique_ptr<nn::Module<double>> base = module.clone();
    Eigen::VectorXd parameters(base->parameter_count());
    nn::write_parameters(*base, parameters.data());
    parameters += 0.3 * Eigen::VectorXd(random_matrix(parameters.size(), 1, rng, normal));
    nn::read_parameters(*base, parameters.data());
    const Matrix input = random_matrix(rows, columns, rng, normal);
    const Matrix upstream = random_matrix(rows, output_shape.sample_size(), rng, normal);
    const Rng forward_rng = rng;  // every forward of this point starts from this state

    const auto loss = [&](const Matrix& x, const Eigen::VectorXd& theta) {
      const std::unique_ptr<nn::Module<double>> probe = base->clone();
      nn::read_parameters(*probe, theta.data());
      Rng draws = forward_rng;
      return probe->forward(x, mode, draws).cwiseProduct(upstream).sum();
    };

    const std::unique_ptr<nn::Module<double>> analytic = base->clone();
    analytic->zero_gradients();
    Rng draws = forward_rng;
    const Matrix& output = analytic->forward(input, mode, draws);
    if (output.rows() != rows || output.cols() != output_shape.sample_size()) return 1.0;
    const Matrix grad_input = analytic->backward(input, upstream);
    Eigen::VectorXd grad_parameters(parameters.size());
    nn::write_gradient(*analytic, grad_parameters.data());

    const std::unique_ptr<nn::Module<double>> parameters_only = base->clone();
    parameters_only->zero_gradients();
    Rng same_draws = forward_rng;
    parameters_only->forward(input, mode, same_draws);
    parameters_only->accumulate_parameter_gradients(input, upstream);
    Eigen::VectorXd accumulated(parameters.size());
    nn::write_gradient(*parameters_only, accumulated.data());
    if (accumulated != grad_parameters) return 1.0;

    const double step = 1e-5;
    const Matrix numeric_input =
        matrix_gradient_estimate([&](const Matrix& x) { return loss(x, parameters); }, input, step);
    worst = std::max(worst, testing::relative_error(grad_input, numeric_input, 1e-6));
    if (parameters.size() == 0) continue;
    const Eigen::VectorXd numeric_parameters = testing::central_difference_gradient(
        [&](const Eigen::VectorXd& theta) { return loss(input, theta); }, parameters, step);
    worst = std::max(worst, testing::relative_error(grad_parameters, numeric_parameters, 1e-6));
  }
  return worst;
}

}  // namespace descent::test

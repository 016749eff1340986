// A recurrent layer started from a given state (an encoder–decoder's decoder) and receiving a
// gradient at its last cell state (the encoder): forward_from, initial_state_gradient,
// backward_with_final_cell_gradient.
#include <catch2/catch.hpp>
#include <stdexcept>

#include "descent/nn/recurrent_layer.hpp"
#include "nn_test_support.hpp"

using descent::Rng;
using descent::nn::CellKind;
using descent::nn::ConstMatrixView;
using descent::nn::Matrix;
using descent::nn::Mode;
using descent::nn::RecurrentLayer;
using descent::nn::RecurrentSettings;
using descent::test::random_matrix;

namespace {

const CellKind kCells[] = {CellKind::kRnn, CellKind::kLstm, CellKind::kGru};

Matrix<double> normal_matrix(Eigen::Index rows, Eigen::Index cols, Rng& rng) {
  return random_matrix(rows, cols, rng, [](Rng& r) { return r.normal(); });
}

RecurrentLayer<double> recurrent(CellKind cell, int input, int hidden, int truncation = 0) {
  Rng rng(3);
  return RecurrentLayer<double>(RecurrentSettings{cell, input, hidden, truncation, {}}, rng);
}

ConstMatrixView<double> view(const Matrix<double>& matrix) {
  return ConstMatrixView<double>(matrix.data(), matrix.rows(), matrix.cols());
}

}  // namespace

TEST_CASE("a zero initial state is the plain forward, and a state carries over",
          "[nn][recurrent][seq2seq]") {
  Rng rng(4);
  for (const CellKind cell : kCells) {
    RecurrentLayer<double> layer = recurrent(cell, 2, 3), whole = recurrent(cell, 2, 3);
    const Matrix<double> input = normal_matrix(2, 6 * 2, rng), zeros = Matrix<double>::Zero(2, 3);
    Rng draws(1);
    const Matrix<double> plain = layer.forward(input, Mode::kTraining, draws);
    CHECK(layer.forward_from(input, view(zeros), view(zeros), Mode::kTraining, draws) == plain);
    // Running steps 0–2, then 3–5 from the state they left, is running all six.
    const Matrix<double> all = whole.forward(input, Mode::kTraining, draws);
    layer.forward(input.leftCols(3 * 2), Mode::kTraining, draws);
    const Matrix<double> hidden = layer.final_hidden_state();
    const Matrix<double> cell_state =
        cell == CellKind::kLstm ? Matrix<double>(layer.final_cell_state()) : zeros;
    const Matrix<double> rest = layer.forward_from(input.rightCols(3 * 2), view(hidden),
                                                   view(cell_state), Mode::kTraining, draws);
    INFO(descent::nn::cell_name(cell));
    CHECK((rest - all.rightCols(3 * 3)).cwiseAbs().maxCoeff() < 1e-14);
  }
}

TEST_CASE("gradients reach the initial state and the final cell state",
          "[nn][recurrent][seq2seq]") {
  // L = Σ G ⊙ h + Σ G_c ⊙ c_{T−1} (the LSTM's), by finite differences in x, h_{−1}, c_{−1}, θ.
  Rng rng(8);
  const int batch = 2, time = 4, in = 2, hidden = 3;
  for (const CellKind cell : kCells) {
    const bool lstm = cell == CellKind::kLstm;
    RecurrentLayer<double> layer = recurrent(cell, in, hidden);
    const Matrix<double> input = normal_matrix(batch, time * in, rng);
    const Matrix<double> h0 = normal_matrix(batch, hidden, rng),
                         c0 = normal_matrix(batch, hidden, rng);
    const Matrix<double> upstream = normal_matrix(batch, time * hidden, rng);
    const Matrix<double> cell_upstream = normal_matrix(batch, hidden, rng);
    const auto loss = [&](RecurrentLayer<double> probe, const Matrix<double>& x,
                          const Matrix<double>& h, const Matrix<double>& c) {
      Rng draws(1);
      double value = probe.forward_from(x, view(h), view(c), Mode::kTraining, draws)
                         .cwiseProduct(upstream)
                         .sum();
      if (lstm) value += Matrix<double>(probe.final_cell_state()).cwiseProduct(cell_upstream).sum();
      return value;
    };
    Rng draws(1);
    layer.forward_from(input, view(h0), view(c0), Mode::kTraining, draws);
    layer.zero_gradients();
    const Matrix<double> grad_input =
        layer.backward_with_final_cell_gradient(input, upstream, cell_upstream);
    using descent::test::matrix_gradient_estimate;
    using descent::testing::relative_error;
    INFO(descent::nn::cell_name(cell));
    CHECK(
        relative_error(grad_input,
                       matrix_gradient_estimate(
                           [&](const Matrix<double>& x) { return loss(layer, x, h0, c0); }, input),
                       1e-6) < 1e-6);
    CHECK(
        relative_error(layer.initial_hidden_gradient(),
                       matrix_gradient_estimate(
                           [&](const Matrix<double>& h) { return loss(layer, input, h, c0); }, h0),
                       1e-6) < 1e-6);
    CHECK(
        relative_error(layer.initial_cell_gradient(),
                       matrix_gradient_estimate(
                           [&](const Matrix<double>& c) { return loss(layer, input, h0, c); }, c0),
                       1e-6) < 1e-6);
    Eigen::VectorXd theta(layer.parameter_count()), gradient(layer.parameter_count());
    descent::nn::write_parameters(layer, theta.data());
    descent::nn::write_gradient(layer, gradient.data());
    const Eigen::VectorXd numeric = descent::testing::central_difference_gradient(
        [&](const Eigen::VectorXd& point) {
          RecurrentLayer<double> probe = layer;
          descent::nn::read_parameters(probe, point.data());
          return loss(probe, input, h0, c0);
        },
        theta, 1e-5);
    CHECK(relative_error(gradient, numeric, 1e-6) < 1e-6);
    if (!lstm) CHECK(layer.initial_cell_gradient().isZero(0.0));
  }
}

TEST_CASE("truncated BPTT treats the initial state as a constant", "[nn][recurrent][seq2seq]") {
  Rng rng(2);
  RecurrentLayer<double> layer = recurrent(CellKind::kLstm, 2, 3, 2);
  const Matrix<double> input = normal_matrix(2, 5 * 2, rng), h0 = normal_matrix(2, 3, rng);
  Rng draws(1);
  layer.forward_from(input, view(h0), view(h0), Mode::kTraining, draws);
  layer.backward(input, normal_matrix(2, 5 * 3, rng));
  CHECK(layer.initial_hidden_gradient().isZero(0.0));
  CHECK(layer.initial_cell_gradient().isZero(0.0));
  CHECK_THROWS_WITH(
      layer.forward_from(input, view(Matrix<double>::Zero(2, 4)), view(h0), Mode::kTraining, draws),
      "lstm 2→3, truncated to 2 steps: the initial state must be batch × hidden (2 × 3) for both h "
      "and c");
  CHECK_THROWS_AS(layer.backward_with_final_cell_gradient(input, Matrix<double>::Zero(2, 15),
                                                          Matrix<double>::Zero(1, 3)),
                  std::invalid_argument);
  CHECK_THROWS_AS(recurrent(CellKind::kGru, 2, 3).final_cell_state(), std::logic_error);
  CHECK_THROWS_AS(recurrent(CellKind::kGru, 2, 3).final_hidden_state(), std::logic_error);
}

#include "descent/nn/recurrent_layer.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>

#include "module_gradient_check.hpp"

using descent::Rng;
using descent::nn::CellKind;
using descent::nn::Matrix;
using descent::nn::Mode;
using descent::nn::RecurrentLayer;
using descent::nn::RecurrentSettings;
using descent::nn::TensorShape;
using descent::nn::validate_recurrent;
using descent::test::module_gradient_error;
using descent::test::random_matrix;

namespace {

const CellKind kCells[] = {CellKind::kRnn, CellKind::kLstm, CellKind::kGru};

template <typename Scalar = double>
RecurrentLayer<Scalar> recurrent(CellKind cell, int input, int hidden, int truncation = 0,
                                 std::uint64_t seed = 3) {
  Rng rng(seed);
  return RecurrentLayer<Scalar>(RecurrentSettings{cell, input, hidden, truncation, {}}, rng);
}

Matrix<double> normal_matrix(Eigen::Index rows, Eigen::Index cols, Rng& rng) {
  return random_matrix(rows, cols, rng, [](Rng& r) { return r.normal(); });
}

double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// The textbook cells on one sample, step by step with row vectors (torch's formulas): every step's
// hidden state as a time × hidden matrix, and the gates' activations as time × gates·hidden.
struct Reference {
  Matrix<double> hidden, gates;
};
Reference reference_unroll(const RecurrentLayer<double>& layer, const Matrix<double>& sample) {
  const int in = layer.settings().input_size, n = layer.settings().hidden_size;
  const int time = static_cast<int>(sample.cols()) / in;
  const int gates = descent::nn::cell_gate_count(layer.settings().cell);
  Reference result{Matrix<double>(time, n), Matrix<double>(time, gates * n)};
  Eigen::RowVectorXd h = Eigen::RowVectorXd::Zero(n), c = Eigen::RowVectorXd::Zero(n);
  const auto sig = [](const Eigen::RowVectorXd& v) { return v.unaryExpr(&sigmoid).eval(); };
  const auto tanh = [](const Eigen::RowVectorXd& v) { return v.array().tanh().matrix().eval(); };
  for (int t = 0; t < time; ++t) {
    const Eigen::RowVectorXd x = sample.block(0, t * in, 1, in);
    const Eigen::RowVectorXd a = x * layer.input_weights() + layer.input_bias();
    const Eigen::RowVectorXd u = h * layer.hidden_weights() + layer.hidden_bias();
    Eigen::RowVectorXd gate_values(gates * n);
    if (layer.settings().cell == CellKind::kRnn) {
      h = tanh(a + u);
    } else if (layer.settings().cell == CellKind::kLstm) {
      const Eigen::RowVectorXd pre = a + u;
      const Eigen::RowVectorXd i = sig(pre.segment(0, n)), f = sig(pre.segment(n, n));
      const Eigen::RowVectorXd g = tanh(pre.segment(2 * n, n)), o = sig(pre.segment(3 * n, n));
      c = f.cwiseProduct(c) + i.cwiseProduct(g);
      h = o.cwiseProduct(tanh(c));
      gate_values << i, f, g, o;
    } else {
      const Eigen::RowVectorXd r = sig(a.segment(0, n) + u.segment(0, n));
      const Eigen::RowVectorXd z = sig(a.segment(n, n) + u.segment(n, n));
      const Eigen::RowVectorXd cand =
          tanh(a.segment(2 * n, n) + r.cwiseProduct(u.segment(2 * n, n)));
      h = (Eigen::RowVectorXd::Ones(n) - z).cwiseProduct(cand) + z.cwiseProduct(h);
      gate_values << r, z, cand;
    }
    result.hidden.row(t) = h;
    if (gates > 1) result.gates.row(t) = gate_values;
  }
  return result;
}

}  // namespace

TEST_CASE("a 1-unit RNN over 2 steps, worked by hand", "[nn][recurrent]") {
  // W_x = 1, W_h = 0.5, biases 0 (θ in block order W_x, W_h, b_x, b_h), x = (0.5, 1):
  //   h_0 = tanh(1·0.5) = 0.4621171573
  //   h_1 = tanh(1·1 + 0.5·h_0) = tanh(1.2310585786) = 0.8428861033
  // For L = h_1: ∂L/∂u_1 = 1 − h_1² = 0.2895430168 =: d_1, and 1 − h_0² = 0.7864477330 =: d_0.
  //   ∂L/∂W_h = d_1·h_0 = 0.1338027958   (h_{−1} = 0: step 0 adds nothing)
  //   ∂L/∂h_0 = d_1·W_h = 0.1447715084
  //   ∂L/∂W_x = d_1·x_1 + d_1·W_h·d_0·x_0 = 0.2895430168 + 0.0569276123 = 0.3464706291
  //   ∂L/∂x   = (d_1·W_h·d_0·W_x, d_1·W_x) = (0.1138552246, 0.2895430168)
  //   ∂L/∂b_x = ∂L/∂b_h = d_1 + d_1·W_h·d_0 = 0.4033982414
  // Truncated to 1 step, nothing flows from step 1 into step 0: ∂L/∂W_x = d_1·x_1 = 0.2895430168,
  // ∂L/∂h_0 = 0, ∂L/∂x = (0, 0.2895430168), ∂L/∂b = d_1, and ∂L/∂W_h is still d_1·h_0 (h_0 enters
  // step 1 as a constant).
  for (const int truncation : {0, 1}) {
    RecurrentLayer<double> layer = recurrent(CellKind::kRnn, 1, 1, truncation);
    const Eigen::Vector4d theta(1.0, 0.5, 0.0, 0.0);
    descent::nn::read_parameters(static_cast<descent::nn::Module<double>&>(layer), theta.data());
    Rng draws(1);
    const Matrix<double> input = descent::test::row({0.5, 1.0});
    const Matrix<double> output = layer.forward(input, Mode::kTraining, draws);
    CHECK(output(0, 0) == Approx(0.4621171573).epsilon(1e-9));
    CHECK(output(0, 1) == Approx(0.8428861033).epsilon(1e-9));
    layer.zero_gradients();
    const Matrix<double> grad_input = layer.backward(input, descent::test::row({0.0, 1.0}));
    const bool full = truncation == 0;
    CHECK(layer.hidden_weight_gradient()(0, 0) == Approx(0.1338027958).epsilon(1e-9));
    CHECK(layer.input_weight_gradient()(0, 0) ==
          Approx(full ? 0.3464706291 : 0.2895430168).epsilon(1e-9));
    CHECK(layer.input_bias_gradient()(0) ==
          Approx(full ? 0.4033982414 : 0.2895430168).epsilon(1e-9));
    CHECK(layer.hidden_bias_gradient()(0) == layer.input_bias_gradient()(0));
    CHECK(grad_input(0, 0) == Approx(full ? 0.1138552246 : 0.0).margin(1e-10));
    CHECK(grad_input(0, 1) == Approx(0.2895430168).epsilon(1e-9));
    // ‖∂L/∂h_t‖: 1 at the last step, ∂L/∂h_0 before it (the lesson's gradient through time).
    REQUIRE(layer.hidden_gradient_norms().size() == 2);
    CHECK(layer.hidden_gradient_norms()[1] == 1.0);
    CHECK(layer.hidden_gradient_norms()[0] == Approx(full ? 0.1447715084 : 0.0).margin(1e-10));
  }
}

TEST_CASE("recurrent cells match the textbook formulas step by step", "[nn][recurrent]") {
  Rng rng(7);
  for (const CellKind cell : kCells) {
    RecurrentLayer<double> layer = recurrent(cell, 3, 4);
    const Matrix<double> input = normal_matrix(3, 5 * 3, rng);
    Rng draws(1);
    const Matrix<double> output = layer.forward(input, Mode::kTraining, draws);
    INFO(layer.name());
    CHECK(output == layer.apply(input));
    REQUIRE(layer.time_steps() == 5);
    for (int sample = 0; sample < 3; ++sample) {
      const Reference expected = reference_unroll(layer, input.row(sample));
      CHECK((layer.hidden_states(sample) - expected.hidden).cwiseAbs().maxCoeff() < 1e-12);
      for (int t = 0; t < 5; ++t) {
        CHECK((output.block(sample, t * 4, 1, 4) - expected.hidden.row(t)).cwiseAbs().maxCoeff() <
              1e-12);
      }
      if (cell == CellKind::kRnn) {
        CHECK(layer.gate_activations(sample).cols() == 0);
        continue;
      }
      CHECK((layer.gate_activations(sample) - expected.gates).cwiseAbs().maxCoeff() < 1e-12);
    }
  }
}

TEST_CASE("the LSTM's cell state is c_t = f ⊙ c_{t−1} + i ⊙ g", "[nn][recurrent]") {
  RecurrentLayer<double> layer = recurrent(CellKind::kLstm, 2, 3);
  Rng rng(4), draws(1);
  layer.forward(normal_matrix(2, 4 * 2, rng), Mode::kTraining, draws);
  const Matrix<double> cells = layer.cell_states(1), gates = layer.gate_activations(1);
  const Matrix<double> hidden = layer.hidden_states(1);
  Eigen::RowVectorXd previous = Eigen::RowVectorXd::Zero(3);
  for (int t = 0; t < 4; ++t) {
    const Eigen::RowVectorXd i = gates.block(t, 0, 1, 3), f = gates.block(t, 3, 1, 3);
    const Eigen::RowVectorXd g = gates.block(t, 6, 1, 3), o = gates.block(t, 9, 1, 3);
    const Eigen::RowVectorXd cell = f.cwiseProduct(previous) + i.cwiseProduct(g);
    CHECK((cells.row(t) - cell).cwiseAbs().maxCoeff() < 1e-15);
    CHECK((hidden.row(t) - o.cwiseProduct(cell.array().tanh().matrix())).cwiseAbs().maxCoeff() <
          1e-15);
    previous = cell;
  }
  CHECK_THROWS_WITH(recurrent(CellKind::kGru, 2, 3).cell_states(0),
                    Catch::Contains("gru 2→3: only an LSTM has a cell state"));
  CHECK_THROWS_AS(layer.hidden_states(2), std::out_of_range);
}

TEST_CASE("recurrent layers pass the module gradient check", "[nn][recurrent]") {
  for (const CellKind cell : kCells) {
    INFO(descent::nn::cell_name(cell));
    // One sample, one step (only b_h enters the hidden part); a batch over several steps; a wider
    // input than hidden state and the reverse.
    CHECK(module_gradient_error(recurrent(cell, 2, 3), TensorShape::sequence(1, 1, 2)) < 1e-6);
    CHECK(module_gradient_error(recurrent(cell, 2, 3), TensorShape::sequence(3, 4, 2)) < 1e-6);
    CHECK(module_gradient_error(recurrent(cell, 5, 2), TensorShape::sequence(2, 6, 5)) < 1e-6);
    CHECK(module_gradient_error(recurrent(cell, 1, 4), TensorShape::sequence(1, 7, 1)) < 1e-6);
    // Truncation at or beyond the length is full BPTT.
    CHECK(module_gradient_error(recurrent(cell, 2, 3, 4), TensorShape::sequence(2, 4, 2)) < 1e-6);
    CHECK(module_gradient_error(recurrent(cell, 2, 3, 9), TensorShape::sequence(2, 4, 2)) < 1e-6);
  }
}

TEST_CASE("truncated BPTT equals full BPTT when k ≥ time", "[nn][recurrent]") {
  Rng rng(12);
  for (const CellKind cell : kCells) {
    RecurrentLayer<double> full = recurrent(cell, 2, 3), at_length = recurrent(cell, 2, 3, 5),
                           beyond = recurrent(cell, 2, 3, 8);
    const Matrix<double> input = normal_matrix(3, 5 * 2, rng);
    const Matrix<double> upstream = normal_matrix(3, 5 * 3, rng);
    Matrix<double> grad_inputs[3];
    Eigen::VectorXd gradients[3];
    RecurrentLayer<double>* layers[3] = {&full, &at_length, &beyond};
    for (int index = 0; index < 3; ++index) {
      Rng draws(1);
      layers[index]->forward(input, Mode::kTraining, draws);
      grad_inputs[index] = layers[index]->backward(input, upstream);
      gradients[index].resize(layers[index]->parameter_count());
      descent::nn::write_gradient(*layers[index], gradients[index].data());
    }
    INFO(descent::nn::cell_name(cell));
    CHECK(grad_inputs[1] == grad_inputs[0]);
    CHECK(grad_inputs[2] == grad_inputs[0]);
    CHECK(gradients[1] == gradients[0]);
    CHECK(gradients[2] == gradients[0]);
  }
}

TEST_CASE("truncated BPTT keeps each window's gradient within the window", "[nn][recurrent]") {
  // Time 5, k = 2: windows {3, 4}, {1, 2}, {0}. Inside a window every path from x_s to an output
  // stays in the window, so the truncated ∂L/∂x_s is the full gradient of the window's own loss
  // L_w = Σ_{t ∈ w} G_t · y_t — measured by finite differences of the untruncated forward.
  Rng rng(21);
  const int time = 5, in = 2, hidden = 3;
  const int windows[][2] = {{3, 5}, {1, 3}, {0, 1}};
  for (const CellKind cell : kCells) {
    RecurrentLayer<double> truncated = recurrent(cell, in, hidden, 2);
    const Matrix<double> input = normal_matrix(2, time * in, rng);
    const Matrix<double> upstream = normal_matrix(2, time * hidden, rng);
    Rng draws(1);
    truncated.forward(input, Mode::kTraining, draws);
    const Matrix<double> grad_input = truncated.backward(input, upstream);
    for (const auto& window : windows) {
      Matrix<double> masked = Matrix<double>::Zero(2, time * hidden);
      const int first = window[0], width = window[1] - window[0];
      masked.middleCols(first * hidden, width * hidden) =
          upstream.middleCols(first * hidden, width * hidden);
      const Matrix<double> numeric = descent::test::matrix_gradient_estimate(
          [&](const Matrix<double>& x) { return truncated.apply(x).cwiseProduct(masked).sum(); },
          input);
      INFO(descent::nn::cell_name(cell) << " window from step " << first);
      CHECK(descent::testing::relative_error(grad_input.middleCols(first * in, width * in),
                                             numeric.middleCols(first * in, width * in),
                                             1e-6) < 1e-6);
    }
  }
}

TEST_CASE("with a loss at the last step only, truncation to k reaches the last k steps",
          "[nn][recurrent]") {
  for (const CellKind cell : kCells) {
    RecurrentLayer<double> layer = recurrent(cell, 2, 3, 3);
    Rng rng(5), draws(1);
    const Matrix<double> input = normal_matrix(2, 7 * 2, rng);
    layer.forward(input, Mode::kTraining, draws);
    Matrix<double> upstream = Matrix<double>::Zero(2, 7 * 3);
    upstream.rightCols(3) = normal_matrix(2, 3, rng);
    const Matrix<double> grad_input = layer.backward(input, upstream);
    INFO(descent::nn::cell_name(cell));
    CHECK(grad_input.leftCols(4 * 2).isZero(0.0));
    CHECK(grad_input.rightCols(3 * 2).cwiseAbs().minCoeff() > 0.0);
    for (int t = 0; t < 7; ++t) {
      CHECK((layer.hidden_gradient_norms()[static_cast<std::size_t>(t)] > 0.0) == (t >= 4));
    }
  }
}

TEST_CASE("recurrent layers initialise like torch and reject invalid settings", "[nn][recurrent]") {
  Rng rng(2);
  RecurrentSettings settings{CellKind::kLstm, 3, 4, 0, 1.0};
  const RecurrentLayer<double> lstm(settings, rng);
  CHECK(lstm.input_weights().rows() == 3);
  CHECK(lstm.input_weights().cols() == 16);
  CHECK(lstm.hidden_weights().rows() == 4);
  CHECK(lstm.parameter_count() == 3 * 16 + 4 * 16 + 2 * 16);  // torch's 4(H·I + H·H + 2H)
  CHECK(lstm.input_weights().cwiseAbs().maxCoeff() <= 0.5);   // U[±1/√4)
  CHECK(lstm.hidden_bias().cwiseAbs().maxCoeff() <= 0.5);
  CHECK(lstm.input_bias().segment(4, 4) == Eigen::RowVectorXd::Ones(4));  // the forget gate's
  CHECK(lstm.hidden_bias().segment(4, 4).isZero(0.0));
  CHECK(lstm.input_bias().segment(0, 4).cwiseAbs().maxCoeff() < 0.5);
  CHECK(lstm.name() == "lstm 3→4");
  CHECK(recurrent(CellKind::kGru, 2, 5, 3).name() == "gru 2→5, truncated to 3 steps");
  CHECK(recurrent(CellKind::kRnn, 2, 5).parameter_count() == 2 * 5 + 5 * 5 + 2 * 5);

  CHECK_THAT(validate_recurrent(RecurrentSettings{CellKind::kRnn, 0, 4, 0, {}}),
             Catch::Equals("rnn: input size must be ≥ 1, got 0"));
  CHECK_THAT(validate_recurrent(RecurrentSettings{CellKind::kLstm, 2, 0, 0, {}}),
             Catch::Equals("lstm: hidden size must be ≥ 1, got 0"));
  CHECK_THAT(validate_recurrent(RecurrentSettings{CellKind::kGru, 2, 3, -1, {}}),
             Catch::Contains("gru: truncation must be ≥ 0 steps"));
  CHECK_THAT(validate_recurrent(RecurrentSettings{CellKind::kGru, 2, 3, 0, 1.0}),
             Catch::Equals("gru: the forget-gate bias is an LSTM setting"));
  CHECK_THAT(validate_recurrent(RecurrentSettings{CellKind::kLstm, 2, 3, 0, NAN}),
             Catch::Contains("lstm: the forget-gate bias must be a finite number"));
  CHECK_THROWS_AS(RecurrentLayer<float>(RecurrentSettings{CellKind::kRnn, 1, 0, 0, {}}, rng),
                  std::invalid_argument);

  RecurrentLayer<double> layer = recurrent(CellKind::kGru, 2, 3);
  CHECK(layer.output_shape(TensorShape::sequence(4, 6, 2)) == TensorShape::sequence(4, 6, 3));
  CHECK_THROWS_WITH(layer.output_shape(TensorShape::sequence(4, 6, 3)),
                    Catch::Contains("gru 2→3: input is (batch 4, time 6, features 3)"));
  CHECK_THROWS_AS(layer.output_shape(TensorShape::features(4, 12)), std::invalid_argument);
  CHECK_THROWS_WITH(layer.apply(Matrix<double>::Zero(2, 5)),
                    Catch::Contains("gru 2→3: input has 5 columns, expected time × 2"));
  CHECK_THROWS_AS(layer.backward(Matrix<double>::Zero(1, 4), Matrix<double>::Zero(1, 6)),
                  std::logic_error);
  Rng draws(1);
  layer.forward(Matrix<double>::Zero(1, 4), Mode::kTraining, draws);
  CHECK_THROWS_AS(layer.backward(Matrix<double>::Zero(1, 4), Matrix<double>::Zero(1, 5)),
                  std::invalid_argument);
  CHECK_THROWS_AS(layer.backward(Matrix<double>::Zero(1, 6), Matrix<double>::Zero(1, 6)),
                  std::invalid_argument);
}

TEST_CASE("recurrent layers are deterministic and float follows double", "[nn][recurrent]") {
  Rng rng(8);
  const Matrix<double> input = normal_matrix(4, 6 * 3, rng);
  const Matrix<float> input_float = input.cast<float>();
  for (const CellKind cell : kCells) {
    RecurrentLayer<float> first = recurrent<float>(cell, 3, 5, 0, 9);
    RecurrentLayer<float> second = recurrent<float>(cell, 3, 5, 0, 9);
    Rng draws(1);
    const Matrix<float> out_first = first.forward(input_float, Mode::kTraining, draws);
    CHECK(out_first == second.forward(input_float, Mode::kTraining, draws));
    const Matrix<float> grad = Matrix<float>::Ones(4, out_first.cols());
    CHECK(first.backward(input_float, grad) == second.backward(input_float, grad));
    CHECK(first.input_weight_gradient() == second.input_weight_gradient());
    CHECK(first.hidden_weight_gradient() == second.hidden_weight_gradient());
    RecurrentLayer<double> exact = recurrent<double>(cell, 3, 5, 0, 9);
    CHECK(exact.input_weights().cast<float>() == first.input_weights());
    Rng exact_draws(1);
    const Matrix<double> out_exact = exact.forward(input, Mode::kTraining, exact_draws);
    INFO(descent::nn::cell_name(cell));
    CHECK((out_exact - out_first.cast<double>()).cwiseAbs().maxCoeff() < 1e-5);
    exact.backward(input, grad.cast<double>());
    CHECK((exact.hidden_weight_gradient() - first.hidden_weight_gradient().cast<double>())
              .cwiseAbs()
              .maxCoeff() < 1e-4);
  }
}

#include "descent/nn/seq2seq_network.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

#include "nn_test_support.hpp"

using descent::Rng;
using descent::nn::AttentionKind;
using descent::nn::CellKind;
using descent::nn::Matrix;
using descent::nn::Seq2SeqConfig;
using descent::nn::Seq2SeqNetwork;
using descent::nn::validate_seq2seq_config;

namespace {

// batch × steps ids drawn uniformly from [0, vocabulary).
Matrix<double> random_ids(int batch, int steps, int vocabulary, Rng& rng) {
  return descent::test::random_matrix(batch, steps, rng, [vocabulary](Rng& r) {
    return static_cast<double>(static_cast<int>(r.uniform() * vocabulary));
  });
}

Seq2SeqConfig small_config(CellKind cell, AttentionKind attention) {
  Seq2SeqConfig config;
  config.source_vocabulary = 5;
  config.target_classes = 4;
  config.embedding_size = 3;
  config.cell = cell;
  config.hidden_size = 4;
  config.attention = attention;
  config.attention_width = 3;
  config.seed = 11;
  return config;
}

// The largest relative error of loss_and_gradient's θ-gradient against central differences of
// the loss.
double gradient_error(const Seq2SeqConfig& config, const Matrix<double>& sources,
                      const Matrix<double>& targets, const Matrix<double>& source_mask,
                      const Matrix<double>& target_mask) {
  Seq2SeqNetwork<double> network(config);
  // Away from the initial point: every parameter moved a little (random, seeded).
  Rng rng(5);
  Eigen::VectorXd theta = network.get_parameters();
  for (Eigen::Index k = 0; k < theta.size(); ++k) theta(k) += 0.2 * rng.normal();
  network.set_parameters(theta);
  Eigen::VectorXd gradient;
  network.loss_and_gradient(sources, targets, source_mask, target_mask, gradient);
  const Eigen::VectorXd numeric = descent::testing::central_difference_gradient(
      [&](const Eigen::VectorXd& point) {
        Seq2SeqNetwork<double> probe = network;
        probe.set_parameters(point);
        return probe.loss(sources, targets, source_mask, target_mask);
      },
      theta, 1e-5);
  return descent::testing::relative_error(gradient, numeric, 1e-6);
}

}  // namespace

TEST_CASE("a seq2seq network's gradient matches finite differences in double", "[nn][seq2seq]") {
  Rng rng(3);
  const int batch = 3, source_steps = 5, target_steps = 4;
  const Matrix<double> sources = random_ids(batch, source_steps, 5, rng);
  const Matrix<double> targets = random_ids(batch, target_steps, 4, rng);
  Matrix<double> source_mask = Matrix<double>::Ones(batch, source_steps);
  source_mask(0, 0) = source_mask(0, 1) = source_mask(2, 0) = 0.0;  // padding in front
  Matrix<double> target_mask = Matrix<double>::Ones(batch, target_steps);
  target_mask(1, 3) = target_mask(2, 2) = target_mask(2, 3) = 0.0;  // padding at the end
  for (const CellKind cell : {CellKind::kGru, CellKind::kLstm, CellKind::kRnn}) {
    for (const AttentionKind attention : {AttentionKind::kNone, AttentionKind::kAdditive,
                                          AttentionKind::kDot, AttentionKind::kGeneral}) {
      const Seq2SeqConfig config = small_config(cell, attention);
      INFO(descent::nn::cell_name(cell) << ", attention " << attention_kind_name(attention));
      CHECK(gradient_error(config, sources, targets, Matrix<double>(), Matrix<double>()) < 1e-6);
      CHECK(gradient_error(config, sources, targets, source_mask, target_mask) < 1e-6);
    }
  }
}

TEST_CASE("a seq2seq network's θ is its modules' blocks in order", "[nn][seq2seq]") {
  const Seq2SeqConfig config = small_config(CellKind::kGru, AttentionKind::kAdditive);
  Seq2SeqNetwork<double> network(config);
  // Embeddings 5·3 and 5·3 (4 classes + the start token); GRU 3·12 + 4·12 + 12 + 12 each;
  // additive attention 4·3 + 4·3 + 3; head 8·4 + 4.
  const int recurrent = 3 * 12 + 4 * 12 + 24;
  CHECK(network.parameter_count() == 15 + recurrent + 15 + recurrent + 27 + 36);
  CHECK(network.start_token() == 4);
  const Eigen::VectorXd theta = network.get_parameters();
  Seq2SeqNetwork<double> copy = network;
  copy.set_parameters(Eigen::VectorXd(theta * 2.0));
  CHECK(network.get_parameters() == theta);
  CHECK(copy.get_parameters() == theta * 2.0);
  CHECK(copy.encoder().input_weights() == 2.0 * network.encoder().input_weights());
  network = copy;
  CHECK(network.get_parameters() == theta * 2.0);
  CHECK_THROWS_WITH(
      copy.set_parameters(Eigen::VectorXd(3)),
      "seq2seq: expected " + std::to_string(network.parameter_count()) + " parameters, got 3");
  // Without attention the head reads the decoder state alone: hidden → classes.
  CHECK(
      Seq2SeqNetwork<float>(small_config(CellKind::kGru, AttentionKind::kNone)).parameter_count() ==
      15 + recurrent + 15 + recurrent + 4 * 4 + 4);
  CHECK(Seq2SeqNetwork<float>(small_config(CellKind::kGru, AttentionKind::kDot))
            .attention()
            ->parameter_count() == 0);
}

TEST_CASE("seq2seq configs and inputs are validated", "[nn][seq2seq]") {
  Seq2SeqConfig config;
  CHECK(validate_seq2seq_config(config).empty());
  config.target_classes = 1;
  CHECK(validate_seq2seq_config(config) == "seq2seq: target_classes must be in [2, 1024], got 1");
  config = Seq2SeqConfig{};
  config.attention_width = -1;
  CHECK(validate_seq2seq_config(config) == "seq2seq: attention_width must be in [0, 1024], got -1");
  config = Seq2SeqConfig{};
  config.forget_gate_bias = 1.0;  // on a GRU
  CHECK(validate_seq2seq_config(config) == "seq2seq: gru: the forget-gate bias is an LSTM setting");
  CHECK_THROWS_AS(Seq2SeqNetwork<float>(config), std::invalid_argument);

  Seq2SeqNetwork<double> network(small_config(CellKind::kLstm, AttentionKind::kDot));
  const Matrix<double> sources = Matrix<double>::Zero(2, 3), targets = Matrix<double>::Zero(2, 2);
  CHECK_THROWS_WITH(
      network.loss(sources, Matrix<double>::Zero(3, 2), Matrix<double>(), Matrix<double>()),
      "seq2seq: sources are 2 × 3 and targets 3 × 2, expected ≥ 1 samples (rows, "
      "the same in both) of ≥ 1 steps (columns)");
  CHECK_THROWS_WITH(network.loss(sources, targets, Matrix<double>::Zero(2, 3), Matrix<double>()),
                    "seq2seq: sample 0 has every encoder step masked: there is nothing to attend "
                    "to");
  CHECK_THROWS_WITH(
      network.loss(Matrix<double>::Constant(2, 3, 5.0), targets, Matrix<double>(),
                   Matrix<double>()),
      Catch::Contains("token id 5 at (sample 0, step 0) is not an integer in [0, 5)"));
  CHECK_THROWS_WITH(network.loss(sources, Matrix<double>::Constant(2, 2, 4.0), Matrix<double>(),
                                 Matrix<double>()),
                    Catch::Contains("target class ids must be integers in [0, 4)"));
  CHECK_THROWS_WITH(network.greedy_decode(sources, Matrix<double>(), 0),
                    "seq2seq: decoding steps must be in [1, 1000], got 0");
}

TEST_CASE("greedy decoding returns tokens and the alignment", "[nn][seq2seq]") {
  Rng rng(6);
  const Matrix<double> sources = random_ids(3, 5, 5, rng);
  Matrix<double> source_mask = Matrix<double>::Ones(3, 5);
  source_mask(1, 0) = 0.0;
  for (const AttentionKind attention : {AttentionKind::kNone, AttentionKind::kAdditive}) {
    for (const CellKind cell : {CellKind::kGru, CellKind::kLstm}) {
      Seq2SeqNetwork<double> network(small_config(cell, attention));
      const auto decoding = network.greedy_decode(sources, source_mask, 6);
      REQUIRE(decoding.tokens.rows() == 3);
      REQUIRE(decoding.tokens.cols() == 6);
      CHECK(decoding.tokens.minCoeff() >= 0.0);
      CHECK(decoding.tokens.maxCoeff() < 4.0);
      // Teacher-forcing the decoded tokens reproduces them: each was its step's argmax.
      const Matrix<double> logits =
          network.teacher_forced_logits(sources, decoding.tokens, source_mask);
      for (int n = 0; n < 3; ++n) {
        for (int t = 0; t < 6; ++t) {
          Eigen::Index best = 0;
          logits.row(n).segment(t * 4, 4).maxCoeff(&best);
          CHECK(best == decoding.tokens(n, t));
        }
      }
      if (attention == AttentionKind::kNone) {
        CHECK(decoding.alignment.size() == 0);
        continue;
      }
      REQUIRE(decoding.alignment.cols() == 6 * 5);
      CHECK((network.attention()->alignment() - decoding.alignment).cwiseAbs().maxCoeff() < 1e-12);
      for (int t = 0; t < 6; ++t) CHECK(decoding.alignment(1, t * 5) == 0.0);
    }
  }
}

// What attention buys an encoder–decoder, measured on reversing a sequence of 8 random tokens
// (vocabulary 8): an LSTM seq2seq (embedding 16, hidden 32) trained with Adam (lr 0.01) on 32 fresh
// pairs a step for 500 steps, then scored by greedy decoding — no teacher forcing — on 500
// held-out pairs.
//
// Observed with this setup (seeds 1 and 2), token accuracy and the fraction of decoder steps t
// whose largest attention weight sits on encoder step L − 1 − t (the anti-diagonal):
//   length 8:  dot 0.999 / 0.9995 (anti-diagonal 0.94 / 0.92), additive 0.993 / 0.9975 (0.88 /
//              0.96)
//   length 16: no attention 0.572 / 0.607, dot 0.939 / 0.959, additive 0.803 / 0.725
// Without attention the decoder sees the source only through the encoder's last state, a fixed
// context that 16 tokens overflow; with it, each step looks the token up.
#include <catch2/catch.hpp>
#include <cstdint>

#include "descent/data/token_copy.hpp"
#include "descent/nn/seq2seq_network.hpp"
#include "descent/optim/adam.hpp"

using descent::nn::AttentionKind;
using descent::nn::Matrix;

namespace {

struct ReverseScore {
  double token_accuracy;
  double anti_diagonal;  // fraction of (pair, step) whose alignment peaks on the mirrored step
};

ReverseScore trained_reverse_score(AttentionKind attention, int length, std::uint64_t seed) {
  const int vocabulary = 8, batch = 32, steps = 500, test_count = 500;
  descent::nn::Seq2SeqConfig config;
  config.source_vocabulary = config.target_classes = vocabulary;
  config.embedding_size = 16;
  config.cell = descent::nn::CellKind::kLstm;
  config.hidden_size = 32;
  config.attention = attention;
  config.seed = seed;
  descent::nn::Seq2SeqNetwork<float> network(config);
  descent::Adam adam(descent::Adam::Params{}, network.parameter_count());
  Eigen::VectorXd theta = network.get_parameters().cast<double>();
  Eigen::VectorXd gradient;
  descent::Rng batches(descent::derive_seed(seed, 7)), held_out(999);
  const Matrix<float> no_mask;
  Matrix<float> sources, targets;
  for (int step = 0; step < steps; ++step) {
    const descent::Seq2SeqDataset data =
        descent::make_token_copy_pairs({batch, length, vocabulary, true}, batches);
    sources = data.sources.cast<float>();
    targets = data.targets.cast<float>();
    network.loss_and_gradient(sources, targets, no_mask, no_mask, gradient);
    adam.step(theta, gradient, 0.01);
    network.set_parameters(theta);
  }
  const descent::Seq2SeqDataset test =
      descent::make_token_copy_pairs({test_count, length, vocabulary, true}, held_out);
  const auto decoding = network.greedy_decode(test.sources.cast<float>(), no_mask, length);
  ReverseScore score{
      (decoding.tokens.cast<double>().array() == test.targets.array()).cast<double>().mean(), 0.0};
  if (attention == AttentionKind::kNone) return score;
  for (int n = 0; n < test_count; ++n) {
    for (int t = 0; t < length; ++t) {
      Eigen::Index peak = 0;
      decoding.alignment.row(n).segment(t * length, length).maxCoeff(&peak);
      score.anti_diagonal += peak == length - 1 - t;
    }
  }
  score.anti_diagonal /= test_count * length;
  return score;
}

}  // namespace

TEST_CASE("with attention, seq2seq learns to reverse 8 tokens along the anti-diagonal",
          "[nn][seq2seq][learning]") {
  for (const AttentionKind attention : {AttentionKind::kDot, AttentionKind::kAdditive}) {
    const ReverseScore score = trained_reverse_score(attention, 8, 1);
    INFO(attention_kind_name(attention) << ": token accuracy " << score.token_accuracy
                                        << ", anti-diagonal " << score.anti_diagonal);
    CHECK(score.token_accuracy > 0.95);
    CHECK(score.anti_diagonal > 0.75);
  }
}

TEST_CASE("reversing 16 tokens: attention beats the fixed-context bottleneck",
          "[nn][seq2seq][learning]") {
  const double without = trained_reverse_score(AttentionKind::kNone, 16, 1).token_accuracy;
  const double with = trained_reverse_score(AttentionKind::kDot, 16, 1).token_accuracy;
  INFO("token accuracy without attention " << without << ", with dot attention " << with);
  CHECK(without < 0.75);
  CHECK(with > 0.85);
  CHECK(with - without > 0.2);
}

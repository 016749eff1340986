#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>

#include "attention_gradient_check.hpp"
#include "descent/nn/additive_attention.hpp"
#include "descent/nn/attention_softmax.hpp"
#include "descent/nn/dot_product_attention.hpp"

using descent::Rng;
using descent::nn::AdditiveAttention;
using descent::nn::Attention;
using descent::nn::DotProductAttention;
using descent::nn::Matrix;
using descent::nn::Mode;
using descent::nn::TensorShape;
using descent::test::attention_gradient_error;
using descent::test::random_matrix;

namespace {

Matrix<double> normal_matrix(Eigen::Index rows, Eigen::Index cols, Rng& rng) {
  return random_matrix(rows, cols, rng, [](Rng& r) { return r.normal(); });
}

// A batch × steps padding mask with these (sample, step) pairs masked out.
Matrix<double> mask_without(int batch, int steps, std::initializer_list<std::pair<int, int>> out) {
  Matrix<double> mask = Matrix<double>::Ones(batch, steps);
  for (const auto& [sample, step] : out) mask(sample, step) = 0.0;
  return mask;
}

// The textbook score of one (query, memory step) pair, as row vectors.
double reference_score(const Attention<double>& attention, const Eigen::RowVectorXd& query,
                       const Eigen::RowVectorXd& key) {
  if (const auto* additive = dynamic_cast<const AdditiveAttention<double>*>(&attention)) {
    const Eigen::RowVectorXd hidden =
        (query * additive->query_weights() + key * additive->key_weights()).array().tanh();
    return hidden.dot(additive->score_vector());
  }
  const auto& dot = dynamic_cast<const DotProductAttention<double>&>(attention);
  return dot.general() ? (query * dot.weights()).dot(key) : query.dot(key);
}

// α and c of one sample by the formulas: softmax over the unmasked steps, Σ_s α_s m_s.
void check_against_reference(const Attention<double>& attention, const Matrix<double>& queries,
                             const Matrix<double>& memory, const Matrix<double>& mask,
                             const Matrix<double>& context) {
  const int dq = attention.query_size(), dm = attention.memory_size();
  const int query_steps = static_cast<int>(queries.cols()) / dq;
  const int memory_steps = static_cast<int>(memory.cols()) / dm;
  for (int n = 0; n < queries.rows(); ++n) {
    const Matrix<double> alignment = attention.alignment(n);
    for (int t = 0; t < query_steps; ++t) {
      Eigen::RowVectorXd weights(memory_steps);
      for (int s = 0; s < memory_steps; ++s) {
        const bool real = mask.size() == 0 || mask(n, s) == 1.0;
        weights(s) = real ? std::exp(reference_score(attention, queries.block(n, t * dq, 1, dq),
                                                     memory.block(n, s * dm, 1, dm)))
                          : 0.0;
      }
      weights /= weights.sum();
      Eigen::RowVectorXd expected_context = Eigen::RowVectorXd::Zero(dm);
      for (int s = 0; s < memory_steps; ++s) {
        expected_context += weights(s) * memory.block(n, s * dm, 1, dm);
      }
      CHECK((alignment.row(t) - weights).cwiseAbs().maxCoeff() < 1e-12);
      CHECK((context.block(n, t * dm, 1, dm) - expected_context).cwiseAbs().maxCoeff() < 1e-12);
    }
  }
}

}  // namespace

TEST_CASE("attention weights and contexts match the formulas", "[nn][attention]") {
  Rng rng(3), init(5);
  const AdditiveAttention<double> additive(4, 3, 5, init);
  const DotProductAttention<double> dot(3), general(4, 3, init);
  for (const Attention<double>* prototype : {static_cast<const Attention<double>*>(&additive),
                                             static_cast<const Attention<double>*>(&dot),
                                             static_cast<const Attention<double>*>(&general)}) {
    const auto attention = std::unique_ptr<Attention<double>>(
        static_cast<Attention<double>*>(prototype->clone().release()));
    const int dq = attention->query_size();
    const Matrix<double> queries = normal_matrix(3, 4 * dq, rng),
                         memory = normal_matrix(3, 5 * 3, rng);
    for (const Matrix<double>& mask :
         {Matrix<double>(), mask_without(3, 5, {{0, 4}, {2, 0}, {2, 1}})}) {
      INFO(attention->name() << (mask.size() ? ", masked" : ""));
      attention->set_memory(memory, mask);
      Rng draws(1);
      const Matrix<double> context = attention->forward(queries, Mode::kTraining, draws);
      CHECK(context == attention->apply(queries));
      REQUIRE(attention->alignment().cols() == 4 * 5);
      check_against_reference(*attention, queries, memory, mask, context);
      if (mask.size() == 0) continue;
      // Padding gets weight exactly 0, and the real steps' weights sum to 1.
      for (int t = 0; t < 4; ++t) {
        CHECK(attention->alignment(0)(t, 4) == 0.0);
        CHECK(attention->alignment(2)(t, 0) == 0.0);
        CHECK(attention->alignment(2)(t, 1) == 0.0);
        CHECK(attention->alignment(2).row(t).sum() == Approx(1.0).epsilon(1e-12));
      }
    }
  }
}

TEST_CASE("attention modules pass the module gradient check", "[nn][attention]") {
  Rng init(7);
  const AdditiveAttention<double> additive(3, 2, 4, init);
  const DotProductAttention<double> dot(3), general(2, 3, init);
  const Matrix<double> mask = mask_without(3, 5, {{0, 0}, {1, 3}, {1, 4}, {2, 2}});
  const Matrix<double> one_real_step = mask_without(2, 3, {{0, 0}, {0, 1}, {1, 2}});
  for (const Attention<double>* attention : {static_cast<const Attention<double>*>(&additive),
                                             static_cast<const Attention<double>*>(&dot),
                                             static_cast<const Attention<double>*>(&general)}) {
    INFO(attention->name());
    // One pair; a batch without and with padding; a sample with a single real step (α = 1).
    CHECK(attention_gradient_error(*attention, 1, 1, 1) < 1e-6);
    CHECK(attention_gradient_error(*attention, 3, 4, 5) < 1e-6);
    CHECK(attention_gradient_error(*attention, 3, 4, 5, mask) < 1e-6);
    CHECK(attention_gradient_error(*attention, 2, 2, 3, one_real_step) < 1e-6);
  }
}

TEST_CASE("masked steps get no gradient through the alignment", "[nn][attention]") {
  // A masked step's memory only enters through its weight, which is 0: ∂L/∂m_s = 0 there.
  Rng rng(11), init(2);
  AdditiveAttention<double> attention(3, 3, 4, init);
  attention.set_memory(normal_matrix(2, 4 * 3, rng), mask_without(2, 4, {{0, 1}, {1, 3}}));
  Rng draws(1);
  const Matrix<double> queries = normal_matrix(2, 3 * 3, rng);
  attention.forward(queries, Mode::kTraining, draws);
  attention.backward(queries, normal_matrix(2, 3 * 3, rng));
  const Matrix<double>& grad_memory = attention.memory_gradient();
  CHECK(grad_memory.block(0, 1 * 3, 1, 3).isZero(0.0));
  CHECK(grad_memory.block(1, 3 * 3, 1, 3).isZero(0.0));
  CHECK(grad_memory.block(0, 0, 1, 3).cwiseAbs().maxCoeff() > 0.0);
}

TEST_CASE("attention names, shapes and invalid inputs", "[nn][attention]") {
  Rng rng(4);
  AdditiveAttention<double> additive(4, 3, 6, rng);
  CHECK(additive.name() == "additive attention 4→3, width 6");
  CHECK(additive.parameter_count() == 4 * 6 + 3 * 6 + 6);
  CHECK(DotProductAttention<double>(5).name() == "dot attention 5→5");
  CHECK(DotProductAttention<double>(5).parameter_count() == 0);
  CHECK(DotProductAttention<double>(2, 3, rng).name() == "general attention 2→3");
  CHECK(DotProductAttention<double>(2, 3, rng).parameter_count() == 6);
  CHECK(additive.output_shape(TensorShape::sequence(2, 7, 4)) == TensorShape::sequence(2, 7, 3));
  CHECK_THROWS_WITH(additive.output_shape(TensorShape::sequence(2, 7, 3)),
                    Catch::Contains("additive attention 4→3, width 6: input is (batch 2, time 7"));
  CHECK_THROWS_WITH(AdditiveAttention<float>(4, 3, 0, rng),
                    "additive attention: width must be ≥ 1, got 0");
  CHECK_THROWS_AS(DotProductAttention<float>(0), std::invalid_argument);

  CHECK_THROWS_WITH(additive.apply(Matrix<double>::Zero(2, 8)),
                    Catch::Contains("no memory to attend to (set_memory first)"));
  const Matrix<double> memory = Matrix<double>::Zero(2, 3 * 3);
  CHECK_THROWS_WITH(additive.set_memory(Matrix<double>::Zero(2, 7), Matrix<double>()),
                    Catch::Contains("the memory is 2 × 7, expected ≥ 1 rows (samples) and encoder "
                                    "steps × 3 columns"));
  CHECK_THROWS_WITH(additive.set_memory(memory, Matrix<double>::Ones(2, 4)),
                    Catch::Contains("the padding mask is 2 × 4, expected batch × encoder steps "
                                    "(2 × 3) or empty"));
  CHECK_THROWS_WITH(additive.set_memory(memory, mask_without(2, 3, {{1, 0}, {1, 1}, {1, 2}})),
                    "additive attention 4→3, width 6: sample 1 has every encoder step masked: "
                    "there is nothing to attend to");
  Matrix<double> half = Matrix<double>::Ones(2, 3);
  half(0, 2) = 0.5;
  CHECK_THROWS_WITH(additive.set_memory(memory, half),
                    Catch::Contains("padding mask entries must be 0 or 1, got 0.5 at sample 0, "
                                    "step 2"));
  additive.set_memory(memory, Matrix<double>());
  CHECK_THROWS_WITH(additive.apply(Matrix<double>::Zero(3, 8)),
                    Catch::Contains("the queries are 3 × 8, expected 2 rows"));
  CHECK_THROWS_AS(additive.backward(Matrix<double>::Zero(2, 8), Matrix<double>::Zero(2, 6)),
                  std::logic_error);
  Rng draws(1);
  additive.forward(Matrix<double>::Zero(2, 8), Mode::kTraining, draws);
  CHECK_THROWS_AS(additive.backward(Matrix<double>::Zero(2, 8), Matrix<double>::Zero(2, 5)),
                  std::invalid_argument);
  CHECK_THROWS_AS(additive.alignment(2), std::out_of_range);
  // All-zero scores: uniform weights over the three steps.
  CHECK(additive.alignment(1).isApproxToConstant(1.0 / 3.0, 1e-15));
}

TEST_CASE("float attention follows double", "[nn][attention]") {
  Rng rng(9);
  const Matrix<double> queries = normal_matrix(4, 3 * 5, rng),
                       memory = normal_matrix(4, 6 * 5, rng);
  const Matrix<double> mask = mask_without(4, 6, {{0, 5}, {3, 0}});
  const Matrix<double> upstream = normal_matrix(4, 3 * 5, rng);
  for (const bool additive : {true, false}) {
    Rng init(3), init_float(3);
    std::unique_ptr<Attention<double>> exact;
    std::unique_ptr<Attention<float>> fast;
    if (additive) {
      exact = std::make_unique<AdditiveAttention<double>>(5, 5, 8, init);
      fast = std::make_unique<AdditiveAttention<float>>(5, 5, 8, init_float);
    } else {
      exact = std::make_unique<DotProductAttention<double>>(5, 5, init);
      fast = std::make_unique<DotProductAttention<float>>(5, 5, init_float);
    }
    exact->set_memory(memory, mask);
    fast->set_memory(memory.cast<float>(), mask.cast<float>());
    Rng draws(1);
    const Matrix<double> context = exact->forward(queries, Mode::kTraining, draws);
    const Matrix<float> context_float =
        fast->forward(queries.cast<float>(), Mode::kTraining, draws);
    INFO(exact->name());
    CHECK((context - context_float.cast<double>()).cwiseAbs().maxCoeff() < 1e-5);
    const Matrix<double> grad = exact->backward(queries, upstream);
    const Matrix<float> grad_float = fast->backward(queries.cast<float>(), upstream.cast<float>());
    CHECK((grad - grad_float.cast<double>()).cwiseAbs().maxCoeff() < 1e-4);
    CHECK(
        (exact->memory_gradient() - fast->memory_gradient().cast<double>()).cwiseAbs().maxCoeff() <
        1e-4);
  }
}

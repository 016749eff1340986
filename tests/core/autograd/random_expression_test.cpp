// Fuzz test: random expression trees over x, y, z. Wherever the function is defined and smooth
// enough for finite differences to agree with themselves, the autograd gradient must match them;
// printing and re-parsing must reproduce the value bit for bit.
#include <catch2/catch.hpp>
#include <cmath>

#include "../support/numeric_checks.hpp"
#include "descent/autograd/expression_parser.hpp"
#include "descent/math/rng.hpp"

using descent::autograd::Graph;
using descent::autograd::NodeKind;

namespace {

const char* kVariables[] = {"x", "y", "z"};
const NodeKind kUnaryKinds[] = {
    NodeKind::kNegate, NodeKind::kExp,     NodeKind::kLog,  NodeKind::kSin, NodeKind::kCos,
    NodeKind::kTanh,   NodeKind::kSigmoid, NodeKind::kRelu, NodeKind::kAbs, NodeKind::kSqrt};
const NodeKind kBinaryKinds[] = {NodeKind::kAdd, NodeKind::kSubtract, NodeKind::kMultiply,
                                 NodeKind::kDivide, NodeKind::kPower};

int pick(descent::Rng& rng, int count) { return static_cast<int>(rng.uniform() * count) % count; }

// A random tree of at most `depth` levels; leaves are variables or small constants.
int random_tree(Graph& graph, descent::Rng& rng, int depth) {
  const double choice = rng.uniform();
  if (depth == 0 || choice < 0.25) {
    if (rng.uniform() < 0.7) return graph.add_variable(kVariables[pick(rng, 3)]);
    return graph.add_constant(std::round(rng.uniform(0.0, 4.0) * 4.0) / 4.0);
  }
  // Every draw is sequenced into a named local: the order of a call's argument evaluation is
  // unspecified (GCC goes right to left, clang left to right), and the draws must not depend on it.
  // The order is GCC's, which the test was written against: the operand first, then the kind.
  if (choice < 0.55) {
    const int operand = random_tree(graph, rng, depth - 1);
    const NodeKind unary_kind = kUnaryKinds[pick(rng, 10)];
    return graph.add_unary(unary_kind, operand);
  }
  const NodeKind kind = kBinaryKinds[pick(rng, 5)];
  const int left = random_tree(graph, rng, depth - 1);
  // Powers get small constant exponents, so they stay defined for negative bases.
  const int right = kind == NodeKind::kPower ? graph.add_constant(pick(rng, 4) + 1)
                                             : random_tree(graph, rng, depth - 1);
  return graph.add_binary(kind, left, right);
}

double evaluate_at(Graph& graph, int output, const Eigen::Vector3d& point) {
  for (int v = 0; v < 3; ++v) {
    if (graph.find_variable(kVariables[v]) >= 0) graph.set_variable(kVariables[v], point(v));
  }
  graph.forward();
  return graph.node(output).value;
}

}  // namespace

TEST_CASE("random expressions: gradients match finite differences where defined",
          "[autograd][fuzz]") {
  descent::Rng rng(2024);
  int checked = 0;
  constexpr int kExpressions = 400;
  for (int trial = 0; trial < kExpressions; ++trial) {
    Graph graph;
    for (const char* name : kVariables) graph.add_variable(name);
    const int output = random_tree(graph, rng, 5);
    // z, y, x: the order GCC evaluated the constructor's arguments in (see random_tree).
    const double point_z = rng.uniform(-2, 2);
    const double point_y = rng.uniform(-2, 2);
    const double point_x = rng.uniform(-2, 2);
    const Eigen::Vector3d point(point_x, point_y, point_z);
    const double value = evaluate_at(graph, output, point);
    if (!std::isfinite(value) || std::abs(value) > 1e6) continue;  // outside the domain
    graph.backward(output);
    Eigen::Vector3d analytic;
    for (int v = 0; v < 3; ++v)
      analytic(v) = graph.node(graph.find_variable(kVariables[v])).gradient;
    auto f = [&](const Eigen::VectorXd& p) { return evaluate_at(graph, output, p); };
    const Eigen::VectorXd coarse = descent::testing::central_difference_gradient(f, point, 1e-4);
    const Eigen::VectorXd fine = descent::testing::central_difference_gradient(f, point, 1e-5);
    // Near a kink or a pole the two estimates disagree: the derivative is not checkable there.
    if (!coarse.allFinite() || !fine.allFinite() ||
        descent::testing::relative_error(coarse, fine) > 1e-5) {
      continue;
    }
    const std::string text = descent::autograd::expression_text(graph, output);
    INFO(text << " at " << point.transpose());
    CHECK(analytic.allFinite());
    CHECK(descent::testing::relative_error(analytic, fine) < 1e-5);
    ++checked;

    auto reparsed = descent::autograd::parse_expression(text);
    REQUIRE(reparsed.ok);
    CHECK(evaluate_at(reparsed.expression.graph, reparsed.expression.output, point) == value);
  }
  // Most random expressions are defined at a random point; the check must not pass vacuously.
  CHECK(checked > kExpressions / 2);
}

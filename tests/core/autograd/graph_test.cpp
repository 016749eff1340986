#include "descent/autograd/graph.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "../support/numeric_checks.hpp"
#include "descent/math/rng.hpp"

using descent::autograd::Graph;
using descent::autograd::NodeKind;
using descent::testing::relative_error;

namespace {

// Every unary kind with the interval of inputs where it is differentiable.
struct UnaryCase {
  NodeKind kind;
  double low, high;
};

const UnaryCase kUnaryCases[] = {
    {NodeKind::kNegate, -3, 3},  {NodeKind::kExp, -3, 3},  {NodeKind::kLog, 0.1, 5},
    {NodeKind::kSin, -4, 4},     {NodeKind::kCos, -4, 4},  {NodeKind::kTanh, -3, 3},
    {NodeKind::kSigmoid, -6, 6}, {NodeKind::kRelu, -3, 3}, {NodeKind::kAbs, -3, 3},
    {NodeKind::kSqrt, 0.1, 5},
};

struct BinaryCase {
  NodeKind kind;
  double left_low, left_high, right_low, right_high;
};

const BinaryCase kBinaryCases[] = {
    {NodeKind::kAdd, -3, 3, -3, 3},      {NodeKind::kSubtract, -3, 3, -3, 3},
    {NodeKind::kMultiply, -3, 3, -3, 3}, {NodeKind::kDivide, -3, 3, 0.5, 3},
    {NodeKind::kPower, 0.2, 3, -2, 2},
};

// (f(a + h) − f(a − h)) / 2h of a one-node graph, through its variable `input`.
double central_difference(Graph graph, int input, int output, double step) {
  const double at = graph.node(input).value;
  graph.set_value(input, at + step);
  graph.forward();
  const double up = graph.node(output).value;
  graph.set_value(input, at - step);
  graph.forward();
  return (up - graph.node(output).value) / (2.0 * step);
}

}  // namespace

TEST_CASE("every unary node's derivative matches central differences", "[autograd][graph]") {
  descent::Rng rng(7);
  for (const UnaryCase& unary : kUnaryCases) {
    INFO(descent::autograd::node_kind_name(unary.kind));
    for (int trial = 0; trial < 50; ++trial) {
      double a = rng.uniform(unary.low, unary.high);
      if ((unary.kind == NodeKind::kRelu || unary.kind == NodeKind::kAbs) && std::abs(a) < 1e-3) {
        a = 0.5;  // the kink: no derivative to compare with
      }
      Graph graph;
      const int x = graph.add_variable("a", a);
      const int f = graph.add_unary(unary.kind, x);
      graph.forward();
      graph.backward(f);
      CHECK(relative_error(graph.node(x).gradient, central_difference(graph, x, f, 1e-6)) < 1e-6);
    }
  }
}

TEST_CASE("every binary node's derivatives match central differences", "[autograd][graph]") {
  descent::Rng rng(11);
  for (const BinaryCase& binary : kBinaryCases) {
    INFO(descent::autograd::node_kind_name(binary.kind));
    for (int trial = 0; trial < 50; ++trial) {
      Graph graph;
      const int a = graph.add_variable("a", rng.uniform(binary.left_low, binary.left_high));
      const int b = graph.add_variable("b", rng.uniform(binary.right_low, binary.right_high));
      const int f = graph.add_binary(binary.kind, a, b);
      graph.forward();
      graph.backward(f);
      CHECK(relative_error(graph.node(a).gradient, central_difference(graph, a, f, 1e-6)) < 1e-6);
      CHECK(relative_error(graph.node(b).gradient, central_difference(graph, b, f, 1e-6)) < 1e-6);
    }
  }
}

TEST_CASE("known local derivatives and conventions at kinks", "[autograd][graph]") {
  Graph graph;
  const int x = graph.add_variable("x", 0.0);
  const int relu = graph.add_unary(NodeKind::kRelu, x);
  const int absolute = graph.add_unary(NodeKind::kAbs, x);
  const int sigmoid = graph.add_unary(NodeKind::kSigmoid, x);
  const int squared = graph.add_binary(NodeKind::kPower, x, graph.add_constant(2.0));
  graph.forward();
  CHECK(graph.node(relu).local_derivatives[0] == 0.0);  // PyTorch: ReLU'(0) = 0
  CHECK(graph.node(absolute).local_derivatives[0] == 0.0);
  CHECK(graph.node(sigmoid).value == 0.5);
  CHECK(graph.node(sigmoid).local_derivatives[0] == 0.25);
  CHECK(graph.node(squared).local_derivatives[0] == 0.0);
  // A constant exponent with a negative base: (−2)² = 4, derivative 2·(−2) = −4, no NaN.
  graph.set_value(x, -2.0);
  graph.forward();
  graph.backward(squared);
  CHECK(graph.node(squared).value == 4.0);
  CHECK(graph.node(x).gradient == -4.0);
  // Large |x|: the sigmoid saturates without overflow.
  graph.set_value(x, -800.0);
  graph.forward();
  CHECK(graph.node(sigmoid).value == 0.0);
  CHECK(std::isfinite(graph.node(sigmoid).local_derivatives[0]));
}

TEST_CASE("fan-out: a variable used twice receives the sum of both paths", "[autograd][graph]") {
  // f(x) = x·(x + 1): df/dx = (x + 1) + x = 2x + 1.
  Graph graph;
  const int x = graph.add_variable("x", 3.0);
  CHECK(graph.add_variable("x") == x);  // one node per name
  const int plus_one = graph.add_binary(NodeKind::kAdd, x, graph.add_constant(1.0));
  const int f = graph.add_binary(NodeKind::kMultiply, x, plus_one);
  graph.forward();
  graph.backward(f);
  CHECK(graph.node(f).value == 12.0);
  CHECK(graph.node(x).gradient == 7.0);
  CHECK(graph.node(plus_one).gradient == 3.0);
  // Running backward twice does not accumulate across calls.
  graph.backward(f);
  CHECK(graph.node(x).gradient == 7.0);
}

TEST_CASE("a variable with no path to the output gets gradient 0", "[autograd][graph]") {
  Graph graph;
  const int x = graph.add_variable("x", 2.0);
  const int c = graph.add_variable("c", 5.0);
  const int unused = graph.add_unary(NodeKind::kExp, c);
  const int f = graph.add_binary(NodeKind::kMultiply, x, x);
  graph.forward();
  graph.backward(f);
  CHECK(graph.node(c).gradient == 0.0);
  CHECK(graph.node(unused).gradient == 0.0);
  const std::vector<bool> on_path = graph.reaches(f);
  CHECK(on_path[x]);
  CHECK_FALSE(on_path[c]);
  CHECK_FALSE(on_path[unused]);
}

TEST_CASE("a dead ReLU stops the gradient even when a later derivative is infinite",
          "[autograd][graph]") {
  // sqrt(relu(x)) at x = −1: sqrt'(0) = ∞, but 0 upstream must stay 0, not ∞·0 = NaN.
  Graph graph;
  const int x = graph.add_variable("x", -1.0);
  const int relu = graph.add_unary(NodeKind::kRelu, x);
  const int f = graph.add_binary(NodeKind::kMultiply, graph.add_constant(0.0),
                                 graph.add_unary(NodeKind::kSqrt, relu));
  graph.forward();
  graph.backward(f);
  CHECK(graph.node(x).gradient == 0.0);
}

TEST_CASE("depths lay the graph out left to right", "[autograd][graph]") {
  Graph graph;
  const int x = graph.add_variable("x", 1.0);
  const int one = graph.add_constant(1.0);
  const int sum = graph.add_binary(NodeKind::kAdd, x, one);
  const int square = graph.add_binary(NodeKind::kMultiply, sum, x);
  const std::vector<int> depth = graph.depths();
  CHECK(depth[x] == 0);
  CHECK(depth[one] == 0);
  CHECK(depth[sum] == 1);
  CHECK(depth[square] == 2);
}

TEST_CASE("undefined values are reported with their cause", "[autograd][graph]") {
  std::string message;
  Graph graph;
  const int x = graph.add_variable("x", -2.0);
  const int log = graph.add_unary(NodeKind::kLog, x);
  graph.add_unary(NodeKind::kExp, log);  // inherits the NaN: not the first cause
  graph.forward();
  CHECK(graph.first_undefined_node(message) == log);
  CHECK(message == "log of -2 is undefined (log needs a positive input)");

  Graph division;
  const int a = division.add_variable("a", 1.0);
  division.add_binary(NodeKind::kDivide, a, division.add_variable("b", 0.0));
  division.forward();
  CHECK(division.first_undefined_node(message) == 2);
  CHECK(message == "division by zero: 1 / 0");

  division.set_variable("b", 4.0);
  division.forward();
  CHECK(division.first_undefined_node(message) == -1);
  CHECK(message.empty());
}

TEST_CASE("graph construction rejects misuse", "[autograd][graph]") {
  Graph graph;
  const int x = graph.add_variable("x", 1.0);
  CHECK_THROWS_AS(graph.add_unary(NodeKind::kAdd, x), std::invalid_argument);
  CHECK_THROWS_AS(graph.add_binary(NodeKind::kAdd, x, 5), std::invalid_argument);
  CHECK_THROWS_AS(graph.set_variable("y", 1.0), std::invalid_argument);
  CHECK_THROWS_AS(graph.backward(3), std::invalid_argument);
}

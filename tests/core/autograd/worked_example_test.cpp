// The seeds' 2-layer worked example: one neuron per layer, ReLU hidden, squared-error loss.
#include <catch2/catch.hpp>

#include "descent/autograd/expression_parser.hpp"

using descent::autograd::parse_expression;

TEST_CASE("the worked example's forward and backward numbers", "[autograd][worked-example]") {
  auto parsed = parse_expression("(y - (w2*relu(w1*x + b1) + b2))^2");
  REQUIRE(parsed.ok);
  auto& graph = parsed.expression.graph;
  const std::pair<const char*, double> inputs[] = {{"w1", 0.5}, {"b1", 0.1}, {"w2", -0.3},
                                                   {"b2", 0.2}, {"x", 2.0},  {"y", 1.0}};
  for (const auto& [name, value] : inputs) graph.set_variable(name, value);
  graph.forward();
  graph.backward(parsed.expression.output);

  // Nodes follow the text: the first addition is z1 = w1·x + b1, the second ŷ = w2·a1 + b2.
  auto value_of = [&](descent::autograd::NodeKind kind, int occurrence = 0) {
    for (const auto& node : graph.nodes()) {
      if (node.kind == kind && occurrence-- == 0) return node;
    }
    FAIL("no such node");
    return graph.node(0);
  };
  using descent::autograd::NodeKind;
  const auto z1 = value_of(NodeKind::kAdd, 0);
  const auto a1 = value_of(NodeKind::kRelu);
  const auto y_hat = value_of(NodeKind::kAdd, 1);
  const auto loss = graph.node(parsed.expression.output);
  CHECK(z1.value == Approx(1.1).margin(1e-15));
  CHECK(a1.value == Approx(1.1).margin(1e-15));
  CHECK(y_hat.value == Approx(-0.13).margin(1e-15));
  CHECK(loss.value == Approx(1.2769).margin(1e-14));

  // Backward: dL/dŷ = −2(y − ŷ) = −2.26, then each step multiplies one local derivative.
  CHECK(y_hat.gradient == Approx(-2.26).margin(1e-14));
  CHECK(a1.gradient == Approx(0.678).margin(1e-14));  // × w2
  CHECK(z1.gradient == Approx(0.678).margin(1e-14));  // × ReLU'(1.1) = 1
  auto gradient = [&](const char* name) { return graph.node(graph.find_variable(name)).gradient; };
  CHECK(gradient("w2") == Approx(-2.486).margin(1e-14));  // × a1
  CHECK(gradient("b2") == Approx(-2.26).margin(1e-14));
  CHECK(gradient("w1") == Approx(1.356).margin(1e-14));  // × x
  CHECK(gradient("b1") == Approx(0.678).margin(1e-14));

  // The dead-ReLU case: w1 = −1 gives z1 = −1.9, and no gradient reaches layer 1.
  graph.set_variable("w1", -1.0);
  graph.forward();
  graph.backward(parsed.expression.output);
  CHECK(value_of(NodeKind::kAdd, 0).value == Approx(-1.9).margin(1e-15));
  CHECK(gradient("w1") == 0.0);
  CHECK(gradient("b1") == 0.0);
  CHECK(gradient("w2") == 0.0);  // a1 = 0, so w2 has nothing to scale
  CHECK(gradient("b2") == Approx(-2.0 * (1.0 - 0.2)).margin(1e-15));
}

#include "descent/autograd/expression_evaluation.hpp"

#include <catch2/catch.hpp>

#include "descent/autograd/expression_surface.hpp"

using namespace descent::autograd;

namespace {

const char* kWorkedExample = "(y - (w2*relu(w1*x + b1) + b2))^2";
const VariableValues kWorkedValues = {{"w1", 0.5}, {"b1", 0.1}, {"w2", -0.3},
                                      {"b2", 0.2}, {"x", 2.0},  {"y", 1.0}};

ParsedExpression parse(const char* text) {
  auto result = parse_expression(text);
  REQUIRE(result.ok);
  return result.expression;
}

}  // namespace

TEST_CASE("the numerical gradient check agrees with backprop to O(ε)", "[autograd][evaluation]") {
  ParsedExpression expression = parse(kWorkedExample);
  const NumericalCheck check = numerical_check(expression, kWorkedValues, "w1", 1e-4);
  CHECK(check.analytic == Approx(1.356).margin(1e-14));
  CHECK(check.value == Approx(1.2769).margin(1e-14));
  // Forward difference: error ≈ ε/2 · ∂²L/∂w1² = ε/2 · 2·(w2·x)² = 0.36ε.
  CHECK(check.numerical == Approx(1.356 + 0.36e-4).margin(1e-8));
  CHECK(expression.graph.node(expression.output).value == check.value);
  CHECK(validate_numerical_check(expression.graph, "w9", 1e-4) ==
        "the formula has no variable called w9");
  CHECK(validate_numerical_check(expression.graph, "w1", 0.0) ==
        "ε must be a number in (0, 1], got 0");
}

TEST_CASE("one update with lr 0.1 lowers the worked example's loss", "[autograd][evaluation]") {
  ParsedExpression expression = parse(kWorkedExample);
  const VariableValues updated =
      gradient_step(expression, kWorkedValues, {"w1", "b1", "w2", "b2"}, 0.1);
  CHECK(updated.at("w1") == Approx(0.5 - 0.1 * 1.356).margin(1e-14));
  CHECK(updated.at("b1") == Approx(0.1 - 0.1 * 0.678).margin(1e-14));
  CHECK(updated.at("w2") == Approx(-0.3 + 0.1 * 2.486).margin(1e-14));
  CHECK(updated.at("b2") == Approx(0.2 + 0.1 * 2.26).margin(1e-14));
  CHECK(updated.at("x") == 2.0);  // inputs are not parameters
  CHECK(expression.graph.node(expression.output).value < 1.2769);
  CHECK(validate_gradient_step(expression.graph, {"w1"}, 0.0) ==
        "learning rate must be a number in (0, 100], got 0");
}

TEST_CASE("missing or non-finite values are reported by name", "[autograd][evaluation]") {
  ParsedExpression expression = parse("w*x + b");
  CHECK(validate_variable_values(expression.graph, {{"w", 1}, {"x", 2}}) == "no value for b");
  CHECK(validate_variable_values(expression.graph, {{"w", 1}, {"x", NAN}, {"b", 0}}) ==
        "x must be a finite number");
  CHECK_THROWS_AS(evaluate_expression(expression, {{"w", 1}}), std::invalid_argument);
}

TEST_CASE("typed surface defaults parse and have their stated dimension",
          "[autograd][evaluation]") {
  for (const TypedSurfaceInfo& typed : typed_surface_catalog()) {
    INFO(typed.info.id);
    CHECK(ExpressionSurface::validate(typed.default_expression, typed.info.dimension).empty());
    CHECK(static_cast<int>(typed.info.default_start.size()) == typed.info.dimension);
  }
}

TEST_CASE("derivatives of an inner node: the local factor of one backward step",
          "[autograd][evaluation]") {
  ParsedExpression expression = parse(kWorkedExample);
  evaluate_expression(expression, kWorkedValues);
  const Graph& graph = expression.graph;
  int y_hat = -1;
  for (int index = 0; index < graph.size(); ++index) {
    if (expression_text(graph, index) == "w2*relu(w1*x + b1) + b2") y_hat = index;
  }
  REQUIRE(y_hat >= 0);
  const std::vector<double> from_y_hat = derivatives_of_node(expression, y_hat);
  // ∂ŷ/∂w2 = a1 = 1.1, and dL/dw2 = dL/dŷ × ∂ŷ/∂w2.
  const int w2 = graph.find_variable("w2");
  CHECK(from_y_hat[w2] == Approx(1.1).margin(1e-15));
  CHECK(graph.node(w2).gradient == Approx(graph.node(y_hat).gradient * 1.1).margin(1e-14));
  CHECK(from_y_hat[expression.output] == 0.0);  // L is downstream of ŷ
  CHECK_THROWS_AS(derivatives_of_node(expression, graph.size()), std::invalid_argument);
}

TEST_CASE("a step where the gradient is not finite is refused, not thrown",
          "[autograd][evaluation]") {
  ParsedExpression expression = parse("(x-1)^x");
  VariableValues updated;
  // (x − 1)^x at x = 0.3: a negative base to a fractional power, NaN with a NaN gradient.
  CHECK(try_gradient_step(expression, {{"x", 0.3}}, {"x"}, 0.1, updated) ==
        "the gradient with respect to 'x' is not finite here, so no step can be taken");
  CHECK(updated.empty());
  CHECK(try_gradient_step(expression, {{"x", 3.0}}, {"x"}, 0.1, updated).empty());
  CHECK(updated.at("x") < 3.0);
  CHECK(try_gradient_step(expression, {}, {"x"}, 0.1, updated) == "no value for x");
}

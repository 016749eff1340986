#include "descent/autograd/expression_parser.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <map>

using descent::autograd::expression_text;
using descent::autograd::parse_expression;
using descent::autograd::ParserOptions;

namespace {

// Parses `text` (which must be valid), sets the variables and returns the value.
double evaluate(const std::string& text, const std::map<std::string, double>& variables = {}) {
  auto result = parse_expression(text);
  INFO(text << ": " << result.error);
  REQUIRE(result.ok);
  auto& graph = result.expression.graph;
  for (const auto& [name, value] : variables) graph.set_variable(name, value);
  graph.forward();
  return graph.node(result.expression.output).value;
}

void check_error(const std::string& text, int position, const std::string& message,
                 const ParserOptions& options = {}) {
  const auto result = parse_expression(text, options);
  INFO(text);
  CHECK_FALSE(result.ok);
  CHECK(result.error_position == position);
  CHECK(result.error == message);
}

}  // namespace

TEST_CASE("precedence and associativity follow the usual rules", "[autograd][parser]") {
  CHECK(evaluate("2*3+4") == 10);
  CHECK(evaluate("2+3*4") == 14);
  CHECK(evaluate("8/4/2") == 1);
  CHECK(evaluate("8-4-2") == 2);
  CHECK(evaluate("2^3^2") == 512);            // right-associative
  CHECK(evaluate("-x^2", {{"x", 3}}) == -9);  // −(x²)
  CHECK(evaluate("(-x)^2", {{"x", 3}}) == 9);
  CHECK(evaluate("2^-1") == 0.5);
  CHECK(evaluate("x**2", {{"x", 3}}) == 9);
  CHECK(evaluate("--x", {{"x", 3}}) == 3);
  CHECK(evaluate("+x", {{"x", 3}}) == 3);
  CHECK(evaluate("1e-3*1000") == 1);
  CHECK(evaluate(".5 + 2.25") == 2.75);
  CHECK(evaluate("2*pi") == Approx(2 * 3.14159265358979323846));
  CHECK(evaluate("  sqrt ( 16 )  ") == 4);
}

TEST_CASE("the seeds' formulas parse, including typographic symbols", "[autograd][parser]") {
  CHECK(evaluate("(x+1)^2", {{"x", 2}}) == 9);
  CHECK(evaluate("(x+1)²", {{"x", 2}}) == 9);
  CHECK(evaluate("x*(x+1)", {{"x", 2}}) == 6);
  CHECK(evaluate("x·(x+1)", {{"x", 2}}) == 6);
  CHECK(evaluate("x × (x − 1) ÷ 2", {{"x", 3}}) == 3);
  CHECK(evaluate("x³", {{"x", 2}}) == 8);
  CHECK(evaluate("relu(w1*x+b1)*w2+b2",
                 {{"w1", 0.5}, {"b1", 0.1}, {"w2", -0.3}, {"b2", 0.2}, {"x", 2}}) ==
        Approx(-0.13).margin(1e-15));
}

TEST_CASE("a name used twice is one variable node", "[autograd][parser]") {
  auto result = parse_expression("x*(x+1)");
  REQUIRE(result.ok);
  CHECK(result.expression.graph.variable_names() == std::vector<std::string>{"x"});
}

TEST_CASE("printing then parsing again gives the same formula", "[autograd][parser]") {
  const char* formulas[] = {
      "(x + 1)^2",
      "x*(x + 1)",
      "w2*relu(w1*x + b1) + b2",
      "-x^2",
      "(-x)^2",
      "2^3^2",
      "(2^3)^2",
      "a - (b - c)",
      "a - b - c",
      "a/(b/c)",
      "a/b/c",
      "x^(-1)",
      "sigmoid(x)*tanh(y)",
      "-(-x)",
      "exp(-(x^2 + y^2))",
      "log(abs(x) + 1)",
      "sqrt(x^2 + 1e-12)",
      "sin(x)*cos(y) - pi",
  };
  for (const char* formula : formulas) {
    auto first = parse_expression(formula);
    INFO(formula << ": " << first.error);
    REQUIRE(first.ok);
    const std::string printed = expression_text(first.expression.graph, first.expression.output);
    CHECK(printed == formula);  // these are already written canonically
    auto second = parse_expression(printed);
    REQUIRE(second.ok);
    CHECK(second.expression.graph.size() == first.expression.graph.size());
  }
  // Redundant parentheses and spacing disappear.
  auto noisy = parse_expression("((x))+(2*y)");
  REQUIRE(noisy.ok);
  CHECK(expression_text(noisy.expression.graph, noisy.expression.output) == "x + 2*y");
}

TEST_CASE("syntax errors point at the character", "[autograd][parser]") {
  check_error("", 0, "the formula is empty at character 1");
  check_error("(x+1", 0, "missing ')' to close this '(' at character 1");
  check_error("x + * 2", 4, "'*' needs something on its left at character 5");
  check_error("x +", 3,
              "the formula ends too early: expected a number, a name or '(' at character 4");
  check_error("2x", 1, "missing operator between '2' and 'x' (write 2*x) at character 2");
  check_error("x y", 2, "missing operator before 'y' (write * for ×) at character 3");
  check_error("x)", 1, "unmatched ')' at character 2");
  check_error("foo(x)", 0,
              "unknown function 'foo' (functions: exp, log, sin, cos, tanh, sigmoid, relu, abs, "
              "sqrt) at character 1");
  check_error("exp x", 0, "'exp' is a function: write exp(…) at character 1");
  check_error("exp()", 4, "exp() needs an argument at character 5");
  check_error("exp(x, y)", 5,
              "expected ')' to close exp( — exp takes one argument, found ',' at character 6");
  check_error("1.2.3", 0, "'1.2.3' is not a number at character 1");
  check_error("x $ 2", 2, "unexpected '$' at character 3");
  // Positions count characters, not UTF-8 bytes: "−" is one character.
  check_error("−x + $", 5, "unexpected '$' at character 6");
  ParserOptions surface;
  surface.allowed_variables = {"x", "y"};
  check_error("x + z", 4, "unknown name 'z': this formula may use x and y at character 5", surface);
}

TEST_CASE("absurdly long or deep formulas are refused, not overflowed", "[autograd][parser]") {
  const auto too_long = parse_expression(std::string(1001, '1'));
  CHECK_FALSE(too_long.ok);
  CHECK(too_long.error == "the formula is too long (at most 1000 characters)");
  const auto too_deep = parse_expression(std::string(400, '(') + "x" + std::string(400, ')'));
  CHECK_FALSE(too_deep.ok);
  CHECK(too_deep.error.find("nests too deeply") != std::string::npos);
  CHECK(parse_expression(std::string(50, '(') + "x" + std::string(50, ')')).ok);
}

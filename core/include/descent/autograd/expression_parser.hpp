#pragma once
// Parses a typed formula such as "relu(w1*x + b1)*w2 + b2" or "(x+1)^2" into an autograd Graph.
// Grammar, loosest binding first: sums (+ −), products (* / × ·), unary minus, powers (^ or **,
// right-associative, so -x^2 = −(x²) and 2^3^2 = 2^9), postfix ² ³, then numbers (1, 0.5, 1e-3),
// the constant pi (π), variable names, function calls name(…) and parentheses. "2x" is rejected
// with a hint to write 2*x, rather than guessed. A name used twice is one variable node (fan-out).
#include <string>
#include <vector>

#include "descent/autograd/graph.hpp"

namespace descent::autograd {

// Longest formula accepted and deepest nesting of parentheses/operators, so parsing stays fast
// and recursion stays far from the WebAssembly stack limit.
constexpr int kMaxExpressionLength = 1000;
constexpr int kMaxExpressionDepth = 100;

struct ParserOptions {
  // Names a formula may use as variables; empty allows any name that is not a function.
  std::vector<std::string> allowed_variables;
};

struct ParsedExpression {
  Graph graph;      // values not yet computed: set the variables, then forward()
  int output = -1;  // the node holding the formula's value
};

struct ExpressionParseResult {
  bool ok = false;
  ParsedExpression expression;  // valid when ok
  // When not ok: a message for the user ending in "at character N" (1-based), and the same place
  // as a 0-based index into the text's characters (Unicode code points) for pointing at it.
  std::string error;
  int error_position = -1;
};

ExpressionParseResult parse_expression(const std::string& text, const ParserOptions& options = {});

// The formula computed by `node`, written with as few parentheses as the grammar allows
// ("(x + 1)^2", "w2*relu(w1*x + b1) + b2"); parsing it again gives the same graph shape.
std::string expression_text(const Graph& graph, int node);

}  // namespace descent::autograd

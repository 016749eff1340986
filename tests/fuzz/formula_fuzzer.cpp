// libFuzzer harness for the formula parser and evaluator (build-scripts/fuzz.sh).
// The input is the formula text, as typed (UTF-8 or not). It checks that:
// - parse_expression never crashes, hangs, throws or trips ASan/UBSan, and reports a failure as a
//   message ending "at character N" with N − 1 the error position (inside the text), with no graph;
// - a parsed graph is well formed: every node's inputs come before it, match its arity and have one
//   local derivative each; variables are distinct names that are not functions; the output exists;
// - parsing with allowed_variables {x, y} succeeds exactly when the plain parse does and uses no
//   other name, and then gives the same graph;
// - at a few fixed points the forward and backward passes, derivatives_of_node, numerical_check,
//   try_gradient_step and first_undefined_node run without throwing, agree with each other
//   (bit for bit where they compute the same thing) and a second evaluation repeats the first;
// - expression_text prints the formula so that, when the text is within the length limit, parsing
//   it again gives the same graph (kinds, inputs, names, constants bit for bit) and prints the same
//   text again. The printed form can nest deeper than the original ("--x" prints as "-(-x)", "x²²"
//   as "(x^2)^2"), so the only failure allowed is the nesting-depth error.
#include <cctype>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "descent/autograd/expression_evaluation.hpp"
#include "descent/autograd/expression_parser.hpp"
#include "descent/autograd/graph.hpp"

using namespace descent::autograd;

namespace {

[[noreturn]] void fail(const char* what, const std::string& formula, const std::string& detail) {
  std::fprintf(stderr, "formula_fuzzer: %s\n  formula: %s\n  %s\n", what, formula.c_str(),
               detail.c_str());
  std::abort();
}

// `text` is the formula in every function using it.
#define REQUIRE(condition, detail)                    \
  do {                                                \
    if (!(condition)) fail(#condition, text, detail); \
  } while (false)

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

bool same_graph(const Graph& a, const Graph& b) {
  if (a.size() != b.size()) return false;
  for (int i = 0; i < a.size(); ++i) {
    const Node& x = a.node(i);
    const Node& y = b.node(i);
    if (x.kind != y.kind || x.inputs != y.inputs || x.name != y.name) return false;
    if (x.kind == NodeKind::kConstant && !same_bits(x.value, y.value)) return false;
  }
  return true;
}

bool is_name(const std::string& name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  }
  return true;
}

void check_failure(const std::string& text, const ExpressionParseResult& result) {
  REQUIRE(!result.error.empty(), "");
  REQUIRE(result.error_position >= 0, result.error);
  REQUIRE(static_cast<std::size_t>(result.error_position) <= text.size(), result.error);
  REQUIRE(result.expression.output == -1 && result.expression.graph.size() == 0, result.error);
  if (result.error.rfind("the formula is too long", 0) == 0) {
    REQUIRE(text.size() > static_cast<std::size_t>(kMaxExpressionLength), result.error);
    return;
  }
  const std::string suffix = " at character " + std::to_string(result.error_position + 1);
  REQUIRE(result.error.size() > suffix.size() &&
              result.error.compare(result.error.size() - suffix.size(), suffix.size(), suffix) == 0,
          result.error);
}

void check_structure(const std::string& text, const ParsedExpression& expression) {
  const Graph& graph = expression.graph;
  REQUIRE(expression.output >= 0 && expression.output < graph.size(), "");
  std::vector<std::string> names;
  for (int i = 0; i < graph.size(); ++i) {
    const Node& node = graph.node(i);
    const int arity = node_kind_arity(node.kind);
    REQUIRE(static_cast<int>(node.inputs.size()) == arity, node_kind_name(node.kind));
    REQUIRE(node.local_derivatives.size() == node.inputs.size(), node_kind_name(node.kind));
    for (int input : node.inputs) REQUIRE(input >= 0 && input < i, "input after its consumer");
    if (node.kind == NodeKind::kConstant) {
      REQUIRE(std::isfinite(node.value) && node.value >= 0.0, "constant out of range");
    }
    if (node.kind == NodeKind::kVariable) {
      NodeKind function;
      REQUIRE(is_name(node.name) && !function_kind(node.name, function) && node.name != "pi",
              node.name);
      REQUIRE(graph.find_variable(node.name) == i, "a name has two variable nodes: " + node.name);
      names.push_back(node.name);
    } else {
      REQUIRE(node.name.empty(), node.name);
    }
  }
  REQUIRE(graph.variable_names() == names, "");
}

// Evaluates at one point and checks the evaluation's pieces against each other.
void check_evaluation(const std::string& text, ParsedExpression& expression, const double* point,
                      int point_size) {
  Graph& graph = expression.graph;
  const std::vector<std::string> names = graph.variable_names();
  VariableValues values;
  for (std::size_t i = 0; i < names.size(); ++i) values[names[i]] = point[i % point_size];
  REQUIRE(validate_variable_values(graph, values).empty(), "");
  evaluate_expression(expression, values);

  std::vector<double> node_values, gradients;
  for (const Node& node : graph.nodes()) {
    node_values.push_back(node.value);
    gradients.push_back(node.gradient);
  }
  REQUIRE(same_bits(gradients[expression.output], 1.0), "the output's gradient is not 1");

  // Every node is on the path to the output (the parser builds a tree over shared variables).
  const std::vector<bool> on_path = graph.reaches(expression.output);
  const std::vector<int> depths = graph.depths();
  REQUIRE(static_cast<int>(on_path.size()) == graph.size() &&
              static_cast<int>(depths.size()) == graph.size(),
          "");
  for (int i = 0; i < graph.size(); ++i) {
    REQUIRE(on_path[i], "a node that does not reach the output");
    for (std::size_t slot = 0; slot < graph.node(i).inputs.size(); ++slot) {
      graph.edge_contribution(i, static_cast<int>(slot));
    }
  }

  // A non-finite value somewhere ⇔ first_undefined_node names the first one.
  std::string message;
  const int undefined = graph.first_undefined_node(message);
  int first_non_finite = -1;
  for (int i = 0; i < graph.size() && first_non_finite < 0; ++i) {
    if (!std::isfinite(node_values[i])) first_non_finite = i;
  }
  REQUIRE(undefined == first_non_finite, message);
  REQUIRE(message.empty() == (undefined < 0), message);

  // Seeding the backward pass at the output again gives the same gradients, and restores them.
  const std::vector<double> again = derivatives_of_node(expression, expression.output);
  if (expression.output > 0) derivatives_of_node(expression, expression.output - 1);
  for (int i = 0; i < graph.size(); ++i) {
    REQUIRE(same_bits(again[i], gradients[i]), "derivatives_of_node(output) differs");
    REQUIRE(same_bits(graph.node(i).gradient, gradients[i]), "gradients not restored");
  }

  // The same values evaluate to the same bits.
  evaluate_expression(expression, values);
  for (int i = 0; i < graph.size(); ++i) {
    REQUIRE(same_bits(graph.node(i).value, node_values[i]), "a second evaluation differs");
    REQUIRE(same_bits(graph.node(i).gradient, gradients[i]), "a second backward pass differs");
  }

  if (names.empty()) return;
  REQUIRE(validate_numerical_check(graph, names[0], 1e-3).empty(), names[0]);
  const NumericalCheck check = numerical_check(expression, values, names[0], 1e-3);
  REQUIRE(same_bits(check.value, node_values[expression.output]), "numerical_check's f(v)");
  REQUIRE(same_bits(check.analytic, gradients[graph.find_variable(names[0])]),
          "numerical_check's gradient");

  VariableValues updated;
  const std::string step = try_gradient_step(expression, values, names, 0.1, updated);
  if (step.empty()) {
    REQUIRE(updated.size() == values.size(), "");
    for (const auto& entry : updated) REQUIRE(std::isfinite(entry.second), entry.first);
  }
}

void check_printed(const std::string& text, const ParsedExpression& expression) {
  const std::string printed = expression_text(expression.graph, expression.output);
  REQUIRE(!printed.empty(), "");
  if (printed.size() > static_cast<std::size_t>(kMaxExpressionLength)) return;
  const ExpressionParseResult again = parse_expression(printed);
  if (!again.ok) {
    REQUIRE(again.error.find("nests too deeply") != std::string::npos,
            "printed: " + printed + "\n  error: " + again.error);
    return;
  }
  REQUIRE(same_graph(expression.graph, again.expression.graph) &&
              again.expression.output == expression.output,
          "printed: " + printed);
  const std::string reprinted = expression_text(again.expression.graph, again.expression.output);
  REQUIRE(reprinted == printed, "printed: " + printed + "\n  then: " + reprinted);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  ExpressionParseResult result = parse_expression(text);

  ParserOptions xy;
  xy.allowed_variables = {"x", "y"};
  const ExpressionParseResult restricted = parse_expression(text, xy);

  if (!result.ok) {
    check_failure(text, result);
    check_failure(text, restricted);
    REQUIRE(!restricted.ok, "only the restricted parse succeeds");
    return 0;
  }
  REQUIRE(result.error.empty() && result.error_position == -1, result.error);
  check_structure(text, result.expression);

  bool only_xy = true;
  for (const std::string& name : result.expression.graph.variable_names()) {
    only_xy = only_xy && (name == "x" || name == "y");
  }
  REQUIRE(restricted.ok == only_xy, restricted.error);
  if (restricted.ok) {
    REQUIRE(same_graph(result.expression.graph, restricted.expression.graph) &&
                restricted.expression.output == result.expression.output,
            "the restricted parse differs");
  } else {
    check_failure(text, restricted);
    REQUIRE(restricted.error.rfind("unknown name", 0) == 0, restricted.error);
  }

  static const double kPoints[][3] = {
      {0.0, 0.0, 0.0}, {1.0, -1.0, 0.5}, {-2.5, 3.0, 1e-3}, {0.7, 0.7, 100.0}};
  for (const auto& point : kPoints) check_evaluation(text, result.expression, point, 3);

  check_printed(text, result.expression);
  return 0;
}

// embind registration of the autograd engine: checkFormula (parse only, with the position of a
// syntax error), evaluateFormula (the whole graph with forward values, local derivatives,
// gradients and what flows along each edge), gradientCheck, gradientStep and typedSurfaces (the
// "custom" surfaces runDescent/runRace accept with an expression). Every entry point validates
// its input and returns {ok: false, error} (plus position for a formula) instead of throwing.
#include <emscripten/bind.h>

#include <string>
#include <vector>

#include "descent/autograd/expression_evaluation.hpp"
#include "descent/autograd/expression_surface.hpp"
#include "descent/math/cold_code.hpp"
#include "descent/math/messages.hpp"
#include "js_values.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent::bindings {
namespace {

using emscripten::val;
using namespace descent::autograd;

// Longest list of names gradientStep accepts (a formula has at most a few dozen variables).
constexpr int kMaxStepParameters = 64;

val formula_error(const ExpressionParseResult& parsed) {
  val result = error_result(parsed.error);
  result.set("position", parsed.error_position);
  return result;
}

// Reads js.expression and, for dimension 1 or 2, restricts the names to x (and y).
std::string read_formula(const val& js, ExpressionParseResult& parsed) {
  if (!is_object(js)) return "config must be an object";
  // A formula far over the parser's limit is refused by its length before it is copied in (a
  // UTF-16 unit is at least one UTF-8 byte; parse_expression allows 4 bytes per character).
  const val expression = js["expression"];
  if (expression.isString() && expression["length"].as<double>() > 4.0 * kMaxExpressionLength) {
    parsed = parse_expression(std::string(4 * kMaxExpressionLength + 1, ' '));  // its message
    return "";
  }
  std::string text;
  if (auto m = read_string(js, "expression", text); !m.empty()) return m;
  double dimension = 0;
  if (auto m = read_integer(js, "dimension", 2, dimension); !m.empty()) return m;
  if (dimension < 0) return "dimension must be 1 or 2 (or absent for any names)";
  parsed = parse_expression(
      text, dimension == 0 ? ParserOptions{} : surface_parser_options(static_cast<int>(dimension)));
  return "";
}

std::string read_values(const val& js, VariableValues& values) {
  const val object = js["values"];
  if (is_missing(object)) return "";
  if (!is_object(object)) return "values must be an object {name: number}";
  const val keys = val::global("Object").call<val>("keys", object);
  const int count = keys["length"].as<int>();
  for (int i = 0; i < count; ++i) {
    const std::string name = keys[i].as<std::string>();
    if (!object[name].isNumber()) return "values." + shorten_text(name) + " must be a number";
    values[name] = object[name].as<double>();
  }
  return "";
}

val string_list(const std::vector<std::string>& names) {
  val list = val::array();
  for (const std::string& name : names) list.call<void>("push", name);
  return list;
}

// A prototype-free object: a variable called __proto__ or toString is an ordinary key.
val values_to_js(const VariableValues& values) {
  val object = val::global("Object").call<val>("create", val::null());
  for (const auto& [name, value] : values) object.set(name, value);
  return object;
}

// {expression, dimension?} → {ok, formula (re-printed), variables} or {ok: false, error, position}.
val check_formula(const val& js) {
  ExpressionParseResult parsed;
  if (auto m = read_formula(js, parsed); !m.empty()) return error_result(m);
  if (!parsed.ok) return formula_error(parsed);
  const Graph& graph = parsed.expression.graph;
  val result = val::object();
  result.set("ok", true);
  result.set("formula", expression_text(graph, parsed.expression.output));
  result.set("variables", string_list(graph.variable_names()));
  return result;
}

val node_to_js(const Graph& graph, int index, int depth, bool on_path) {
  const Node& node = graph.node(index);
  val js = val::object();
  js.set("index", index);
  js.set("kind", std::string(node_kind_name(node.kind)));
  js.set("symbol", std::string(node_kind_symbol(node.kind)));
  js.set("name", node.name);
  js.set("text", expression_text(graph, index));
  val inputs = val::array();
  for (int input : node.inputs) inputs.call<void>("push", input);
  js.set("inputs", inputs);
  js.set("localDerivatives", to_float64_array(node.local_derivatives));
  js.set("value", node.value);
  js.set("gradient", node.gradient);
  js.set("depth", depth);
  js.set("onPath", on_path);
  return js;
}

// {expression, values: {name: number}} → the evaluated graph: {ok, formula, output (the output
// node's index), outputValue (its value), variables,
// nodes: [{index, kind, symbol, name, text, inputs, localDerivatives, value, gradient, depth,
// onPath}] in topological order, edges: [{from, to, slot, localDerivative, upstreamGradient,
// contribution}], undefinedNode, undefinedReason, derivatives}. Optional derivativesFrom: node
// indices; derivatives[i] holds ∂(node derivativesFrom[i])/∂(every node).
val evaluate_formula(const val& js) {
  ExpressionParseResult parsed;
  if (auto m = read_formula(js, parsed); !m.empty()) return error_result(m);
  if (!parsed.ok) return formula_error(parsed);
  VariableValues values;
  if (auto m = read_values(js, values); !m.empty()) return error_result(m);
  ParsedExpression& expression = parsed.expression;
  if (auto m = validate_variable_values(expression.graph, values); !m.empty()) {
    return error_result(m);
  }
  // A value for a name the formula does not use becomes an unconnected variable node: drawn, with
  // gradient 0 ("no path = no gradient").
  for (const auto& [name, value] : values) {
    if (expression.graph.find_variable(name) < 0) expression.graph.add_variable(name, value);
  }
  evaluate_expression(expression, values);
  const Graph& graph = expression.graph;
  std::vector<double> derivative_sources;
  if (auto m = read_number_list(js, "derivativesFrom", derivative_sources); !m.empty()) {
    return error_result(m);
  }
  val derivatives = val::array();
  for (double source : derivative_sources) {
    if (source != static_cast<int>(source) || source < 0 || source >= graph.size()) {
      return error_result("derivativesFrom must list node indices 0–" +
                          std::to_string(graph.size() - 1));
    }
    derivatives.call<void>(
        "push", to_float64_array(derivatives_of_node(expression, static_cast<int>(source))));
  }
  const std::vector<int> depths = graph.depths();
  const std::vector<bool> on_path = graph.reaches(expression.output);
  val nodes = val::array();
  val edges = val::array();
  for (int index = 0; index < graph.size(); ++index) {
    nodes.call<void>("push", node_to_js(graph, index, depths[index], on_path[index]));
    const Node& node = graph.node(index);
    for (int slot = 0; slot < static_cast<int>(node.inputs.size()); ++slot) {
      val edge = val::object();
      edge.set("from", node.inputs[slot]);
      edge.set("to", index);
      edge.set("slot", slot);
      edge.set("localDerivative", node.local_derivatives[slot]);
      edge.set("upstreamGradient", node.gradient);
      edge.set("contribution", graph.edge_contribution(index, slot));
      edges.call<void>("push", edge);
    }
  }
  std::string reason;
  const int undefined_node = graph.first_undefined_node(reason);
  val result = val::object();
  result.set("ok", true);
  result.set("formula", expression_text(graph, expression.output));
  // `output` is the output node's index (as in the graph's node list); its value is outputValue.
  result.set("output", expression.output);
  result.set("outputValue", graph.node(expression.output).value);
  result.set("variables", string_list(graph.variable_names()));
  result.set("nodes", nodes);
  result.set("edges", edges);
  result.set("undefinedNode", undefined_node);
  result.set("undefinedReason", reason);
  result.set("derivatives", derivatives);
  return result;
}

// {expression, values, variable, epsilon} → {ok, analytic, numerical, value, shiftedValue}.
val gradient_check(const val& js) {
  ExpressionParseResult parsed;
  if (auto m = read_formula(js, parsed); !m.empty()) return error_result(m);
  if (!parsed.ok) return formula_error(parsed);
  VariableValues values;
  std::string variable;
  double epsilon = 1e-4;
  if (auto m = first_message({read_values(js, values), read_string(js, "variable", variable),
                              read_number(js, "epsilon", epsilon)});
      !m.empty()) {
    return error_result(m);
  }
  const Graph& graph = parsed.expression.graph;
  if (auto m = first_message({validate_variable_values(graph, values),
                              validate_numerical_check(graph, variable, epsilon)});
      !m.empty()) {
    return error_result(m);
  }
  const NumericalCheck check = numerical_check(parsed.expression, values, variable, epsilon);
  val result = val::object();
  result.set("ok", true);
  result.set("analytic", check.analytic);
  result.set("numerical", check.numerical);
  result.set("value", check.value);
  result.set("shiftedValue", check.shifted_value);
  return result;
}

// {expression, values, parameters: [names], lr} → {ok, values (updated), value (f after)}.
val gradient_step_js(const val& js) {
  ExpressionParseResult parsed;
  if (auto m = read_formula(js, parsed); !m.empty()) return error_result(m);
  if (!parsed.ok) return formula_error(parsed);
  VariableValues values;
  double learning_rate = 0.1;
  if (auto m = first_message({read_values(js, values), read_number(js, "lr", learning_rate)});
      !m.empty()) {
    return error_result(m);
  }
  const val list = js["parameters"];
  if (!is_array(list)) {
    return error_result("parameters must be an array of variable names");
  }
  std::vector<std::string> parameters;
  const int count = list["length"].as<int>();
  if (count > kMaxStepParameters) return error_result("too many parameters");
  for (int i = 0; i < count; ++i) {
    if (!list[i].isString()) return error_result("parameters must be an array of variable names");
    parameters.push_back(list[i].as<std::string>());
  }
  const Graph& graph = parsed.expression.graph;
  if (auto m = first_message({validate_variable_values(graph, values),
                              validate_gradient_step(graph, parameters, learning_rate)});
      !m.empty()) {
    return error_result(m);
  }
  VariableValues updated;
  if (auto m = try_gradient_step(parsed.expression, values, parameters, learning_rate, updated);
      !m.empty()) {
    return error_result(m);
  }
  val result = val::object();
  result.set("ok", true);
  result.set("values", values_to_js(updated));
  result.set("value", parsed.expression.graph.node(parsed.expression.output).value);
  return result;
}

// The typed surfaces, shaped like catalog().surfaces entries plus defaultExpression.
val typed_surfaces() {
  val list = val::array();
  for (const TypedSurfaceInfo& typed : typed_surface_catalog()) {
    val js = val::object();
    js.set("id", typed.info.id);
    js.set("label", typed.info.label);
    js.set("dimension", typed.info.dimension);
    js.set("defaultStart", to_float64_array(typed.info.default_start));
    js.set("defaultExpression", typed.default_expression);
    list.call<void>("push", js);
  }
  return list;
}

}  // namespace
}  // namespace descent::bindings

EMSCRIPTEN_BINDINGS(descent_autograd) {
  using namespace descent::bindings;
  emscripten::function("checkFormula", &check_formula);
  emscripten::function("evaluateFormula", &evaluate_formula);
  emscripten::function("gradientCheck", &gradient_check);
  emscripten::function("gradientStep", &gradient_step_js);
  emscripten::function("typedSurfaces", &typed_surfaces);
}

DESCENT_END_COLD_CODE

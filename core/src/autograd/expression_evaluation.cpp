#include "descent/autograd/expression_evaluation.hpp"

#include <cmath>
#include <stdexcept>
#include <utility>

#include "descent/math/messages.hpp"

namespace descent::autograd {

std::string validate_variable_values(const Graph& graph, const VariableValues& values) {
  for (const std::string& name : graph.variable_names()) {
    const auto found = values.find(name);
    if (found == values.end()) return "no value for " + shorten_text(name);
    if (!std::isfinite(found->second)) return name + " must be a finite number";
  }
  return "";
}

void evaluate_expression(ParsedExpression& expression, const VariableValues& values) {
  if (auto message = validate_variable_values(expression.graph, values); !message.empty()) {
    throw std::invalid_argument(message);
  }
  for (const std::string& name : expression.graph.variable_names()) {
    expression.graph.set_variable(name, values.at(name));
  }
  expression.graph.forward();
  expression.graph.backward(expression.output);
}

std::vector<double> derivatives_of_node(ParsedExpression& expression, int node) {
  Graph& graph = expression.graph;
  if (node < 0 || node >= graph.size()) throw std::invalid_argument("no such node");
  graph.backward(node);
  std::vector<double> derivatives(graph.size());
  for (int index = 0; index < graph.size(); ++index)
    derivatives[index] = graph.node(index).gradient;
  graph.backward(expression.output);
  return derivatives;
}

std::string validate_numerical_check(const Graph& graph, const std::string& variable,
                                     double epsilon) {
  if (graph.find_variable(variable) < 0)
    return "the formula has no variable called " + shorten_text(variable);
  if (!(epsilon > 0.0 && epsilon <= kMaxCheckEpsilon)) {
    return "ε must be a number in (0, " + format_number(kMaxCheckEpsilon) + "], got " +
           format_number(epsilon);
  }
  return "";
}

NumericalCheck numerical_check(ParsedExpression& expression, const VariableValues& values,
                               const std::string& variable, double epsilon) {
  if (auto message = validate_numerical_check(expression.graph, variable, epsilon);
      !message.empty()) {
    throw std::invalid_argument(message);
  }
  NumericalCheck check;
  evaluate_expression(expression, values);
  check.value = expression.graph.node(expression.output).value;
  check.analytic = expression.graph.node(expression.graph.find_variable(variable)).gradient;
  VariableValues shifted = values;
  shifted[variable] += epsilon;
  evaluate_expression(expression, shifted);
  check.shifted_value = expression.graph.node(expression.output).value;
  check.numerical = (check.shifted_value - check.value) / epsilon;
  evaluate_expression(expression, values);  // leave the graph showing the unshifted values
  return check;
}

std::string validate_gradient_step(const Graph& graph, const std::vector<std::string>& parameters,
                                   double learning_rate) {
  for (const std::string& name : parameters) {
    if (graph.find_variable(name) < 0) {
      return "the formula has no variable called " + shorten_text(name);
    }
  }
  if (!std::isfinite(learning_rate) || learning_rate <= 0.0 ||
      learning_rate > kMaxUpdateLearningRate) {
    return "learning rate must be a number in (0, " + format_number(kMaxUpdateLearningRate) +
           "], got " + format_number(learning_rate);
  }
  return "";
}

std::string try_gradient_step(ParsedExpression& expression, const VariableValues& values,
                              const std::vector<std::string>& parameters, double learning_rate,
                              VariableValues& updated) {
  if (auto message =
          first_message({validate_variable_values(expression.graph, values),
                         validate_gradient_step(expression.graph, parameters, learning_rate)});
      !message.empty()) {
    return message;
  }
  evaluate_expression(expression, values);
  VariableValues next = values;
  for (const std::string& name : parameters) {
    const double gradient = expression.graph.node(expression.graph.find_variable(name)).gradient;
    next[name] = values.at(name) - learning_rate * gradient;
    // A NaN/Inf gradient (the formula is undefined or its slope infinite here) cannot be stepped.
    if (!std::isfinite(next[name])) {
      return "the gradient with respect to " + quote_value(name) +
             " is not finite here, so no step can be taken";
    }
  }
  evaluate_expression(expression, next);  // the graph now shows the updated loss
  updated = std::move(next);
  return "";
}

VariableValues gradient_step(ParsedExpression& expression, const VariableValues& values,
                             const std::vector<std::string>& parameters, double learning_rate) {
  VariableValues updated;
  if (auto message = try_gradient_step(expression, values, parameters, learning_rate, updated);
      !message.empty()) {
    throw std::invalid_argument(message);
  }
  return updated;
}

}  // namespace descent::autograd

#pragma once
// What the backprop widgets do with a parsed formula: evaluate it at named values (forward and
// backward pass), check a gradient numerically, and take one gradient-descent step on chosen
// variables ("apply update").
#include <map>
#include <string>
#include <vector>

#include "descent/autograd/expression_parser.hpp"

namespace descent::autograd {

using VariableValues = std::map<std::string, double>;

// Largest ε accepted for a numerical gradient check, and largest learning rate for an update.
constexpr double kMaxCheckEpsilon = 1.0;
constexpr double kMaxUpdateLearningRate = 100.0;

// Empty when `values` gives a finite number for every variable of the graph (extra names are
// ignored); otherwise "no value for w1" or "w1 must be a finite number".
std::string validate_variable_values(const Graph& graph, const VariableValues& values);

// Sets the variables, runs forward() and backward(output). Precondition:
// validate_variable_values is empty (throws std::invalid_argument otherwise).
void evaluate_expression(ParsedExpression& expression, const VariableValues& values);

// ∂node/∂every node (indexed like the graph's nodes) at the values of the last forward pass: a
// backward pass seeded at `node` instead of the output. The nodes' own gradients are restored
// (∂output/∂·) afterwards. Precondition: `node` exists (throws std::invalid_argument).
std::vector<double> derivatives_of_node(ParsedExpression& expression, int node);

struct NumericalCheck {
  double analytic = 0.0;       // ∂f/∂variable from the backward pass
  double numerical = 0.0;      // (f(v + ε) − f(v)) / ε, the forward difference the lesson shows
  double value = 0.0;          // f(v)
  double shifted_value = 0.0;  // f(v + ε)
};

// Empty when `variable` is one of the graph's and 0 < epsilon ≤ kMaxCheckEpsilon.
std::string validate_numerical_check(const Graph& graph, const std::string& variable,
                                     double epsilon);

// Preconditions: both validations above are empty (throws std::invalid_argument otherwise).
NumericalCheck numerical_check(ParsedExpression& expression, const VariableValues& values,
                               const std::string& variable, double epsilon);

// Empty when every name in `parameters` is a variable and 0 < learning_rate ≤ the maximum.
std::string validate_gradient_step(const Graph& graph, const std::vector<std::string>& parameters,
                                   double learning_rate);

// `values` with each parameter p replaced by p − learning_rate · ∂f/∂p (the other variables, such
// as the input x and target y, unchanged). Preconditions as the validations above.
// One step like gradient_step, without throwing: "" and `updated` set, or what is wrong (invalid
// input, or a gradient that is not finite at `values`, e.g. (x-1)^x at x = 0.3).
std::string try_gradient_step(ParsedExpression& expression, const VariableValues& values,
                              const std::vector<std::string>& parameters, double learning_rate,
                              VariableValues& updated);

VariableValues gradient_step(ParsedExpression& expression, const VariableValues& values,
                             const std::vector<std::string>& parameters, double learning_rate);

}  // namespace descent::autograd

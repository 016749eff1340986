#include "descent/autograd/graph.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "descent/math/messages.hpp"

namespace descent::autograd {
namespace {

struct KindInfo {
  NodeKind kind;
  const char* name;
  const char* symbol;
  int arity;
  bool is_function;  // callable by name in an expression, e.g. exp(x)
};

constexpr KindInfo kKinds[] = {
    {NodeKind::kConstant, "constant", "", 0, false},
    {NodeKind::kVariable, "variable", "", 0, false},
    {NodeKind::kAdd, "add", "+", 2, false},
    {NodeKind::kSubtract, "subtract", "−", 2, false},
    {NodeKind::kMultiply, "multiply", "×", 2, false},
    {NodeKind::kDivide, "divide", "÷", 2, false},
    {NodeKind::kPower, "power", "^", 2, false},
    {NodeKind::kNegate, "negate", "−x", 1, false},
    {NodeKind::kExp, "exp", "exp", 1, true},
    {NodeKind::kLog, "log", "log", 1, true},
    {NodeKind::kSin, "sin", "sin", 1, true},
    {NodeKind::kCos, "cos", "cos", 1, true},
    {NodeKind::kTanh, "tanh", "tanh", 1, true},
    {NodeKind::kSigmoid, "sigmoid", "σ", 1, true},
    {NodeKind::kRelu, "relu", "ReLU", 1, true},
    {NodeKind::kAbs, "abs", "|x|", 1, true},
    {NodeKind::kSqrt, "sqrt", "√", 1, true},
};

const KindInfo& info(NodeKind kind) { return kKinds[static_cast<int>(kind)]; }

double sigmoid(double a) {
  // Two forms so that neither exp overflows for large |a|.
  if (a >= 0.0) return 1.0 / (1.0 + std::exp(-a));
  const double e = std::exp(a);
  return e / (1.0 + e);
}

double power_exponent_derivative(double base, double exponent, double value) {
  if (base > 0.0) return value * std::log(base);
  if (base == 0.0 && exponent > 0.0) return 0.0;
  return std::numeric_limits<double>::quiet_NaN();  // b ↦ a^b is not differentiable here
}

}  // namespace

const char* node_kind_name(NodeKind kind) { return info(kind).name; }
const char* node_kind_symbol(NodeKind kind) { return info(kind).symbol; }
int node_kind_arity(NodeKind kind) { return info(kind).arity; }

bool function_kind(const std::string& name, NodeKind& kind) {
  for (const KindInfo& entry : kKinds) {
    if (entry.is_function && name == entry.name) {
      kind = entry.kind;
      return true;
    }
  }
  return false;
}

double evaluate_operation(NodeKind kind, const double* in, double* d, bool exponent_is_constant) {
  switch (kind) {
    case NodeKind::kConstant:
    case NodeKind::kVariable:
      throw std::invalid_argument("constants and variables are set, not evaluated");
    case NodeKind::kAdd:
      d[0] = 1.0;
      d[1] = 1.0;
      return in[0] + in[1];
    case NodeKind::kSubtract:
      d[0] = 1.0;
      d[1] = -1.0;
      return in[0] - in[1];
    case NodeKind::kMultiply:
      d[0] = in[1];
      d[1] = in[0];
      return in[0] * in[1];
    case NodeKind::kDivide:
      d[0] = 1.0 / in[1];
      d[1] = -in[0] / (in[1] * in[1]);
      return in[0] / in[1];
    case NodeKind::kPower: {
      const double value = std::pow(in[0], in[1]);
      // d/da a^b = b·a^(b−1); written out for b = 0 so that 0^0 gives 0, not 0·∞.
      d[0] = in[1] == 0.0 ? 0.0 : in[1] * std::pow(in[0], in[1] - 1.0);
      // A constant exponent gets no gradient, so a negative base needs no log there.
      d[1] = exponent_is_constant ? 0.0 : power_exponent_derivative(in[0], in[1], value);
      return value;
    }
    case NodeKind::kNegate:
      d[0] = -1.0;
      return -in[0];
    case NodeKind::kExp: {
      const double value = std::exp(in[0]);
      d[0] = value;
      return value;
    }
    case NodeKind::kLog:
      d[0] = 1.0 / in[0];
      return in[0] < 0.0 ? std::numeric_limits<double>::quiet_NaN() : std::log(in[0]);
    case NodeKind::kSin:
      d[0] = std::cos(in[0]);
      return std::sin(in[0]);
    case NodeKind::kCos:
      d[0] = -std::sin(in[0]);
      return std::cos(in[0]);
    case NodeKind::kTanh: {
      const double value = std::tanh(in[0]);
      d[0] = 1.0 - value * value;
      return value;
    }
    case NodeKind::kSigmoid: {
      const double value = sigmoid(in[0]);
      d[0] = value * (1.0 - value);
      return value;
    }
    case NodeKind::kRelu:
      // PyTorch's convention: the derivative at 0 is 0.
      d[0] = in[0] > 0.0 ? 1.0 : 0.0;
      return in[0] > 0.0 ? in[0] : 0.0;
    case NodeKind::kAbs:
      d[0] = in[0] > 0.0 ? 1.0 : (in[0] < 0.0 ? -1.0 : 0.0);
      return std::abs(in[0]);
    case NodeKind::kSqrt: {
      const double value = std::sqrt(in[0]);
      d[0] = 0.5 / value;
      return value;
    }
  }
  throw std::invalid_argument("unknown node kind");
}

int Graph::append(Node node) {
  nodes_.push_back(std::move(node));
  return size() - 1;
}

int Graph::add_constant(double value) {
  Node node;
  node.kind = NodeKind::kConstant;
  node.value = value;
  return append(std::move(node));
}

int Graph::add_variable(const std::string& name, double value) {
  if (const int existing = find_variable(name); existing >= 0) return existing;
  Node node;
  node.kind = NodeKind::kVariable;
  node.name = name;
  node.value = value;
  return append(std::move(node));
}

int Graph::add_unary(NodeKind kind, int input) {
  if (node_kind_arity(kind) != 1) throw std::invalid_argument("add_unary needs a unary kind");
  if (input < 0 || input >= size()) throw std::invalid_argument("add_unary: no such input node");
  Node node;
  node.kind = kind;
  node.inputs = {input};
  node.local_derivatives = {0.0};
  return append(std::move(node));
}

int Graph::add_binary(NodeKind kind, int left, int right) {
  if (node_kind_arity(kind) != 2) throw std::invalid_argument("add_binary needs a binary kind");
  if (left < 0 || left >= size() || right < 0 || right >= size()) {
    throw std::invalid_argument("add_binary: no such input node");
  }
  Node node;
  node.kind = kind;
  node.inputs = {left, right};
  node.local_derivatives = {0.0, 0.0};
  return append(std::move(node));
}

int Graph::find_variable(const std::string& name) const {
  for (int index = 0; index < size(); ++index) {
    if (nodes_[index].kind == NodeKind::kVariable && nodes_[index].name == name) return index;
  }
  return -1;
}

std::vector<std::string> Graph::variable_names() const {
  std::vector<std::string> names;
  for (const Node& node : nodes_) {
    if (node.kind == NodeKind::kVariable) names.push_back(node.name);
  }
  return names;
}

void Graph::set_variable(const std::string& name, double value) {
  const int index = find_variable(name);
  if (index < 0) throw std::invalid_argument("no variable called " + name);
  nodes_[index].value = value;
}

void Graph::set_value(int index, double value) {
  Node& node = nodes_.at(index);
  if (node.kind != NodeKind::kConstant && node.kind != NodeKind::kVariable) {
    throw std::invalid_argument("only constants and variables have values to set");
  }
  node.value = value;
}

void Graph::forward() {
  double inputs[2];
  for (Node& node : nodes_) {
    if (node.inputs.empty()) continue;
    for (std::size_t i = 0; i < node.inputs.size(); ++i) inputs[i] = nodes_[node.inputs[i]].value;
    const bool exponent_is_constant =
        node.kind == NodeKind::kPower && nodes_[node.inputs[1]].kind == NodeKind::kConstant;
    node.value =
        evaluate_operation(node.kind, inputs, node.local_derivatives.data(), exponent_is_constant);
  }
}

void Graph::backward(int output) {
  if (output < 0 || output >= size()) throw std::invalid_argument("backward: no such node");
  for (Node& node : nodes_) node.gradient = 0.0;
  nodes_[output].gradient = 1.0;
  for (int index = output; index >= 0; --index) {
    const Node& node = nodes_[index];
    for (std::size_t i = 0; i < node.inputs.size(); ++i) {
      nodes_[node.inputs[i]].gradient += edge_contribution(index, static_cast<int>(i));
    }
  }
}

double Graph::edge_contribution(int consumer, int input_slot) const {
  const Node& node = nodes_.at(consumer);
  const double local = node.local_derivatives.at(input_slot);
  // Nothing flows back from a node the output does not depend on (0 × ∞ would give NaN).
  return node.gradient == 0.0 ? 0.0 : node.gradient * local;
}

int Graph::first_undefined_node(std::string& message) const {
  message.clear();
  for (int index = 0; index < size(); ++index) {
    const Node& node = nodes_[index];
    if (std::isfinite(node.value)) continue;
    bool inputs_finite = true;
    for (int input : node.inputs)
      inputs_finite = inputs_finite && std::isfinite(nodes_[input].value);
    if (!inputs_finite) continue;
    const std::string a = node.inputs.empty() ? "" : format_number(nodes_[node.inputs[0]].value);
    const std::string b = node.inputs.size() < 2 ? "" : format_number(nodes_[node.inputs[1]].value);
    switch (node.kind) {
      case NodeKind::kDivide:
        message = nodes_[node.inputs[1]].value == 0.0 ? "division by zero: " + a + " / 0"
                                                      : a + " / " + b + " overflows";
        break;
      case NodeKind::kLog:
        message = "log of " + a + " is undefined (log needs a positive input)";
        break;
      case NodeKind::kSqrt:
        message = "sqrt of " + a + " is undefined (sqrt needs an input ≥ 0)";
        break;
      case NodeKind::kPower:
        message = std::isnan(node.value)
                      ? a + " ^ " + b + " is undefined (a negative base needs a whole exponent)"
                      : (nodes_[node.inputs[0]].value == 0.0 ? "0 ^ " + b + " divides by zero"
                                                             : a + " ^ " + b + " overflows");
        break;
      case NodeKind::kConstant:
      case NodeKind::kVariable:
        message = (node.kind == NodeKind::kVariable ? node.name : std::string("a constant")) +
                  " is not a finite number";
        break;
      default:
        message = std::string(node_kind_name(node.kind)) + "(" + a + (b.empty() ? "" : ", " + b) +
                  ") overflows";
    }
    return index;
  }
  return -1;
}

std::vector<int> Graph::depths() const {
  std::vector<int> depth(nodes_.size(), 0);
  for (int index = 0; index < size(); ++index) {
    for (int input : nodes_[index].inputs) depth[index] = std::max(depth[index], depth[input] + 1);
  }
  return depth;
}

std::vector<bool> Graph::reaches(int output) const {
  std::vector<bool> on_path(nodes_.size(), false);
  if (output < 0 || output >= size()) return on_path;
  on_path[output] = true;
  for (int index = output; index >= 0; --index) {
    if (!on_path[index]) continue;
    for (int input : nodes_[index].inputs) on_path[input] = true;
  }
  return on_path;
}

}  // namespace descent::autograd

#pragma once
// A scalar reverse-mode autograd graph: every node keeps its forward value, the local derivative
// of its value with respect to each input, and, after backward(), the gradient of the output with
// respect to it. Nodes are appended after their inputs, so node order is a topological order:
// forward() walks it left to right, backward() right to left. A node used by several consumers
// (fan-out) receives the sum of their contributions.
#include <string>
#include <vector>

namespace descent::autograd {

enum class NodeKind {
  kConstant,
  kVariable,
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,
  kPower,
  kNegate,
  kExp,
  kLog,
  kSin,
  kCos,
  kTanh,
  kSigmoid,
  kRelu,
  kAbs,
  kSqrt,
};

// Machine name of a kind, e.g. "multiply", "sigmoid".
const char* node_kind_name(NodeKind kind);
// Short label for drawing, e.g. "×", "+", "^", "exp", "−x".
const char* node_kind_symbol(NodeKind kind);
// Number of inputs a node of this kind takes (0, 1 or 2).
int node_kind_arity(NodeKind kind);
// The unary kind a function name calls ("exp", "relu", …), or false when `name` is no function.
bool function_kind(const std::string& name, NodeKind& kind);

struct Node {
  NodeKind kind = NodeKind::kConstant;
  std::vector<int> inputs;  // indices of earlier nodes: 0, 1 or 2 of them
  std::string name;         // a variable's name; empty otherwise
  double value = 0.0;       // forward value (a constant's or variable's value is set, not computed)
  // ∂value/∂input_i at the current forward values, one per input.
  std::vector<double> local_derivatives;
  double gradient = 0.0;  // ∂output/∂value after backward(); 0 when there is no path to the output
};

class Graph {
 public:
  int add_constant(double value);
  // One node per name: adding a name twice returns the existing node.
  int add_variable(const std::string& name, double value = 0.0);
  // Precondition: `kind` is unary and `input` an existing node (throws std::invalid_argument).
  int add_unary(NodeKind kind, int input);
  // Precondition: `kind` is binary and both inputs existing nodes (throws std::invalid_argument).
  int add_binary(NodeKind kind, int left, int right);

  const std::vector<Node>& nodes() const { return nodes_; }
  const Node& node(int index) const { return nodes_.at(index); }
  int size() const { return static_cast<int>(nodes_.size()); }

  // Index of the variable called `name`, or -1.
  int find_variable(const std::string& name) const;
  // Variable names in the order they were added.
  std::vector<std::string> variable_names() const;
  // Precondition: a variable called `name` exists (throws std::invalid_argument otherwise).
  void set_variable(const std::string& name, double value);
  void set_value(int variable_or_constant, double value);

  // Recomputes every value and local derivative in node order.
  void forward();
  // Zeroes all gradients, seeds d output/d output = 1 and accumulates gradients towards the
  // inputs. Call after forward(); `output` must be an existing node.
  void backward(int output);

  // What backward() passes along the edge from `consumer` to its input number `input_slot`:
  // consumer's gradient × local derivative ("incoming × local = outgoing"), 0 when the
  // consumer's gradient is 0. Precondition: the edge exists (throws std::out_of_range).
  double edge_contribution(int consumer, int input_slot) const;

  // The first node (in node order) whose value is not finite although all its inputs are, with a
  // message such as "log of −2 is undefined (log needs a positive input)"; -1 and "" when every
  // value is finite or only inherits a non-finite input.
  int first_undefined_node(std::string& message) const;

  // Depth of each node for drawing: leaves 0, any other node 1 + the deepest of its inputs.
  std::vector<int> depths() const;
  // Whether each node lies on some path into `output` (the output itself included).
  std::vector<bool> reaches(int output) const;

 private:
  int append(Node node);
  std::vector<Node> nodes_;
};

// The value and local derivatives of one operation on `inputs` (size = arity), with a constant
// exponent for kPower telling whether its derivative with respect to the exponent is needed.
double evaluate_operation(NodeKind kind, const double* inputs, double* local_derivatives,
                          bool exponent_is_constant = false);

}  // namespace descent::autograd

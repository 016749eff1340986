#include "descent/autograd/expression_surface.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace descent::autograd {
namespace {

// Samples for the 1-D view's vertical range.
constexpr int kRangeSamples = 201;

}  // namespace

ParserOptions surface_parser_options(int dimension) {
  ParserOptions options;
  options.allowed_variables =
      dimension == 1 ? std::vector<std::string>{"x"} : std::vector<std::string>{"x", "y"};
  return options;
}

const std::vector<TypedSurfaceInfo>& typed_surface_catalog() {
  // Defaults with something to discover: two valleys of different depth in 1-D, a tilted
  // elongated bowl in 2-D (its minimum is not at the origin).
  static const std::vector<TypedSurfaceInfo> infos = {
      {{"custom1d", "Your formula f(x)", 1, {2.5}}, "x^4 - 3*x^2 + x"},
      {{"custom", "Your formula f(x, y)", 2, {-2.5, 2.0}}, "(x - 1)^2 + 4*(y - x/2)^2"},
  };
  return infos;
}

std::string ExpressionSurface::validate(const std::string& formula, int dimension) {
  if (dimension != 1 && dimension != 2) return "a typed surface is f(x) or f(x, y)";
  const ExpressionParseResult parsed = parse_expression(formula, surface_parser_options(dimension));
  return parsed.ok ? "" : parsed.error;
}

ExpressionSurface::ExpressionSurface(const std::string& formula, int dimension)
    : dimension_(dimension) {
  if (auto message = validate(formula, dimension); !message.empty()) {
    throw std::invalid_argument(message);
  }
  expression_ = parse_expression(formula, surface_parser_options(dimension)).expression;
  x_node_ = expression_.graph.find_variable("x");
  y_node_ = expression_.graph.find_variable("y");
}

std::string ExpressionSurface::id() const { return dimension_ == 1 ? "custom1d" : "custom"; }

std::string ExpressionSurface::formula() const {
  return expression_text(expression_.graph, expression_.output);
}

int ExpressionSurface::dimension() const { return dimension_; }

void ExpressionSurface::evaluate(const Eigen::VectorXd& point, bool with_gradient) const {
  Graph& graph = expression_.graph;
  if (x_node_ >= 0) graph.set_value(x_node_, point(0));
  if (y_node_ >= 0 && point.size() > 1) graph.set_value(y_node_, point(1));
  graph.forward();
  if (with_gradient) graph.backward(expression_.output);
}

double ExpressionSurface::value(const Eigen::VectorXd& point) const {
  evaluate(point, false);
  return expression_.graph.node(expression_.output).value;
}

Eigen::VectorXd ExpressionSurface::gradient(const Eigen::VectorXd& point) const {
  evaluate(point, true);
  const Graph& graph = expression_.graph;
  Eigen::VectorXd result = Eigen::VectorXd::Zero(dimension_);
  if (x_node_ >= 0) result(0) = graph.node(x_node_).gradient;
  if (y_node_ >= 0) result(1) = graph.node(y_node_).gradient;
  // Where f itself is undefined its gradient is too, even if no NaN reached the variables.
  if (!std::isfinite(graph.node(expression_.output).value)) {
    result.setConstant(std::numeric_limits<double>::quiet_NaN());
  }
  return result;
}

Eigen::MatrixXd ExpressionSurface::hessian(const Eigen::VectorXd& point) const {
  // Central differences of the exact gradient: error O(h²) from truncation, O(ε/h) from rounding.
  Eigen::MatrixXd result(dimension_, dimension_);
  for (int i = 0; i < dimension_; ++i) {
    const double step = 1e-5 * std::max(1.0, std::abs(point(i)));
    Eigen::VectorXd forward = point, backward = point;
    forward(i) += step;
    backward(i) -= step;
    result.col(i) = (gradient(forward) - gradient(backward)) / (2.0 * step);
  }
  return 0.5 * (result + result.transpose());  // symmetric, as a Hessian is
}

std::vector<KnownMinimum> ExpressionSurface::minima() const { return {}; }

ViewBox ExpressionSurface::view_box() const {
  ViewBox box{-kDefaultHalfWidth, kDefaultHalfWidth, -kDefaultHalfWidth, kDefaultHalfWidth};
  if (dimension_ == 2) return box;
  double low = std::numeric_limits<double>::infinity();
  double high = -low;
  Eigen::VectorXd point(1);
  for (int k = 0; k < kRangeSamples; ++k) {
    point(0) = box.x_min + (box.x_max - box.x_min) * k / (kRangeSamples - 1);
    const double f = value(point);
    if (!std::isfinite(f)) continue;
    low = std::min(low, f);
    high = std::max(high, f);
  }
  if (!(low <= high)) return {box.x_min, box.x_max, -1.0, 1.0};  // undefined everywhere shown
  const double margin = std::max(0.05 * (high - low), 1e-3 * std::max(1.0, std::abs(high)));
  return {box.x_min, box.x_max, low - margin, high + margin};
}

std::string ExpressionSurface::undefined_reason(const Eigen::VectorXd& point) const {
  evaluate(point, false);
  std::string message;
  expression_.graph.first_undefined_node(message);
  return message;
}

}  // namespace descent::autograd

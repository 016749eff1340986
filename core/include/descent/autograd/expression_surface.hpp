#pragma once
// A loss surface typed by the learner: f(x) or f(x, y) parsed into an autograd graph, so every
// optimizer can run on it. Value and gradient come from one forward and one backward pass; the
// Hessian (for curvature readouts) is a central difference of that exact gradient. It has no
// known minima, and where the formula is undefined (log of a negative, division by zero) the
// value is NaN and undefined_reason() says why.
#include <string>

#include "descent/autograd/expression_parser.hpp"
#include "descent/surfaces/surface_catalog.hpp"

namespace descent::autograd {

// Default view for a typed surface: x (and y) in [−kDefaultHalfWidth, kDefaultHalfWidth].
constexpr double kDefaultHalfWidth = 3.0;

struct TypedSurfaceInfo {
  SurfaceInfo info;                // id "custom1d" or "custom", menu label, dimension, start
  std::string default_expression;  // shown until the learner types their own
};

// What a typed surface's formula may use: x (dimension 1) or x and y (dimension 2).
ParserOptions surface_parser_options(int dimension);

// The two typed surfaces as menus list them: f(x) first, then f(x, y).
const std::vector<TypedSurfaceInfo>& typed_surface_catalog();

class ExpressionSurface final : public Surface {
 public:
  // Empty when `formula` parses as a function of x (dimension 1) or of x and y (dimension 2);
  // otherwise the parser's message, pointing at the character ("… at character 4").
  static std::string validate(const std::string& formula, int dimension);

  // Precondition: validate(formula, dimension) is empty (throws std::invalid_argument otherwise).
  ExpressionSurface(const std::string& formula, int dimension);

  std::string id() const override;       // "custom" (2-D) or "custom1d"
  std::string formula() const override;  // the parsed formula, re-printed canonically
  int dimension() const override;

  double value(const Eigen::VectorXd& point) const override;
  Eigen::VectorXd gradient(const Eigen::VectorXd& point) const override;
  Eigen::MatrixXd hessian(const Eigen::VectorXd& point) const override;

  std::vector<KnownMinimum> minima() const override;  // none: nothing is known in advance
  // 2-D: [−3, 3]². 1-D: θ in [−3, 3], and the range of f sampled there (finite values only).
  ViewBox view_box() const override;
  std::string undefined_reason(const Eigen::VectorXd& point) const override;

 private:
  // Sets the variables and runs the forward pass (and the backward pass when asked).
  void evaluate(const Eigen::VectorXd& point, bool with_gradient) const;

  int dimension_;
  // Evaluation writes into the graph's nodes; mutable so the const Surface interface can use it
  // (one surface object is never shared between threads).
  mutable ParsedExpression expression_;
  int x_node_ = -1;  // -1 when the formula does not use x (then ∂f/∂x = 0)
  int y_node_ = -1;
};

}  // namespace descent::autograd

#pragma once
// A loss surface: analytic value, gradient and Hessian, plus what a plot needs
// (known minima and a sensible view box). 1-D surfaces take a vector of size 1.
#include <Eigen/Dense>
#include <string>
#include <vector>

namespace descent {

struct ViewBox {
  double x_min, x_max;  // horizontal axis (θ for 1-D surfaces, x for 2-D)
  double y_min, y_max;  // 1-D: range of f to plot; 2-D: the y axis
};

struct KnownMinimum {
  Eigen::VectorXd point;
  double value;
  bool global;
};

class Surface {
 public:
  virtual ~Surface() = default;

  virtual std::string id() const = 0;       // machine name, e.g. "rosenbrock"
  virtual std::string formula() const = 0;  // human-readable, e.g. "(1−x)² + 100(y−x²)²"
  virtual int dimension() const = 0;        // 1 or 2

  virtual double value(const Eigen::VectorXd& point) const = 0;
  virtual Eigen::VectorXd gradient(const Eigen::VectorXd& point) const = 0;
  virtual Eigen::MatrixXd hessian(const Eigen::VectorXd& point) const = 0;

  virtual std::vector<KnownMinimum> minima() const = 0;
  virtual ViewBox view_box() const = 0;
  // Why f is not finite at `point` when the surface can tell (a typed formula outside its
  // domain, e.g. "log of -2 is undefined …"); empty otherwise.
  virtual std::string undefined_reason(const Eigen::VectorXd& /*point*/) const { return ""; }

  // The loss contract shared by every optimizer target: value, gradient written to `grad`.
  double operator()(const Eigen::VectorXd& point, Eigen::VectorXd& grad) const {
    grad = gradient(point);
    return value(point);
  }
};

}  // namespace descent

#pragma once
// Ill-conditioned quadratic f(x, y) = ½(x² + κy²): a long narrow valley along x.
// The Hessian diag(1, κ) has eigenvalue ratio exactly κ (the condition number).
// Gradient descent is stable only for lr < 2/κ, and at that step size it crawls
// along x; with κ = 10, lr ∈ (0.1, 0.2) zigzags across the valley.
#include "descent/surfaces/surface.hpp"

namespace descent {

class RavineSurface final : public Surface {
 public:
  static constexpr double kMinConditionNumber = 1.0;
  static constexpr double kMaxConditionNumber = 1000.0;

  // Empty when κ is finite and in [kMinConditionNumber, kMaxConditionNumber],
  // otherwise a message for the user.
  static std::string validate_condition_number(double condition_number);

  // Throws std::invalid_argument when validate_condition_number(condition_number) is not empty.
  explicit RavineSurface(double condition_number);

  double condition_number() const { return condition_number_; }

  std::string id() const override;
  std::string formula() const override;
  int dimension() const override;

  double value(const Eigen::VectorXd& point) const override;
  Eigen::VectorXd gradient(const Eigen::VectorXd& point) const override;
  Eigen::MatrixXd hessian(const Eigen::VectorXd& point) const override;

  std::vector<KnownMinimum> minima() const override;
  // x ∈ [−10, 10], y ∈ [−5, 5] for every κ, so valleys of different κ compare directly.
  ViewBox view_box() const override;

 private:
  double condition_number_;  // κ: curvature across the valley (y) over curvature along it (x)
};

}  // namespace descent

#include "descent/surfaces/curvature.hpp"

#include <catch2/catch.hpp>
#include <limits>

#include "../support/numeric_checks.hpp"
#include "descent/math/rng.hpp"
#include "descent/surfaces/surface_catalog.hpp"

using namespace descent;
using descent::testing::central_difference_jacobian;
using descent::testing::relative_error;

namespace {

// f(p) = ½ pᵀAp for a chosen symmetric A: any curvature on demand, constant everywhere.
class QuadraticForm final : public Surface {
 public:
  explicit QuadraticForm(const Eigen::Matrix2d& matrix) : matrix_(matrix) {}
  std::string id() const override { return "quadratic_form"; }
  std::string formula() const override { return "½ pᵀAp"; }
  int dimension() const override { return 2; }
  double value(const Eigen::VectorXd& p) const override { return 0.5 * p.dot(matrix_ * p); }
  Eigen::VectorXd gradient(const Eigen::VectorXd& p) const override { return matrix_ * p; }
  Eigen::MatrixXd hessian(const Eigen::VectorXd& /*p*/) const override { return matrix_; }
  std::vector<KnownMinimum> minima() const override { return {}; }
  ViewBox view_box() const override { return {-1, 1, -1, 1}; }

 private:
  Eigen::Matrix2d matrix_;
};

Eigen::VectorXd point(double x, double y) { return Eigen::Vector2d(x, y); }

Eigen::Matrix2d matrix(double a, double b, double c, double d) {
  Eigen::Matrix2d m;
  m << a, b, c, d;
  return m;
}

}  // namespace

TEST_CASE("The saddle x² − y² at the origin: λ = (−2, 2) along y and x", "[surfaces]") {
  const auto saddle = make_surface({"saddle", 10.0});
  const LocalCurvature c = local_curvature(*saddle, point(0, 0));
  CHECK(c.kind == CurvatureKind::kSaddle);
  CHECK(std::string(curvature_kind_name(c.kind)) == "saddle");
  CHECK(c.value == 0.0);
  CHECK(c.gradient.isZero());
  CHECK(c.eigenvalues(0) == Approx(-2.0));
  CHECK(c.eigenvalues(1) == Approx(2.0));
  CHECK(c.eigenvectors.col(0).isApprox(Eigen::Vector2d(0, 1)));
  CHECK(c.eigenvectors.col(1).isApprox(Eigen::Vector2d(1, 0)));
  CHECK(c.explanation ==
        "saddle-shaped: curves up along (1.00, 0.00) (λ=2) and down along (0.00, 1.00) (λ=−2)");
}

TEST_CASE("Rosenbrock's minimum (1, 1) curves up in both directions", "[surfaces]") {
  const auto rosenbrock = make_surface({"rosenbrock", 10.0});
  const LocalCurvature c = local_curvature(*rosenbrock, point(1, 1));
  CHECK(c.kind == CurvatureKind::kMinimum);
  CHECK(c.value == 0.0);
  // H = [[802, −400], [−400, 200]]: λ = 501 ∓ √(301² + 400²).
  const double root = std::sqrt(301.0 * 301.0 + 400.0 * 400.0);
  CHECK(c.eigenvalues(0) == Approx(501.0 - root));
  CHECK(c.eigenvalues(1) == Approx(501.0 + root));
  CHECK(c.explanation.rfind("bowl-shaped (as at a minimum)", 0) == 0);
}

TEST_CASE("The monkey saddle's origin is degenerate: its Hessian is zero", "[surfaces]") {
  const auto monkey = make_surface({"monkey_saddle", 10.0});
  const LocalCurvature c = local_curvature(*monkey, point(0, 0));
  CHECK(c.kind == CurvatureKind::kDegenerate);
  CHECK(c.explanation.find("flat to second order in every direction") != std::string::npos);
  // Away from the origin its eigenvalues are ±6‖p‖: a saddle.
  CHECK(local_curvature(*monkey, point(0.3, -0.4)).kind == CurvatureKind::kSaddle);
}

TEST_CASE("Maximum, one flat direction, and a rotated saddle", "[surfaces]") {
  SECTION("a dome") {
    const LocalCurvature c = local_curvature(QuadraticForm(matrix(-1, 0, 0, -3)), point(0.2, 0));
    CHECK(c.kind == CurvatureKind::kMaximum);
    CHECK(c.explanation ==
          "dome-shaped (as at a maximum): curves down in every direction, most along (0.00, 1.00) "
          "(λ=−3), least along (1.00, 0.00) (λ=−1)");
  }
  SECTION("a round bowl curves equally in every direction") {
    const LocalCurvature c = local_curvature(*make_surface({"bowl", 10.0}), point(0.5, -1));
    CHECK(c.kind == CurvatureKind::kMinimum);
    CHECK(c.explanation ==
          "bowl-shaped (as at a minimum): curves up equally in every direction (λ=2)");
  }
  SECTION("large curvatures print as whole numbers") {
    const LocalCurvature c = local_curvature(*make_surface({"rosenbrock", 10.0}), point(1, 1));
    CHECK(c.explanation ==
          "bowl-shaped (as at a minimum): curves up in every direction, most along (0.89, −0.45) "
          "(λ=1002), least along (0.45, 0.89) (λ=0.399)");
  }
  SECTION("a trough flat along y") {
    const LocalCurvature c = local_curvature(QuadraticForm(matrix(2, 0, 0, 0)), point(1, 1));
    CHECK(c.kind == CurvatureKind::kDegenerate);
    CHECK(c.explanation ==
          "degenerate: flat to second order along (0.00, 1.00) (λ≈0), curves up along (1.00, "
          "0.00) (λ=2)");
  }
  SECTION("an eigenvalue within the relative tolerance of zero counts as zero") {
    const LocalCurvature c = local_curvature(QuadraticForm(matrix(-1e6, 0, 0, 1e-5)), point(0, 0));
    CHECK(c.kind == CurvatureKind::kDegenerate);
    CHECK(c.explanation.find("curves down along (1.00, 0.00) (λ=−1e+06)") != std::string::npos);
  }
  SECTION("a saddle turned by 45°") {
    // A = [[0, 1], [1, 0]] (f = xy): up along (1, 1)/√2, down along (1, −1)/√2.
    const LocalCurvature c = local_curvature(QuadraticForm(matrix(0, 1, 1, 0)), point(0, 0));
    CHECK(c.kind == CurvatureKind::kSaddle);
    CHECK(c.explanation ==
          "saddle-shaped: curves up along (0.71, 0.71) (λ=1) and down along (0.71, −0.71) (λ=−1)");
  }
}

TEST_CASE("Eigen-decomposition matches finite differences of the gradient", "[surfaces]") {
  Rng rng(2024);
  for (const SurfaceInfo& info : surface_catalog()) {
    if (info.dimension != 2) continue;
    const auto surface = make_surface({info.id, 10.0});
    const ViewBox box = surface->view_box();
    for (int trial = 0; trial < 100; ++trial) {
      const Eigen::VectorXd p =
          point(rng.uniform(box.x_min, box.x_max), rng.uniform(box.y_min, box.y_max));
      const LocalCurvature c = local_curvature(*surface, p);
      const Eigen::MatrixXd estimate = central_difference_jacobian(
          [&](const Eigen::VectorXd& q) { return surface->gradient(q); }, p, 1e-5);
      const Eigen::Matrix2d symmetric = 0.5 * (estimate + estimate.transpose());
      const Eigen::Vector2d expected =
          Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d>(symmetric).eigenvalues();
      INFO(info.id << " at (" << p(0) << ", " << p(1) << ")");
      CHECK(relative_error(c.eigenvalues, expected) < 1e-6);
      CHECK(c.eigenvalues(0) <= c.eigenvalues(1));
      // Orthonormal eigenvectors that rebuild the Hessian: H = V diag(λ) Vᵀ.
      CHECK((c.eigenvectors.transpose() * c.eigenvectors).isIdentity(1e-12));
      const Eigen::Matrix2d rebuilt =
          c.eigenvectors * c.eigenvalues.asDiagonal() * c.eigenvectors.transpose();
      CHECK(relative_error(rebuilt, c.hessian) < 1e-12);
      CHECK(c.value == surface->value(p));
      CHECK(c.gradient == Eigen::Vector2d(surface->gradient(p)));
    }
  }
}

TEST_CASE("Curvature needs a 2-D surface and a finite point", "[surfaces]") {
  const auto quadratic = make_surface({"quadratic1d", 10.0});
  Eigen::VectorXd theta(1);
  theta << 0.5;
  CHECK(validate_curvature_point(*quadratic, theta).find("2-D") != std::string::npos);
  CHECK_THROWS_AS(local_curvature(*quadratic, theta), std::invalid_argument);
  const auto bowl = make_surface({"bowl", 10.0});
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK(validate_curvature_point(*bowl, point(nan, 0)).find("finite") != std::string::npos);
  CHECK(!validate_curvature_point(*bowl, theta).empty());
  CHECK(validate_curvature_point(*bowl, point(1, 2)).empty());
}

TEST_CASE("The label names the point only where the gradient is about zero", "[surfaces]") {
  const auto bowl = make_surface({"bowl", 10.0});
  SECTION("at the bottom of the bowl: a minimum") {
    const LocalCurvature c = local_curvature(*bowl, point(0, 0));
    CHECK(c.critical);
    CHECK(c.label == "minimum");
  }
  SECTION("on the bowl's side: bowl-shaped, not a minimum (the gradient is 2·(0.5, −1))") {
    const LocalCurvature c = local_curvature(*bowl, point(0.5, -1));
    CHECK(c.kind == CurvatureKind::kMinimum);
    CHECK_FALSE(c.critical);
    CHECK(c.label == "bowl-shaped here (both curvatures positive)");
  }
  SECTION("within the tolerance: ‖∇f‖ = 2·4e-4 ≤ 1e-3·max(1, 2)") {
    CHECK(local_curvature(*bowl, point(4e-4, 0)).critical);
    CHECK_FALSE(local_curvature(*bowl, point(2e-3, 0)).critical);
  }
  SECTION("a saddle point, and saddle-shaped ground beside it") {
    const auto saddle = make_surface({"saddle", 10.0});
    CHECK(local_curvature(*saddle, point(0, 0)).label == "saddle point");
    CHECK(local_curvature(*saddle, point(1, 0.5)).label ==
          "saddle-shaped here (curvatures of opposite signs)");
  }
  SECTION("a dome away from its top") {
    const LocalCurvature c = local_curvature(QuadraticForm(matrix(-1, 0, 0, -3)), point(0.2, 0));
    CHECK(c.label == "dome-shaped here (both curvatures negative)");
  }
}

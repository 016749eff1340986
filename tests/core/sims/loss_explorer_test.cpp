#include "descent/sims/loss_explorer.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace descent;

namespace {

LossCurveRequest curve_request(const std::string& curve, double from, double to, int samples) {
  LossCurveRequest request;
  request.curve = curve;
  request.from = from;
  request.to = to;
  request.samples = samples;
  return request;
}

nn::Loss regression_loss(nn::LossKind kind, double delta = 1.0) {
  nn::Loss loss;
  loss.kind = kind;
  loss.huber_delta = delta;
  return loss;
}

}  // namespace

TEST_CASE("regression loss curves are d², |d| and Huber of the error", "[loss_explorer]") {
  const LossCurve mse = loss_curve(curve_request("mse", -4.0, 4.0, 9));
  const LossCurve mae = loss_curve(curve_request("mae", -4.0, 4.0, 9));
  LossCurveRequest huber_request = curve_request("huber", -4.0, 4.0, 9);
  huber_request.huber_delta = 1.0;
  const LossCurve huber = loss_curve(huber_request);
  for (int i = 0; i < 9; ++i) {
    const double d = -4.0 + i;
    CHECK(mse.input[i] == Approx(d));
    CHECK(mse.value[i] == Approx(d * d));
    CHECK(mse.gradient[i] == Approx(2 * d));
    CHECK(mae.value[i] == Approx(std::abs(d)));
    const double expected_huber = std::abs(d) <= 1.0 ? 0.5 * d * d : std::abs(d) - 0.5;
    CHECK(huber.value[i] == Approx(expected_huber));
  }
  // An outlier at error 4 pulls 8 under MSE, 1 under MAE and δ = 1 under Huber.
  CHECK(mse.gradient[8] == Approx(8.0));
  CHECK(mae.gradient[8] == Approx(1.0));
  CHECK(huber.gradient[8] == Approx(1.0));
}

TEST_CASE("every loss curve's gradient matches central differences of its value",
          "[loss_explorer]") {
  for (const auto& name : loss_curve_names()) {
    for (int target : {0, 1}) {
      LossCurveRequest request = curve_request(name, -5.3, 5.1, 97);
      request.target = target;
      request.focal_gamma = 1.5;
      request.huber_delta = 0.7;
      const LossCurve curve = loss_curve(request);
      const double h = 1e-5;
      for (int i = 0; i < request.samples; ++i) {
        const double x = curve.input[i];
        // Skip the kinks of mae (0), huber (±δ: smooth but second derivative jumps) and hinge.
        if (std::abs(x) < 0.05 || std::abs(std::abs(x) - 1.0) < 0.05) continue;
        LossCurveRequest around = curve_request(name, x - h, x + h, 2);
        around.target = target;
        around.focal_gamma = 1.5;
        around.huber_delta = 0.7;
        const LossCurve pair = loss_curve(around);
        const double numeric = (pair.value[1] - pair.value[0]) / (2 * h);
        INFO(name << " target " << target << " at " << x);
        CHECK(curve.gradient[i] == Approx(numeric).margin(1e-6).epsilon(1e-4));
      }
    }
  }
}

TEST_CASE("MSE on a sigmoid output stops pulling a confidently wrong prediction; BCE does not",
          "[loss_explorer]") {
  // Target 1, logit −8: σ(−8) ≈ 3.4e-4, confidently wrong.
  const LossCurve bce = loss_curve(curve_request("bce", -8.0, 0.0, 2));
  const LossCurve mse = loss_curve(curve_request("mse_sigmoid", -8.0, 0.0, 2));
  CHECK(bce.gradient[0] == Approx(-1.0).epsilon(1e-3));  // σ(z) − y
  CHECK(std::abs(mse.gradient[0]) < 1e-3);               // −2(1 − p)·p(1 − p)
  CHECK(mse.gradient[1] == Approx(-0.25));               // −2·0.5·0.25 at z = 0
  CHECK(bce.value[0] == Approx(8.000335).epsilon(1e-5));
}

TEST_CASE("focal loss with γ = 0 is BCE and down-weights easy examples for γ > 0",
          "[loss_explorer]") {
  LossCurveRequest focal = curve_request("focal", -4.0, 4.0, 9);
  focal.focal_gamma = 0.0;
  const LossCurve focal0 = loss_curve(focal);
  const LossCurve bce = loss_curve(curve_request("bce", -4.0, 4.0, 9));
  for (int i = 0; i < 9; ++i) CHECK(focal0.value[i] == Approx(bce.value[i]));
  focal.focal_gamma = 2.0;
  const LossCurve focal2 = loss_curve(focal);
  // At logit 4 (p = 0.982, easy) the loss shrinks by (1 − p)² ≈ 3e-4.
  CHECK(focal2.value[8] / bce.value[8] == Approx(std::pow(1.0 - 1.0 / (1.0 + std::exp(-4.0)), 2)));
}

TEST_CASE("hinge is max(0, 1 − y·z) with labels ±1", "[loss_explorer]") {
  LossCurveRequest request = curve_request("hinge", -2.0, 2.0, 5);
  const LossCurve positive = loss_curve(request);
  CHECK(positive.value == std::vector<double>{3.0, 2.0, 1.0, 0.0, 0.0});
  request.target = 0;
  const LossCurve negative = loss_curve(request);
  CHECK(negative.value == std::vector<double>{0.0, 0.0, 1.0, 2.0, 3.0});
}

TEST_CASE("an outlier pulls the MSE line far more than the MAE or Huber line", "[loss_explorer]") {
  const PointSet clean = line_fit_points(15, 7);
  PointSet points = clean;
  points.xs.push_back(2.5);
  points.ys.push_back(-6.0);  // the outlier, about 8 below the line y = 0.5x + 1
  const LineFit mse = fit_line(points.xs, points.ys, regression_loss(nn::LossKind::kMse));
  const LineFit mae = fit_line(points.xs, points.ys, regression_loss(nn::LossKind::kMae));
  const LineFit huber = fit_line(points.xs, points.ys, regression_loss(nn::LossKind::kHuber));
  const auto clean_slope = [&](nn::LossKind kind) {
    return fit_line(clean.xs, clean.ys, regression_loss(kind)).slope;
  };
  CHECK(clean_slope(nn::LossKind::kMse) - mse.slope > 0.25);                 // dragged down
  CHECK(mae.slope == Approx(clean_slope(nn::LossKind::kMae)).margin(0.01));  // a median ignores it
  CHECK(std::abs(huber.slope - clean_slope(nn::LossKind::kHuber)) < 0.1);
  // Each fit is a minimum of its own loss: nudging the line does not lower it.
  for (const auto& [fit, kind] :
       {std::pair{mae, nn::LossKind::kMae}, {huber, nn::LossKind::kHuber}}) {
    for (double nudge : {-0.02, 0.02}) {
      for (int which : {0, 1}) {
        std::vector<double> predictions;
        nn::Matrix<double> p(points.xs.size(), 1), y(points.xs.size(), 1);
        for (std::size_t i = 0; i < points.xs.size(); ++i) {
          p(i, 0) = (fit.slope + (which == 0 ? nudge : 0)) * points.xs[i] + fit.intercept +
                    (which == 1 ? nudge : 0);
          y(i, 0) = points.ys[i];
        }
        CHECK(nn::loss_value(regression_loss(kind), p, y) >= fit.loss - 1e-6);
      }
    }
  }
}

TEST_CASE("MSE's line is the least-squares line", "[loss_explorer]") {
  const LineFit fit =
      fit_line({0.0, 1.0, 2.0}, {1.0, 3.0, 5.0}, regression_loss(nn::LossKind::kMse));
  CHECK(fit.slope == Approx(2.0));
  CHECK(fit.intercept == Approx(1.0));
  CHECK(fit.loss == Approx(0.0).margin(1e-12));
}

TEST_CASE("line fit input is checked", "[loss_explorer]") {
  const nn::Loss mse = regression_loss(nn::LossKind::kMse);
  CHECK(validate_line_fit({1.0}, {1.0}, mse) != "");
  CHECK(validate_line_fit({1.0, 1.0}, {1.0, 2.0}, mse) != "");
  CHECK(validate_line_fit({1.0, 2.0}, {1.0}, mse) != "");
  CHECK(validate_line_fit({1.0, 2.0}, {1.0, NAN}, mse) != "");
  nn::Loss bce;
  bce.kind = nn::LossKind::kBinaryCrossEntropy;
  CHECK(validate_line_fit({1.0, 2.0}, {1.0, 2.0}, bce) != "");
  CHECK(validate_line_fit({1.0, 2.0}, {1.0, 2.0}, regression_loss(nn::LossKind::kHuber, -1.0)) !=
        "");
  CHECK_THROWS_AS(fit_line({1.0}, {1.0}, mse), std::invalid_argument);
}

TEST_CASE("the seeds' categorical cross-entropy exercise: [0.1, 0.7, 0.2], class 1 gives 0.357",
          "[loss_explorer]") {
  const CategoricalResult result = categorical_cross_entropy({0.1, 0.7, 0.2}, 1);
  CHECK(result.loss == Approx(0.35667).epsilon(1e-4));
  CHECK(result.logit_gradient[0] == Approx(0.1));
  CHECK(result.logit_gradient[1] == Approx(-0.3));
  CHECK(result.logit_gradient[2] == Approx(0.2));
  // Unnormalised entries are normalised first.
  const CategoricalResult scaled = categorical_cross_entropy({1.0, 7.0, 2.0}, 1);
  CHECK(scaled.loss == Approx(result.loss));
  CHECK(validate_categorical({0.5, 0.0, 0.5}, 0) != "");
  CHECK(validate_categorical({0.5, 0.5}, 2) != "");
  CHECK(validate_categorical({1.0}, 0) != "");
}

TEST_CASE("KL divergence is not symmetric", "[loss_explorer]") {
  const KlComparison kl = kl_both_ways({0.5, 0.5}, {0.9, 0.1});
  CHECK(kl.kl_p_q == Approx(0.5 * std::log(0.5 / 0.9) + 0.5 * std::log(0.5 / 0.1)));
  CHECK(kl.kl_q_p == Approx(0.9 * std::log(0.9 / 0.5) + 0.1 * std::log(0.1 / 0.5)));
  CHECK(kl.kl_p_q != Approx(kl.kl_q_p));
  const KlComparison same = kl_both_ways({1.0, 2.0, 3.0}, {1.0, 2.0, 3.0});
  CHECK(same.kl_p_q == Approx(0.0).margin(1e-12));
  // Q has no mass where P has: KL(P‖Q) is infinite, KL(Q‖P) finite.
  const KlComparison missing = kl_both_ways({0.5, 0.5}, {1.0, 0.0});
  CHECK(std::isinf(missing.kl_p_q));
  CHECK(missing.kl_q_p == Approx(std::log(2.0)));
  CHECK(validate_kl({0.5, 0.5}, {1.0, 0.0, 0.0}) != "");
  CHECK(validate_kl({0.0, 0.0}, {1.0, 1.0}) != "");
}

TEST_CASE("loss curve requests are checked", "[loss_explorer]") {
  CHECK(validate_loss_curve_request(curve_request("cubic", -1, 1, 10)) != "");
  CHECK(validate_loss_curve_request(curve_request("mse", 1, -1, 10)) != "");
  CHECK(validate_loss_curve_request(curve_request("mse", -1, 1, 1)) != "");
  LossCurveRequest bad = curve_request("huber", -1, 1, 10);
  bad.huber_delta = 0.0;
  CHECK(validate_loss_curve_request(bad) != "");
  CHECK_THROWS_AS(loss_curve(bad), std::invalid_argument);
}

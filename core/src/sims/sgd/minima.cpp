#include "descent/sims/sgd/minima.hpp"

#include <cmath>
#include <stdexcept>

#include "descent/sims/sgd/line_loss.hpp"

namespace descent {
namespace {

constexpr int kNewtonIterations = 100;
constexpr double kNewtonStepTolerance = 1e-13;

double largest_eigenvalue(const Eigen::Matrix2d& symmetric) {
  return Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d>(symmetric, Eigen::EigenvaluesOnly)
      .eigenvalues()[1];
}

SgdMinimum newton_minimum(const SgdLineData& data, const std::string& name, Eigen::Vector2d theta) {
  Eigen::Vector2d gradient;
  for (int k = 0; k < kNewtonIterations; ++k) {
    full_loss(data, theta, &gradient);
    const Eigen::Vector2d step = full_hessian(data, theta).ldlt().solve(gradient);
    theta -= step;
    if (!theta.allFinite()) break;
    if (step.norm() < kNewtonStepTolerance) break;
  }
  SgdMinimum minimum;
  minimum.name = name;
  minimum.point = theta;
  minimum.loss = full_loss(data, theta, &gradient);
  minimum.hessian = full_hessian(data, theta);
  const Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> solver(minimum.hessian,
                                                              Eigen::EigenvaluesOnly);
  if (!theta.allFinite() || gradient.norm() > 1e-9 || solver.eigenvalues()[0] <= 0.0) {
    throw std::runtime_error("the " + name + " minimum of the SGD data set could not be located");
  }
  minimum.sharpness = solver.eigenvalues()[1];
  Eigen::Matrix2d mean_square = Eigen::Matrix2d::Zero();
  for (int i = 0; i < data.size(); ++i) {
    const Eigen::Matrix2d h = sample_hessian(data, i, theta);
    mean_square += h * h;
  }
  minimum.hessian_spread = mean_square / data.size() - minimum.hessian * minimum.hessian;
  minimum.non_uniformity = std::sqrt(std::max(0.0, largest_eigenvalue(minimum.hessian_spread)));
  return minimum;
}

}  // namespace

std::vector<SgdMinimum> locate_sgd_minima(const SgdLineData& data) {
  return {newton_minimum(data, "sharp", Eigen::Vector2d(kSgdSteepSlope, 0.0)),
          newton_minimum(data, "wide", Eigen::Vector2d(kSgdFlatSlope, 0.0))};
}

double mean_square_growth(const SgdMinimum& minimum, double learning_rate, int batch_size,
                          int data_size) {
  if (batch_size < 1 || batch_size > data_size || data_size < 2) {
    throw std::invalid_argument("mean_square_growth: batch size must be in [1, N]");
  }
  const Eigen::Matrix2d contraction = Eigen::Matrix2d::Identity() - learning_rate * minimum.hessian;
  // Variance of a without-replacement batch mean: (N − B)/(B(N − 1)) times the per-sample one.
  const double batch_variance_factor =
      static_cast<double>(data_size - batch_size) / (batch_size * (data_size - 1.0));
  const Eigen::Matrix2d second_moment = contraction * contraction + learning_rate * learning_rate *
                                                                        batch_variance_factor *
                                                                        minimum.hessian_spread;
  return largest_eigenvalue(second_moment);
}

int smallest_stable_batch(const SgdMinimum& minimum, double learning_rate, int data_size) {
  for (int batch = 1; batch <= data_size; ++batch) {
    if (mean_square_growth(minimum, learning_rate, batch, data_size) <= 1.0) return batch;
  }
  return -1;
}

}  // namespace descent

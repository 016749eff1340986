#pragma once
// The loss of the mini-batch SGD explorer: a line y = w·x + b, θ = (w, b), fitted to
// SgdLineData with the Cauchy (Lorentzian) robust loss per point,
//   ℓᵢ(θ) = ½c²·ln(1 + rᵢ²/c²),  rᵢ = yᵢ − (w·xᵢ + b),  c = 0.2,
// which is ½r² for small residuals and grows only logarithmically for large ones, so each line's
// points make their own minimum instead of being averaged away (Black & Anandan 1996). The
// training loss is the mean over the data: L(θ) = (1/N) Σᵢ ℓᵢ(θ); a mini-batch loss is the same
// mean over the batch.
#include <Eigen/Dense>

#include "descent/sims/sgd/line_data.hpp"

namespace descent {

constexpr double kSgdCauchyScale = 0.2;  // c: residuals well below it count fully, far above it
                                         // barely

// ρ(r) = ½c²·ln(1 + r²/c²), ρ'(r) = r / (1 + r²/c²), ρ''(r) = (1 − r²/c²) / (1 + r²/c²)².
double cauchy_loss(double residual);
double cauchy_derivative(double residual);
double cauchy_second_derivative(double residual);

// ℓᵢ(θ); adds ∇ℓᵢ(θ) to *gradient_sum when it is not null.
double sample_loss(const SgdLineData& data, int index, const Eigen::Vector2d& theta,
                   Eigen::Vector2d* gradient_sum = nullptr);

// ∇²ℓᵢ(θ) = ρ''(rᵢ)·[xᵢ², xᵢ; xᵢ, 1].
Eigen::Matrix2d sample_hessian(const SgdLineData& data, int index, const Eigen::Vector2d& theta);

// Mean loss over the `count` samples at `indices` (a mini-batch); its gradient into *gradient when
// not null. Precondition: count ≥ 1 and every index in [0, N).
double batch_loss(const SgdLineData& data, const int* indices, int count,
                  const Eigen::Vector2d& theta, Eigen::Vector2d* gradient = nullptr);

// L(θ) over all N points, and ∇L(θ) into *gradient when not null. Without a gradient (the loss
// curve after every SGD update, the landscape grid) Σ log1p(uᵢ) is taken as log Π(1 + uᵢ): one
// logarithm instead of N, equal to the per-sample sum within rounding.
double full_loss(const SgdLineData& data, const Eigen::Vector2d& theta,
                 Eigen::Vector2d* gradient = nullptr);

// ∇²L(θ) = (1/N) Σᵢ ∇²ℓᵢ(θ).
Eigen::Matrix2d full_hessian(const SgdLineData& data, const Eigen::Vector2d& theta);

}  // namespace descent

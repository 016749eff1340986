#pragma once
// The two minima of the SGD explorer's loss and why mini-batches select between them: linear
// stability (Wu, Ma & E, NeurIPS 2018, "How SGD selects the global minima in over-parameterized
// learning"). Near a minimum θ*, SGD with rate η and batch B moves the offset e = θ − θ* by
// e ← (I − η·H_batch)·e. Full-batch GD stays when the sharpness a = λmax(H) < 2/η; SGD needs in
// addition that the batch Hessians do not differ too much: with the non-uniformity
// Σ = (1/N) Σᵢ Hᵢ² − H², the mean square of e grows per step by at most
//   λmax((I − ηH)² + η²·(N − B)/(B·(N − 1))·Σ)      (batches drawn without replacement),
// and above 1 small offsets (from the batches' own noise) grow until SGD leaves the minimum.
#include <Eigen/Dense>
#include <string>
#include <vector>

#include "descent/sims/sgd/line_data.hpp"

namespace descent {

struct SgdMinimum {
  std::string name;                // "sharp" (the steep points' line) or "wide" (the flat points')
  Eigen::Vector2d point;           // θ* = (w*, b*), ∇L(θ*) = 0 to Newton accuracy
  double loss = 0.0;               // L(θ*)
  Eigen::Matrix2d hessian;         // H = ∇²L(θ*)
  double sharpness = 0.0;          // a = λmax(H)
  double non_uniformity = 0.0;     // s = √λmax(Σ), Σ = (1/N) Σᵢ Hᵢ² − H²
  Eigen::Matrix2d hessian_spread;  // Σ
};

// The sharp minimum first, then the wide one, found by Newton's method from the two lines the
// data were drawn from. Throws std::runtime_error if Newton does not converge to a minimum (not
// the case for the shipped data set; a test checks it).
std::vector<SgdMinimum> locate_sgd_minima(const SgdLineData& data);

// λmax((I − ηH)² + η²·(N − B)/(B·(N − 1))·Σ): the factor by which the mean square of a small
// offset from `minimum` can grow per step (≤ 1: SGD can stay there). batch_size in [1, N].
double mean_square_growth(const SgdMinimum& minimum, double learning_rate, int batch_size,
                          int data_size);

// The smallest batch size in [1, N] for which mean_square_growth ≤ 1, or −1 when even the full
// batch cannot stay (η ≥ 2/a).
int smallest_stable_batch(const SgdMinimum& minimum, double learning_rate, int data_size);

}  // namespace descent

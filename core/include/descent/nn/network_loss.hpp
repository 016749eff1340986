#pragma once
// The loss contract every optimizer minimises, `double operator()(const Eigen::VectorXd& x,
// Eigen::VectorXd& grad)`, for a double network on a fixed batch: x is the flat parameter vector
// (see network.hpp for its order), so descent::Optimizer instances train the network exactly as
// they descend a surface.
#include <Eigen/Dense>

#include "descent/nn/loss.hpp"
#include "descent/nn/network.hpp"
#include "descent/nn/tensor.hpp"

namespace descent::nn {

class NetworkLoss {
 public:
  // Keeps a reference to `network`, which must outlive this object. Checks the batch once here —
  // input width, target shape and the targets' domain for `loss` (check_loss_inputs) — and throws
  // std::invalid_argument with the message when they do not fit.
  NetworkLoss(Network<double>& network, Matrix<double> inputs, Matrix<double> targets,
              const Loss& loss);

  // Sets the network's parameters to x, runs a forward and backward pass on the batch, writes the
  // gradient into grad and returns the loss. Afterwards the network holds x and the diagnostics of
  // this pass. Throws std::invalid_argument unless x has dimension() entries.
  double operator()(const Eigen::VectorXd& parameters, Eigen::VectorXd& grad);

  int dimension() const { return network_.parameter_count(); }

 private:
  Network<double>& network_;
  Matrix<double> inputs_;
  Matrix<double> targets_;
  Loss loss_;
};

}  // namespace descent::nn

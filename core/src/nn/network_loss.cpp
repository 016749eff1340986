#include "descent/nn/network_loss.hpp"

#include <stdexcept>
#include <string>
#include <utility>

namespace descent::nn {

NetworkLoss::NetworkLoss(Network<double>& network, Matrix<double> inputs, Matrix<double> targets,
                         const Loss& loss)
    : network_(network), inputs_(std::move(inputs)), targets_(std::move(targets)), loss_(loss) {
  if (inputs_.rows() < 1) throw std::invalid_argument("network loss: the batch has no samples");
  if (inputs_.cols() != network_.input_width()) {
    throw std::invalid_argument("network loss: inputs have " + std::to_string(inputs_.cols()) +
                                " columns, the network expects " +
                                std::to_string(network_.input_width()));
  }
  if (targets_.rows() != inputs_.rows() || targets_.cols() != network_.output_width()) {
    throw std::invalid_argument(
        "network loss: targets must be " + std::to_string(inputs_.rows()) + "×" +
        std::to_string(network_.output_width()) + " (one row per sample, one column per output), " +
        "got " + std::to_string(targets_.rows()) + "×" + std::to_string(targets_.cols()));
  }
  // The targets' domain (e.g. [0, 1] for binary cross-entropy) does not depend on the predictions,
  // so checking against the targets themselves as stand-in predictions is enough.
  const std::string message = check_loss_inputs(loss_, targets_, targets_);
  if (!message.empty()) throw std::invalid_argument("network loss: " + message);
}

double NetworkLoss::operator()(const Eigen::VectorXd& parameters, Eigen::VectorXd& grad) {
  network_.set_parameters(parameters);
  LossAndGradient<double> result = network_.loss_and_gradient(inputs_, targets_, loss_);
  grad = std::move(result.gradient);
  return result.loss;
}

}  // namespace descent::nn

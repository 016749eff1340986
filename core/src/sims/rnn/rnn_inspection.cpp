#include "descent/sims/rnn/rnn_inspection.hpp"

#include <algorithm>
#include <cmath>

#include "descent/math/cold_code.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent {
namespace {

// A matrix's values row by row.
std::vector<float> row_major(const nn::Matrix<float>& matrix) {
  std::vector<float> values(static_cast<std::size_t>(matrix.size()));
  std::size_t k = 0;
  for (Eigen::Index r = 0; r < matrix.rows(); ++r) {
    for (Eigen::Index c = 0; c < matrix.cols(); ++c) values[k++] = matrix(r, c);
  }
  return values;
}

// softmax over each run of `classes` values, in place (shifted by the run's largest for range).
void softmax_runs(std::vector<float>& values, int classes) {
  for (std::size_t start = 0; start + classes <= values.size(); start += classes) {
    const auto first = values.begin() + static_cast<std::ptrdiff_t>(start);
    const double largest = *std::max_element(first, first + classes);
    double sum = 0.0;
    for (int k = 0; k < classes; ++k) sum += std::exp(static_cast<double>(first[k]) - largest);
    for (int k = 0; k < classes; ++k) {
      first[k] = static_cast<float>(std::exp(static_cast<double>(first[k]) - largest) / sum);
    }
  }
}

}  // namespace

std::vector<std::string> rnn_gate_names(nn::CellKind cell) {
  switch (cell) {
    case nn::CellKind::kLstm:
      return {"input", "forget", "candidate", "output"};
    case nn::CellKind::kGru:
      return {"reset", "update", "candidate"};
    case nn::CellKind::kRnn:
      break;
  }
  return {};
}

RnnInspection inspect_rnn_sequence(nn::SequenceNetwork<float>& network,
                                   const nn::Matrix<float>& inputs,
                                   const nn::Matrix<float>& targets, const nn::Matrix<float>& mask,
                                   Eigen::VectorXd& gradient) {
  const nn::SequenceNetworkConfig& config = network.config();
  const bool classifier = config.loss == nn::SequenceLossKind::kCrossEntropy;
  RnnInspection result;
  result.loss = network.loss_and_gradient(inputs, targets, mask, gradient);
  const nn::RecurrentLayer<float>& layer = network.recurrent();
  result.time = network.input_time(inputs);
  result.input_size = config.input_size;
  result.output_time = network.output_time(inputs);
  result.output_size = config.output_size;
  result.target_size = classifier ? 1 : config.output_size;
  result.hidden_size = config.hidden_size;
  result.gate_count = static_cast<int>(rnn_gate_names(config.cell).size());
  result.inputs = row_major(inputs);
  result.targets = row_major(targets);
  result.mask = mask.size() > 0
                    ? row_major(mask)
                    : std::vector<float>(static_cast<std::size_t>(result.output_time), 1.0f);
  result.outputs = row_major(network.predict(inputs));
  if (classifier) softmax_runs(result.outputs, config.output_size);
  result.hidden_states = row_major(layer.hidden_states(0));
  if (config.cell == nn::CellKind::kLstm) result.cell_states = row_major(layer.cell_states(0));
  result.gates = row_major(layer.gate_activations(0));
  result.hidden_gradient_norms = layer.hidden_gradient_norms();
  return result;
}

}  // namespace descent

DESCENT_END_COLD_CODE

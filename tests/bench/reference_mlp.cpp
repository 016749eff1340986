// The best-native reference for the network rows of the benchmark: the same workloads as
// bench_workloads.hpp (tanh MLPs with one logit, Adam, binary cross-entropy on the spiral, a fresh
// shuffle per epoch, the whole training set evaluated after every epoch; the 100 × 100 prediction
// grid), written the straightforward way with Eigen's own vectorisation and built -O3
// -march=native. It shares no code with Descent and is not bit-compatible with it: it answers
// "how fast could this machine do the same work", so that bench.mjs can report Descent's
// WebAssembly against the machine's limit and not only against Descent's own native build.
//
// Layout: column-major features × batch (one column per sample), buffers allocated once per
// network, the last short batch handled with column blocks.
//
// Usage: descent_reference_mlp serve SPIRAL_FILE. SPIRAL_FILE holds one "x y label" line per
// sample (bench.mjs writes Descent's spiral there). Then, like `descent_bench serve-networks`,
// reads workload names ("small", "medium", "grid") from stdin, one per line, and answers each with
// {"ms", "check"}: ms per epoch (check: the last epoch's training loss) or per grid (check: the
// number of positive cells).
#include <Eigen/Dense>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <random>
#include <string>
#include <vector>

namespace {

using Matrix = Eigen::MatrixXf;
using Vector = Eigen::VectorXf;

constexpr float kLearningRate = 0.01f;
constexpr float kBeta1 = 0.9f, kBeta2 = 0.999f, kEpsilon = 1e-8f;

struct Data {
  Matrix inputs;  // 2 × n
  Vector labels;  // n, 0 or 1
};

Data read_data(const char* path) {
  std::ifstream file(path);
  std::vector<float> values;
  for (float value; file >> value;) values.push_back(value);
  const auto count = static_cast<Eigen::Index>(values.size() / 3);
  Data data{Matrix(2, count), Vector(count)};
  for (Eigen::Index i = 0; i < count; ++i) {
    data.inputs(0, i) = values[static_cast<std::size_t>(3 * i)];
    data.inputs(1, i) = values[static_cast<std::size_t>(3 * i + 1)];
    data.labels(i) = values[static_cast<std::size_t>(3 * i + 2)];
  }
  return data;
}

// One dense layer with its Adam moments and its activations for a batch of up to `capacity`.
struct Layer {
  Layer(int fan_in, int fan_out, int capacity, std::mt19937& rng)
      : weights(fan_out, fan_in),
        bias(Vector::Zero(fan_out)),
        weight_gradient(fan_out, fan_in),
        bias_gradient(fan_out),
        weight_m(Matrix::Zero(fan_out, fan_in)),
        weight_v(Matrix::Zero(fan_out, fan_in)),
        bias_m(Vector::Zero(fan_out)),
        bias_v(Vector::Zero(fan_out)),
        output(fan_out, capacity),
        grad_output(fan_out, capacity) {
    // Glorot uniform, as Descent's and TF.js's default.
    const float limit = std::sqrt(6.0f / static_cast<float>(fan_in + fan_out));
    std::uniform_real_distribution<float> uniform(-limit, limit);
    for (Eigen::Index i = 0; i < weights.size(); ++i) weights.data()[i] = uniform(rng);
  }

  Matrix weights;  // fan_out × fan_in
  Vector bias;
  Matrix weight_gradient;
  Vector bias_gradient;
  Matrix weight_m, weight_v;
  Vector bias_m, bias_v;
  Matrix output;       // fan_out × capacity: tanh(z) for hidden layers, z for the output
  Matrix grad_output;  // ∂L/∂z
};

class Mlp {
 public:
  Mlp(const std::vector<int>& hidden, int capacity, unsigned seed) : rng_(seed) {
    int fan_in = 2;
    for (int width : hidden) {
      layers_.emplace_back(fan_in, width, capacity, rng_);
      fan_in = width;
    }
    layers_.emplace_back(fan_in, 1, capacity, rng_);
  }

  // Logits of the first `count` columns of `inputs`, left in the last layer's output.
  void forward(const Matrix& inputs, Eigen::Index count) {
    for (std::size_t l = 0; l < layers_.size(); ++l) {
      Layer& layer = layers_[l];
      auto z = layer.output.leftCols(count);
      if (l == 0) {
        z.noalias() = layer.weights * inputs.leftCols(count);
      } else {
        z.noalias() = layer.weights * layers_[l - 1].output.leftCols(count);
      }
      z.colwise() += layer.bias;
      if (l + 1 < layers_.size()) z = z.array().tanh();
    }
  }

  auto logits(Eigen::Index count) const { return layers_.back().output.row(0).head(count); }

  // Mean binary cross-entropy on logits of the last forward().
  float loss(const Vector& labels, Eigen::Index count) const {
    const auto logits = layers_.back().output.row(0).head(count).transpose().array();
    // softplus(z) − y·z, written stably.
    const auto terms =
        logits.max(0.0f) - logits * labels.head(count).array() + (-logits.abs()).exp().log1p();
    return terms.sum() / static_cast<float>(count);
  }

  void train_batch(const Matrix& inputs, const Vector& labels, Eigen::Index count) {
    forward(inputs, count);
    Layer& last = layers_.back();
    const auto logits = last.output.row(0).head(count).array();
    last.grad_output.row(0).head(count) =
        ((1.0f / (1.0f + (-logits).exp())) - labels.head(count).transpose().array()) /
        static_cast<float>(count);
    for (std::size_t l = layers_.size(); l-- > 0;) {
      Layer& layer = layers_[l];
      const auto grad_z = layer.grad_output.leftCols(count);
      const Matrix& input = l == 0 ? inputs : layers_[l - 1].output;
      layer.weight_gradient.noalias() = grad_z * input.leftCols(count).transpose();
      layer.bias_gradient = grad_z.rowwise().sum();
      if (l == 0) break;
      Layer& below = layers_[l - 1];
      auto grad_below = below.grad_output.leftCols(count);
      grad_below.noalias() = layer.weights.transpose() * grad_z;
      grad_below.array() *= 1.0f - below.output.leftCols(count).array().square();
    }
    ++step_;
    const float correction1 = 1.0f - std::pow(kBeta1, static_cast<float>(step_));
    const float correction2 = 1.0f - std::pow(kBeta2, static_cast<float>(step_));
    const float step_size = kLearningRate / correction1;
    const float root_correction2 = std::sqrt(correction2);
    for (Layer& layer : layers_) {
      adam(layer.weights, layer.weight_gradient, layer.weight_m, layer.weight_v, step_size,
           root_correction2);
      adam(layer.bias, layer.bias_gradient, layer.bias_m, layer.bias_v, step_size,
           root_correction2);
    }
  }

 private:
  // torch.optim.Adam's update: θ −= lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε).
  template <typename Parameters>
  static void adam(Parameters& theta, const Parameters& gradient, Parameters& m, Parameters& v,
                   float step_size, float root_correction2) {
    m.array() = kBeta1 * m.array() + (1.0f - kBeta1) * gradient.array();
    v.array() = kBeta2 * v.array() + (1.0f - kBeta2) * gradient.array().square();
    theta.array() -= step_size * m.array() / (v.array().sqrt() / root_correction2 + kEpsilon);
  }

  std::mt19937 rng_;
  std::vector<Layer> layers_;
  long step_ = 0;
};

// Trains a fresh network for `epochs` epochs; returns ms per epoch and the last epoch's loss on
// the whole training set.
std::pair<double, double> train(const Data& data, const std::vector<int>& hidden, int batch_size,
                                int epochs) {
  const auto start = std::chrono::steady_clock::now();
  const Eigen::Index count = data.inputs.cols();
  Mlp network(hidden, static_cast<int>(count), 1);
  std::mt19937 shuffle_rng(2);
  std::vector<Eigen::Index> order(static_cast<std::size_t>(count));
  std::iota(order.begin(), order.end(), 0);
  Matrix batch_inputs(2, batch_size);
  Vector batch_labels(batch_size);
  float last_loss = 0.0f;
  for (int epoch = 0; epoch < epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), shuffle_rng);
    for (Eigen::Index first = 0; first < count; first += batch_size) {
      const Eigen::Index size = std::min<Eigen::Index>(batch_size, count - first);
      for (Eigen::Index i = 0; i < size; ++i) {
        const Eigen::Index sample = order[static_cast<std::size_t>(first + i)];
        batch_inputs.col(i) = data.inputs.col(sample);
        batch_labels(i) = data.labels(sample);
      }
      network.train_batch(batch_inputs, batch_labels, size);
    }
    network.forward(data.inputs, count);  // the epoch's training loss, as Descent's history
    last_loss = network.loss(data.labels, count);
  }
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return {ms / epochs, static_cast<double>(last_loss)};
}

std::pair<double, double> predict_grid(Mlp& network, const Matrix& points) {
  const auto start = std::chrono::steady_clock::now();
  network.forward(points, points.cols());
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return {ms, static_cast<double>((network.logits(points.cols()).array() > 0.0f).count())};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 || std::string(argv[1]) != "serve") {
    std::fprintf(stderr, "usage: descent_reference_mlp serve SPIRAL_FILE\n");
    return 2;
  }
  const Data data = read_data(argv[2]);
  constexpr int kSide = 100;
  Matrix grid_points(2, kSide * kSide);
  for (int i = 0; i < kSide * kSide; ++i) {
    grid_points(0, i) = static_cast<float>(-1.5 + (i % kSide + 0.5) * 3.0 / kSide);
    grid_points(1, i) = static_cast<float>(1.5 - (i / kSide + 0.5) * 3.0 / kSide);
  }
  Mlp grid_network({32, 32, 32}, kSide * kSide, 1);
  char name[32];
  while (std::scanf("%31s", name) == 1) {
    const std::string workload = name;
    std::pair<double, double> answer;
    if (workload == "small") {
      answer = train(data, {4, 2}, 10, 50);
    } else if (workload == "medium") {
      answer = train(data, {32, 32, 32}, 32, 10);
    } else if (workload == "grid") {
      answer = predict_grid(grid_network, grid_points);
    } else {
      std::fprintf(stderr, "unknown workload %s\n", name);
      return 2;
    }
    std::printf("{\"ms\": %.6f, \"check\": %.9g}\n", answer.first, answer.second);
    std::fflush(stdout);
  }
  return 0;
}

#include "descent/nn/conv2d.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

#include "module_gradient_check.hpp"

using descent::Rng;
using descent::nn::Conv2d;
using descent::nn::Conv2dSettings;
using descent::nn::Initializer;
using descent::nn::InitKind;
using descent::nn::Matrix;
using descent::nn::Mode;
using descent::nn::SlidingWindow;
using descent::nn::TensorShape;
using descent::nn::validate_conv2d;
using descent::test::module_gradient_error;

namespace {

Conv2dSettings settings(int in, int out, SlidingWindow window, int groups = 1, bool bias = true) {
  return Conv2dSettings{in, out, window, groups, bias};
}

template <typename Scalar = double>
Conv2d<Scalar> conv(const Conv2dSettings& s, int height, int width, std::uint64_t seed = 3) {
  Rng rng(seed);
  return Conv2d<Scalar>(s, height, width, Initializer{InitKind::kHeNormal}, rng);
}

// A textbook convolution, one output at a time: b(o) + Σ_c Σ_i Σ_j W·x, zeros outside the image.
Matrix<double> reference_convolution(const Conv2d<double>& layer, const Matrix<double>& input) {
  const Conv2dSettings& s = layer.settings();
  const SlidingWindow& w = s.window;
  const int height = layer.input_shape(1).height(), width = layer.input_shape(1).width();
  const int out_h = layer.output_height(), out_w = layer.output_width();
  const int group_in = s.input_channels / s.groups, group_out = s.output_channels / s.groups;
  Matrix<double> output(input.rows(), s.output_channels * out_h * out_w);
  for (Eigen::Index n = 0; n < input.rows(); ++n) {
    for (int o = 0; o < s.output_channels; ++o) {
      const int group = o / group_out;
      for (int y = 0; y < out_h; ++y) {
        for (int x = 0; x < out_w; ++x) {
          double sum = s.bias ? layer.bias()(o) : 0.0;
          for (int c = 0; c < group_in; ++c) {
            for (int i = 0; i < w.kernel; ++i) {
              for (int j = 0; j < w.kernel; ++j) {
                const int row = y * w.stride - w.padding + i * w.dilation;
                const int col = x * w.stride - w.padding + j * w.dilation;
                if (row < 0 || row >= height || col < 0 || col >= width) continue;
                const int channel = group * group_in + c;
                sum += layer.weights()((c * w.kernel + i) * w.kernel + j, o) *
                       input(n, (channel * height + row) * width + col);
              }
            }
          }
          output(n, (o * out_h + y) * out_w + x) = sum;
        }
      }
    }
  }
  return output;
}

}  // namespace

TEST_CASE("conv2d computes the seed's 3×3 input with a 2×2 diagonal kernel", "[nn][conv]") {
  // Seed 001, "Paper & Pain: Manual Convolution": [[1 2 0] [0 1 1] [1 0 2]] ⋆ [[1 0] [0 1]].
  Conv2d<double> layer = conv(settings(1, 1, SlidingWindow{2}), 3, 3);
  Matrix<double> kernel(4, 1);
  kernel << 1, 0, 0, 1;
  layer.set_weights(kernel);
  Matrix<double> image(1, 9);
  image << 1, 2, 0, 0, 1, 1, 1, 0, 2;
  Matrix<double> expected(1, 4);
  expected << 2, 3, 0, 3;  // the seed's 2 and 3, then the bottom row by the same rule
  CHECK(layer.apply(image) == expected);

  // Bias 0.5, padding 1 and stride 2 on the same image: windows start at (−1, −1), (−1, 1),
  // (1, −1), (1, 1); the diagonal kernel reads x(r, c) + x(r + 1, c + 1), zero outside.
  Conv2d<double> padded = conv(settings(1, 1, SlidingWindow{2, 2, 1}), 3, 3);
  padded.set_weights(kernel);
  padded.set_bias(Eigen::RowVectorXd::Constant(1, 0.5));
  Matrix<double> padded_expected(1, 4);
  padded_expected << 0.5 + 1, 0.5 + 0, 0.5 + 1, 0.5 + 1 + 2;
  CHECK(padded.apply(image) == padded_expected);
}

TEST_CASE("conv2d matches a textbook convolution at every setting", "[nn][conv]") {
  Rng rng(11);
  const auto normal = [](Rng& r) { return r.normal(); };
  struct Case {
    Conv2dSettings settings;
    int height, width;
  };
  const Case cases[] = {
      {settings(1, 2, SlidingWindow{3}), 5, 4},
      {settings(2, 3, SlidingWindow{3, 2, 1}), 6, 7},
      {settings(3, 2, SlidingWindow{2, 1, 2, 2}), 4, 5},
      {settings(4, 6, SlidingWindow{3, 1, 1}, 2), 5, 5},
      {settings(3, 3, SlidingWindow{3, 2, 1, 2}, 3, false), 7, 6},
      {settings(2, 4, SlidingWindow{1}), 3, 3},
  };
  for (const Case& c : cases) {
    Conv2d<double> layer = conv(c.settings, c.height, c.width);
    layer.set_bias(descent::test::random_matrix(1, c.settings.bias ? c.settings.output_channels : 0,
                                                rng, normal));
    const Matrix<double> input = descent::test::random_matrix(
        3, c.settings.input_channels * c.height * c.width, rng, normal);
    INFO(layer.name());
    CHECK((layer.apply(input) - reference_convolution(layer, input)).cwiseAbs().maxCoeff() < 1e-12);
  }
}

TEST_CASE("conv2d passes the module gradient check at strides, padding, dilation and groups",
          "[nn][conv]") {
  CHECK(module_gradient_error(conv(settings(1, 2, SlidingWindow{3}), 5, 4),
                              TensorShape::image(2, 1, 5, 4)) < 1e-7);
  CHECK(module_gradient_error(conv(settings(2, 3, SlidingWindow{3, 2, 1}), 6, 7),
                              TensorShape::image(3, 2, 6, 7)) < 1e-7);
  CHECK(module_gradient_error(conv(settings(3, 2, SlidingWindow{2, 1, 2, 2}), 4, 5),
                              TensorShape::image(2, 3, 4, 5)) < 1e-7);
  CHECK(module_gradient_error(conv(settings(4, 6, SlidingWindow{3, 1, 1}, 2), 5, 5),
                              TensorShape::image(2, 4, 5, 5)) < 1e-7);
  // Depthwise: groups = C_in = C_out; no bias.
  CHECK(module_gradient_error(conv(settings(3, 3, SlidingWindow{3, 2, 1, 2}, 3, false), 7, 6),
                              TensorShape::image(2, 3, 7, 6)) < 1e-7);
  // Pointwise (1×1) and a single sample.
  CHECK(module_gradient_error(conv(settings(2, 4, SlidingWindow{1}), 3, 3),
                              TensorShape::image(1, 2, 3, 3)) < 1e-7);
}

TEST_CASE("conv2d rejects invalid settings with a clear message", "[nn][conv]") {
  CHECK_THAT(validate_conv2d(settings(1, 1, SlidingWindow{0}), 5, 5),
             Catch::Contains("kernel size must be ≥ 1, got 0"));
  CHECK_THAT(validate_conv2d(settings(1, 1, SlidingWindow{3, 0}), 5, 5),
             Catch::Contains("stride must be ≥ 1"));
  CHECK_THAT(validate_conv2d(settings(1, 1, SlidingWindow{3, 1, -1}), 5, 5),
             Catch::Contains("padding must be ≥ 0"));
  CHECK_THAT(validate_conv2d(settings(1, 1, SlidingWindow{3, 1, 0, 0}), 5, 5),
             Catch::Contains("dilation must be ≥ 1"));
  CHECK_THAT(validate_conv2d(settings(4, 6, SlidingWindow{3}, 4), 5, 5),
             Catch::Contains("groups (4) must divide both the input channels (4) and the output "
                             "channels (6)"));
  CHECK_THAT(validate_conv2d(settings(1, 1, SlidingWindow{3}, 0), 5, 5),
             Catch::Contains("groups must be ≥ 1"));
  CHECK_THAT(validate_conv2d(settings(0, 1, SlidingWindow{3}), 5, 5),
             Catch::Contains("channels must be ≥ 1"));
  CHECK_THAT(validate_conv2d(settings(1, 1, SlidingWindow{5}), 3, 3),
             Catch::Contains("a 5×5 kernel (dilation 1, spanning 5) with padding 0 does not fit "
                             "a 3×3 input"));
  // Dilation 2 makes a 3×3 kernel span 5: too wide for 4 columns.
  CHECK_FALSE(validate_conv2d(settings(1, 1, SlidingWindow{3, 1, 0, 2}), 5, 4).empty());
  CHECK(validate_conv2d(settings(1, 1, SlidingWindow{3, 1, 0, 2}), 5, 5).empty());
  Rng rng(1);
  CHECK_THROWS_AS(Conv2d<float>(settings(1, 1, SlidingWindow{5}), 3, 3, Initializer{}, rng),
                  std::invalid_argument);

  Conv2d<double> layer = conv(settings(2, 3, SlidingWindow{3}), 5, 5);
  CHECK(layer.output_shape(TensorShape::image(4, 2, 5, 5)) == TensorShape::image(4, 3, 3, 3));
  CHECK_THROWS_WITH(layer.output_shape(TensorShape::image(4, 2, 6, 5)),
                    Catch::Contains("conv 2→3 3×3: input is (batch 4, channels 2, height 6"));
  CHECK_THROWS_AS(layer.output_shape(TensorShape::features(4, 50)), std::invalid_argument);
  CHECK_THROWS_AS(layer.apply(Matrix<double>::Zero(2, 49)), std::invalid_argument);
  CHECK_THROWS_AS(layer.backward(Matrix<double>::Zero(1, 50), Matrix<double>::Zero(1, 27)),
                  std::logic_error);
  Rng draws(1);
  layer.forward(Matrix<double>::Zero(1, 50), Mode::kTraining, draws);
  CHECK_THROWS_AS(layer.backward(Matrix<double>::Zero(1, 50), Matrix<double>::Zero(1, 26)),
                  std::invalid_argument);
  CHECK_THROWS_AS(layer.set_weights(Matrix<double>::Zero(3, 18)), std::invalid_argument);
  CHECK(conv(settings(4, 8, SlidingWindow{3, 2, 1, 2}, 4, false), 9, 9).name() ==
        "conv 4→8 3×3, stride 2, padding 1, dilation 2, groups 4, no bias");
}

TEST_CASE("conv2d's parameters are its kernel matrix then its bias", "[nn][conv]") {
  Conv2d<double> layer = conv(settings(4, 6, SlidingWindow{3}, 2), 5, 5);
  // K·K·C_in/groups·C_out + C_out, as conv_arithmetic counts them.
  REQUIRE(layer.parameter_count() == 3 * 3 * 2 * 6 + 6);
  REQUIRE(layer.weights().rows() == 18);
  Eigen::VectorXd theta = Eigen::VectorXd::LinSpaced(layer.parameter_count(), 1.0, 114.0);
  descent::nn::read_parameters(static_cast<descent::nn::Module<double>&>(layer), theta.data());
  CHECK(layer.weights()(0, 1) == theta(1));  // row by row: (k, o) at k·C_out + o
  CHECK(layer.weights()(2, 0) == theta(12));
  CHECK(layer.bias()(5) == theta(113));
  Conv2d<double> bare = conv(settings(4, 6, SlidingWindow{3}, 2, false), 5, 5);
  CHECK(bare.parameter_count() == 108);
  CHECK(bare.parameter_block_count() == 1);
}

TEST_CASE("conv2d is deterministic and float follows double", "[nn][conv]") {
  const Conv2dSettings s = settings(2, 4, SlidingWindow{3, 1, 1});
  Rng rng(5);
  const Matrix<double> input =
      descent::test::random_matrix(8, 2 * 6 * 6, rng, [](Rng& r) { return r.normal(); });
  Conv2d<float> first = conv<float>(s, 6, 6, 9), second = conv<float>(s, 6, 6, 9);
  Rng draws(1);
  const Matrix<float> input_float = input.cast<float>();
  const Matrix<float> out_first = first.forward(input_float, Mode::kTraining, draws);
  CHECK(out_first == second.forward(input_float, Mode::kTraining, draws));
  const Matrix<float> grad = Matrix<float>::Ones(8, out_first.cols());
  CHECK(first.backward(input_float, grad) == second.backward(input_float, grad));
  CHECK(first.weight_gradient() == second.weight_gradient());
  Conv2d<double> exact = conv<double>(s, 6, 6, 9);
  exact.set_weights(first.weights().cast<double>());
  CHECK((exact.apply(input) - out_first.cast<double>()).cwiseAbs().maxCoeff() < 1e-5);
}

// The sliding-window arithmetic against hand-computed cases and the worked numbers of seed 001
// (CNN architecture, LeNet-5, VGG, Inception's 1×1 bottleneck, MobileNet's separable convolution).
#include "descent/nn/conv_arithmetic.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

using descent::nn::convolution_multiply_adds;
using descent::nn::convolution_parameter_count;
using descent::nn::dilated_kernel_size;
using descent::nn::receptive_fields;
using descent::nn::SlidingWindow;
using descent::nn::validate_pool2d;
using descent::nn::validate_sliding_window;
using descent::nn::window_output_size;

TEST_CASE("window output size is ⌊(W + 2P − D·(K − 1) − 1)/S⌋ + 1", "[nn][conv]") {
  // Seed 001, CNN architecture: 224×224, 3×3, stride 1, padding 1 → 224 ("same" padding).
  CHECK(window_output_size(224, SlidingWindow{3, 1, 1}) == 224);
  // LeNet-5: 32 → C1 5×5 → 28 → S2 2×2/2 → 14 → C3 5×5 → 10 → S4 → 5 → C5 5×5 → 1.
  CHECK(window_output_size(32, SlidingWindow{5}) == 28);
  CHECK(window_output_size(28, SlidingWindow{2, 2}) == 14);
  CHECK(window_output_size(14, SlidingWindow{5}) == 10);
  CHECK(window_output_size(10, SlidingWindow{2, 2}) == 5);
  CHECK(window_output_size(5, SlidingWindow{5}) == 1);
  // The seed's manual convolution: 3×3 input, 2×2 kernel → 2×2.
  CHECK(window_output_size(3, SlidingWindow{2}) == 2);
  // Floors: (7 + 2 − 3)/2 + 1 = 4; (6 − 3)/2 + 1 = 2 (the last column is never a window's start).
  CHECK(window_output_size(7, SlidingWindow{3, 2, 1}) == 4);
  CHECK(window_output_size(6, SlidingWindow{3, 2}) == 2);
  // Dilation 2 spreads a 3×3 kernel over 5: (7 − 5)/1 + 1 = 3; 1×1 keeps the size.
  CHECK(dilated_kernel_size(SlidingWindow{3, 1, 0, 2}) == 5);
  CHECK(window_output_size(7, SlidingWindow{3, 1, 0, 2}) == 3);
  CHECK(window_output_size(28, SlidingWindow{1}) == 28);
  // Too wide: not even one placement (floor toward −∞: ⌊−2/2⌋ + 1 = 0).
  CHECK(window_output_size(3, SlidingWindow{5, 2}) == 0);
  CHECK(window_output_size(3, SlidingWindow{5, 1}) <= 0);
}

TEST_CASE("convolution parameter counts match the seed's worked numbers", "[nn][conv]") {
  // CNN architecture: 64 filters of 3×3 on 3 channels = 64·(3·3·3 + 1) = 1,792.
  CHECK(convolution_parameter_count(3, 64, 3, 1, true) == 1792);
  // LeNet-5: C1 156, C3 2,416, C5 48,120; with F6 10,164 and the output 850: 61,706 in all.
  CHECK(convolution_parameter_count(1, 6, 5, 1, true) == 156);
  CHECK(convolution_parameter_count(6, 16, 5, 1, true) == 2416);
  CHECK(convolution_parameter_count(16, 120, 5, 1, true) == 48120);
  CHECK(156 + 2416 + 48120 + (120 * 84 + 84) + (84 * 10 + 10) == 61706);
  // Inception's 1×1 bottleneck on 28×28×256 → 512 channels of 3×3 (weights only, as the seed):
  // direct 512·3·3·256 = 1,179,648 ("≈ 1.1 million"); 1×1 to 64: 16,384 ("16k"), then 3×3:
  // 294,912 ("294k"), 311,296 together ("310k"), 3.79× fewer (the seed rounds to "~3.5×").
  const auto direct = convolution_parameter_count(256, 512, 3, 1, false);
  const auto squeeze = convolution_parameter_count(256, 64, 1, 1, false);
  const auto expand = convolution_parameter_count(64, 512, 3, 1, false);
  CHECK(direct == 1179648);
  CHECK(squeeze == 16384);
  CHECK(expand == 294912);
  CHECK(squeeze + expand == 311296);
  CHECK(static_cast<double>(direct) / static_cast<double>(squeeze + expand) ==
        Approx(3.789).epsilon(1e-3));
  // VGG: one 7×7 layer 49·C², three 3×3 layers 27·C² (C = 64).
  CHECK(convolution_parameter_count(64, 64, 7, 1, false) == 49 * 64 * 64);
  CHECK(3 * convolution_parameter_count(64, 64, 3, 1, false) == 27 * 64 * 64);
  // Groups divide the weights: depthwise 3×3 on 32 channels is 3·3·32 weights + 32 biases.
  CHECK(convolution_parameter_count(32, 32, 3, 32, true) == 9 * 32 + 32);
  CHECK(convolution_parameter_count(4, 6, 3, 2, true) == 3 * 3 * 2 * 6 + 6);
}

TEST_CASE("multiply-adds match the seed's cost examples", "[nn][conv]") {
  // CNN architecture: 224·224 positions × 64 filters × 3·3·3 taps = 86,704,128 multiply-adds;
  // the seed's "224·224·1,792 ≈ 90 million operations" also counts each bias: 89,915,392.
  const auto conv = convolution_multiply_adds(3, 64, 3, 1, 224, 224);
  CHECK(conv == 86704128);
  CHECK(conv + 224 * 224 * 64 == 224LL * 224 * 1792);
  // MobileNet: standard F²·C_in·C_out·H·W against depthwise F²·C_in·H·W + pointwise C_in·C_out·H·W;
  // the ratio is exactly 1/C_out + 1/F² ("roughly 1/9th" for F = 3).
  const int channels_in = 32, channels_out = 64, size = 56;
  const auto standard = convolution_multiply_adds(channels_in, channels_out, 3, 1, size, size);
  const auto depthwise =
      convolution_multiply_adds(channels_in, channels_in, 3, channels_in, size, size);
  const auto pointwise = convolution_multiply_adds(channels_in, channels_out, 1, 1, size, size);
  CHECK(standard == 3LL * 3 * channels_in * channels_out * size * size);
  CHECK(depthwise == 3LL * 3 * channels_in * size * size);
  CHECK(pointwise == 1LL * channels_in * channels_out * size * size);
  CHECK(static_cast<double>(depthwise + pointwise) / static_cast<double>(standard) ==
        Approx(1.0 / channels_out + 1.0 / 9.0));
  // Separable parameters: 3·3·C_in + C_in·C_out against 3·3·C_in·C_out (the seed's table).
  CHECK(convolution_parameter_count(channels_in, channels_in, 3, channels_in, false) +
            convolution_parameter_count(channels_in, channels_out, 1, 1, false) ==
        9 * channels_in + channels_in * channels_out);
}

TEST_CASE("receptive fields of a stack grow by (K − 1)·jump", "[nn][conv]") {
  // Seed 001, LeNet-5: C1 sees 5×5, S2 6×6, C3 14×14, S4 16×16, C5 the whole 32×32 input.
  const auto lenet = receptive_fields({SlidingWindow{5}, SlidingWindow{2, 2}, SlidingWindow{5},
                                       SlidingWindow{2, 2}, SlidingWindow{5}});
  REQUIRE(lenet.size() == 5);
  CHECK(lenet[0].size == 5);
  CHECK(lenet[1].size == 6);
  CHECK(lenet[2].size == 14);
  CHECK(lenet[3].size == 16);
  CHECK(lenet[4].size == 32);
  CHECK(lenet[4].jump == 4);
  CHECK(lenet[1].start == 2.5);  // centre of pixels 0..5
  CHECK(lenet[4].start == 15.5);
  // VGG: two 3×3 layers see 5×5, three see 7×7.
  const auto vgg =
      receptive_fields({SlidingWindow{3, 1, 1}, SlidingWindow{3, 1, 1}, SlidingWindow{3, 1, 1}});
  CHECK(vgg[1].size == 5);
  CHECK(vgg[2].size == 7);
  CHECK(vgg[2].first == -3);  // padding 1 three times reaches 3 pixels outside
  CHECK(vgg[2].start == 0.0);
  // Hand-computed: 3×3 stride 2 padding 1 → size 3, jump 2, first −1, start 0; then a 3×3 with
  // dilation 2 (span 5): size 3 + 4·2 = 11, jump 2, first −1, centre −1 + 5 = 4.
  const auto strided = receptive_fields({SlidingWindow{3, 2, 1}, SlidingWindow{3, 1, 0, 2}});
  CHECK(strided[0].size == 3);
  CHECK(strided[0].jump == 2);
  CHECK(strided[0].first == -1);
  CHECK(strided[0].start == 0.0);
  CHECK(strided[1].size == 11);
  CHECK(strided[1].jump == 2);
  CHECK(strided[1].start == 4.0);
  // Continuing from a stack's last field is the same as running the whole stack.
  const auto continued =
      receptive_fields({SlidingWindow{5}, SlidingWindow{2, 2}, SlidingWindow{5}},
                       receptive_fields({SlidingWindow{5}, SlidingWindow{2, 2}})[1]);
  CHECK(continued[2].size == lenet[4].size);
  CHECK(continued[2].jump == lenet[4].jump);
  CHECK(continued[2].first == lenet[4].first);
  CHECK(continued[2].start == lenet[4].start);
  CHECK(receptive_fields({}).empty());
  CHECK_THROWS_WITH(receptive_fields({SlidingWindow{3}, SlidingWindow{3, 0}}),
                    Catch::Contains("receptive field: layer 2: stride must be ≥ 1, got 0"));
}

TEST_CASE("window validation names the bad setting", "[nn][conv]") {
  CHECK(validate_sliding_window("conv2d", SlidingWindow{3, 2, 1, 2}).empty());
  CHECK(validate_sliding_window("conv2d", SlidingWindow{-1}) ==
        "conv2d: kernel size must be ≥ 1, got -1");
  CHECK(validate_pool2d("max_pool2d", SlidingWindow{3, 1, 1}, 2, 4, 4).empty());
  CHECK_THAT(validate_pool2d("max_pool2d", SlidingWindow{3, 1, 2}, 2, 4, 4),
             Catch::Contains("padding must be at most half"));
  CHECK_THAT(validate_pool2d("max_pool2d", SlidingWindow{2, 2}, 2, 0, 4),
             Catch::Contains("at least 1 channel of 1×1"));
}

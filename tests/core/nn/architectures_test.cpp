// The architecture tables against the totals torchvision and the papers publish, the receptive
// fields google-research/receptive_field lists for the same layers (RF_NUMBERS.md, TF-Slim models),
// and every number seed 001's modules state (CNN architecture, LeNet-5, AlexNet, VGGNet, ResNet,
// InceptionNet, MobileNet). Where the seed rounds or errs, the exact value is tested and said.
#include "descent/nn/architectures.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

using descent::nn::Architecture;
using descent::nn::architecture_catalog;
using descent::nn::architecture_table;
using descent::nn::ArchitectureLayer;
using descent::nn::convolution_multiply_adds;
using descent::nn::convolution_parameter_count;
using descent::nn::validate_architecture_id;

namespace {

const ArchitectureLayer& row(const Architecture& net, const std::string& name) {
  for (const ArchitectureLayer& layer : net.layers) {
    if (layer.name == name) return layer;
  }
  FAIL("no layer " << name << " in " << net.id);
  return net.layers.front();
}

void check_shape(const ArchitectureLayer& layer, int channels, int side) {
  INFO(layer.name);
  CHECK(layer.channels == channels);
  CHECK(layer.height == side);
  CHECK(layer.width == side);
}

int count_kind(const Architecture& net, const std::string& kind) {
  int count = 0;
  for (const ArchitectureLayer& layer : net.layers) count += layer.kind == kind ? 1 : 0;
  return count;
}

// Parameters and multiply-adds of the rows whose name starts with `prefix`.
std::int64_t parameters_of(const Architecture& net, const std::string& prefix) {
  std::int64_t sum = 0;
  for (const ArchitectureLayer& layer : net.layers) {
    if (layer.name.rfind(prefix, 0) == 0) sum += layer.parameters;
  }
  return sum;
}

}  // namespace

TEST_CASE("the catalog lists the seven architectures; an unknown id is refused",
          "[nn][architectures]") {
  std::vector<std::string> ids;
  for (const auto& entry : architecture_catalog()) ids.push_back(entry.id);
  CHECK(ids == std::vector<std::string>{"lenet5", "alexnet", "vgg16", "resnet18", "resnet50",
                                        "googlenet", "mobilenet"});
  CHECK(validate_architecture_id("resnet50").empty());
  CHECK(validate_architecture_id("resnet152") ==
        "unknown architecture \"resnet152\": choose one of lenet5, alexnet, vgg16, resnet18, "
        "resnet50, googlenet, mobilenet");
  CHECK_THROWS_WITH(architecture_table("vgg19"), Catch::StartsWith("unknown architecture"));
}

TEST_CASE("every table adds up and ends in one value per class", "[nn][architectures]") {
  for (const auto& entry : architecture_catalog()) {
    const Architecture net = architecture_table(entry.id);
    INFO(net.id);
    CHECK(net.title == entry.title);
    std::int64_t parameters = 0, multiply_adds = 0;
    for (const ArchitectureLayer& layer : net.layers) {
      parameters += layer.parameters;
      multiply_adds += layer.multiply_adds;
      CHECK(layer.field.start == static_cast<double>(layer.field.first) +
                                     static_cast<double>(layer.field.size - 1) / 2.0);
    }
    CHECK(parameters == net.total_parameters);
    CHECK(multiply_adds == net.total_multiply_adds);
    // The last layer is the classifier, 1×1 with one output per class.
    const ArchitectureLayer& last = net.layers.back();
    check_shape(last, net.id == "lenet5" ? 10 : 1000, 1);
    CHECK(last.kind == "dense");
  }
}

TEST_CASE("LeNet-5: the seed's walk-through, layer by layer", "[nn][architectures]") {
  const Architecture lenet = architecture_table("lenet5");
  CHECK(lenet.channels == 1);
  CHECK(lenet.height == 32);  // "28×28, padded to 32×32"
  REQUIRE(lenet.layers.size() == 7);
  // C1 28×28×6, 156; S2 14×14×6, 0; C3 10×10×16, 2,416; S4 5×5×16; C5 1×1×120, 48,120;
  // F6 10,164; output 850.
  const struct {
    const char* name;
    int channels, side;
    std::int64_t parameters;
    std::int64_t field;  // "after C1 5×5, S2 6×6, C3 14×14, S4 16×16, C5 the entire 32×32"
  } expected[] = {{"C1", 6, 28, 156, 5},     {"S2", 6, 14, 0, 6},       {"C3", 16, 10, 2416, 14},
                  {"S4", 16, 5, 0, 16},      {"C5", 120, 1, 48120, 32}, {"F6", 84, 1, 10164, 32},
                  {"output", 10, 1, 850, 32}};
  for (std::size_t l = 0; l < 7; ++l) {
    const ArchitectureLayer& layer = lenet.layers[l];
    CHECK(layer.name == expected[l].name);
    check_shape(layer, expected[l].channels, expected[l].side);
    CHECK(layer.parameters == expected[l].parameters);
    CHECK(layer.field.size == expected[l].field);
  }
  // "Convolutional layers 50,692, fully connected 11,014, total ≈ 61,706": exactly 61,706 (the
  // modern variant; the 1998 paper's partial C3 and trainable pooling give about 60,000).
  CHECK(parameters_of(lenet, "C") == 50692);
  CHECK(row(lenet, "F6").parameters + row(lenet, "output").parameters == 11014);
  CHECK(lenet.total_parameters == 61706);
  // 28²·6·25 + 10²·16·150 + 120·400 + 120·84 + 84·10 multiply-adds.
  CHECK(lenet.total_multiply_adds == 117600 + 240000 + 48000 + 10080 + 840);
  // "Compare to AlexNet's 60 million — LeNet is 1000× smaller": 990× (torchvision's AlexNet).
  const double ratio = static_cast<double>(architecture_table("alexnet").total_parameters) /
                       static_cast<double>(lenet.total_parameters);
  CHECK(ratio == Approx(990.2).margin(0.1));
}

TEST_CASE("AlexNet: torchvision's 61,100,840 parameters, the seed's 2.3 M and 58 M",
          "[nn][architectures]") {
  const Architecture alexnet = architecture_table("alexnet");
  CHECK(alexnet.height == 224);
  CHECK(alexnet.total_parameters == 61100840);  // torchvision.models.alexnet
  // torchvision lists 0.71 GFLOPS (multiply-adds).
  CHECK(alexnet.total_multiply_adds == 714188480);
  // "8 layers (5 conv + 3 FC)".
  CHECK(count_kind(alexnet, "conv") == 5);
  CHECK(count_kind(alexnet, "dense") == 3);
  check_shape(row(alexnet, "conv1"), 64, 55);
  check_shape(row(alexnet, "pool1"), 64, 27);
  check_shape(row(alexnet, "conv2"), 192, 27);
  check_shape(row(alexnet, "conv5"), 256, 13);
  check_shape(row(alexnet, "pool5"), 256, 6);
  // "FC6 takes 4096·(6·6·256) ≈ 37M": 37,748,736 weights, 37,752,832 with the biases.
  CHECK(row(alexnet, "fc6").parameters == 4096LL * 6 * 6 * 256 + 4096);
  CHECK(row(alexnet, "fc6").parameters == 37752832);
  // "FC layers: over 58 million": 58,631,144 (the same in every AlexNet variant).
  const std::int64_t dense = parameters_of(alexnet, "fc");
  CHECK(dense == 58631144);
  // "Conv layers: only ~2.3 million": this variant's are 2,469,696. The seed's figure is the 2012
  // paper's two-GPU network (96, 256, 384, 384, 256 filters; conv2, conv4, conv5 in two groups):
  // 2,334,080, and 60,965,224 in all — the paper's "60 million".
  CHECK(parameters_of(alexnet, "conv") == 2469696);
  const std::int64_t paper_convolutions = convolution_parameter_count(3, 96, 11, 1, true) +
                                          convolution_parameter_count(96, 256, 5, 2, true) +
                                          convolution_parameter_count(256, 384, 3, 1, true) +
                                          convolution_parameter_count(384, 384, 3, 2, true) +
                                          convolution_parameter_count(384, 256, 3, 2, true);
  CHECK(paper_convolutions == 2334080);
  CHECK(paper_convolutions + dense == 60965224);
  // receptive_field's alexnet_v2 (the same windows): conv1 11, pool1 19, conv2 51, conv3 99,
  // conv4 131, conv5 163, pool5 195, jump 32.
  CHECK(row(alexnet, "conv1").field.size == 11);
  CHECK(row(alexnet, "pool1").field.size == 19);
  CHECK(row(alexnet, "conv2").field.size == 51);
  CHECK(row(alexnet, "conv3").field.size == 99);
  CHECK(row(alexnet, "conv4").field.size == 131);
  CHECK(row(alexnet, "conv5").field.size == 163);
  CHECK(row(alexnet, "pool5").field.size == 195);
  CHECK(row(alexnet, "pool5").field.jump == 32);
}

TEST_CASE("VGG-16: 138,357,544 parameters, 3×3 convolutions all the way", "[nn][architectures]") {
  const Architecture vgg = architecture_table("vgg16");
  CHECK(vgg.total_parameters == 138357544);       // torchvision.models.vgg16
  CHECK(vgg.total_multiply_adds == 15470264320);  // torchvision: 15.47 GFLOPS
  // 16 layers with weights: 13 convolutions, 3 dense; a 2×2 max pool after 2, 2, 3, 3, 3 of them.
  CHECK(count_kind(vgg, "conv") == 13);
  CHECK(count_kind(vgg, "dense") == 3);
  CHECK(count_kind(vgg, "maxpool") == 5);
  // CNN architecture's worked layer is conv1_1: 224×224×3, 64 filters of 3×3, stride 1, padding 1
  // → 224×224×64, 64·(3·3·3 + 1) = 1,792 parameters, 86,704,128 multiply-adds (the seed's "224·224·
  // 1,792 ≈ 90 million operations" counts each bias too: 89,915,392).
  check_shape(row(vgg, "conv1_1"), 64, 224);
  CHECK(row(vgg, "conv1_1").parameters == 1792);
  CHECK(row(vgg, "conv1_1").multiply_adds == 86704128);
  // "224 → 112 → 56 → 28 …", channels doubling after each pool up to 512.
  check_shape(row(vgg, "pool1"), 64, 112);
  check_shape(row(vgg, "pool2"), 128, 56);
  check_shape(row(vgg, "pool3"), 256, 28);
  check_shape(row(vgg, "pool4"), 512, 14);
  check_shape(row(vgg, "pool5"), 512, 7);
  // "Two 3×3 layers cover 5×5", then receptive_field's vgg_16 column: 3, 6, 10, 16, 24, 32, 44, 60,
  // 76, 100, 132, 164, 212 (effective padding 90: the field starts 90 pixels outside).
  CHECK(row(vgg, "conv1_2").field.size == 5);
  const struct {
    const char* name;
    std::int64_t size, jump;
  } fields[] = {{"conv1_1", 3, 1},  {"pool1", 6, 2},    {"conv2_1", 10, 2},   {"pool2", 16, 4},
                {"conv3_1", 24, 4}, {"conv3_2", 32, 4}, {"pool3", 44, 8},     {"conv4_1", 60, 8},
                {"conv4_2", 76, 8}, {"pool4", 100, 16}, {"conv5_1", 132, 16}, {"conv5_2", 164, 16},
                {"pool5", 212, 32}};
  for (const auto& field : fields) {
    INFO(field.name);
    CHECK(row(vgg, field.name).field.size == field.size);
    CHECK(row(vgg, field.name).field.jump == field.jump);
  }
  CHECK(row(vgg, "pool5").field.first == -90);
  // "One 7×7 layer: 49C², three 3×3 layers: 27C² — a 45% reduction": 1 − 27/49 = 44.9%.
  CHECK(1.0 - 27.0 / 49.0 == Approx(0.449).margin(0.0005));
  // fc6 alone, 7·7·512·4096 + 4096, is three quarters of the network.
  CHECK(row(vgg, "fc6").parameters == 102764544);
}

TEST_CASE("ResNet-18 and ResNet-50: torchvision's counts, 18 and 50 layers",
          "[nn][architectures]") {
  const Architecture resnet18 = architecture_table("resnet18");
  const Architecture resnet50 = architecture_table("resnet50");
  CHECK(resnet18.total_parameters == 11689512);  // torchvision.models.resnet18
  CHECK(resnet50.total_parameters == 25557032);  // torchvision.models.resnet50
  // torchvision: 1.81 and 4.09 GFLOPS (multiply-adds); the paper's Table 1 says 1.8·10⁹ for
  // ResNet-18 and 3.8·10⁹ for its ResNet-50, which strides the first 1×1 instead of the 3×3.
  CHECK(resnet18.total_multiply_adds == 1814073344);
  CHECK(resnet50.total_multiply_adds == 4089184256);
  // The depth in the name counts the layers with weights on the main path: the first convolution,
  // the blocks' convolutions and fc — not the 1×1 projection shortcuts ("used when dimensions
  // change": 3 in ResNet-18, 4 in ResNet-50, whose first block widens 64 to 256).
  const auto depth = [](const Architecture& net) {
    int layers = 0;
    for (const ArchitectureLayer& layer : net.layers) {
      const bool weighted = layer.kind == "conv+bn" || layer.kind == "dense";
      layers += weighted && layer.name.find("downsample") == std::string::npos ? 1 : 0;
    }
    return layers;
  };
  CHECK(depth(resnet18) == 18);
  CHECK(depth(resnet50) == 50);
  CHECK(count_kind(resnet18, "add") == 8);
  CHECK(count_kind(resnet50, "add") == 16);
  CHECK(resnet18.layers.size() == 8 * 3 + 3 + 4);   // 2 convs + add per block, 3 projections
  CHECK(resnet50.layers.size() == 16 * 4 + 4 + 4);  // 3 convs + add per block, 4 projections
  // A projection is a 1×1 convolution with batch norm: C_in·C_out + 2·C_out.
  CHECK(row(resnet50, "layer1.0.downsample").parameters == 64 * 256 + 2 * 256);
  CHECK(row(resnet18, "layer2.0.downsample").parameters == 64 * 128 + 2 * 128);
  check_shape(row(resnet18, "maxpool"), 64, 56);
  check_shape(row(resnet18, "layer1.1"), 64, 56);
  check_shape(row(resnet18, "layer4.1"), 512, 7);
  check_shape(row(resnet50, "layer1.2"), 256, 56);
  check_shape(row(resnet50, "layer2.0.conv1"), 128, 56);  // v1.5: the stride is in conv2
  check_shape(row(resnet50, "layer2.0.conv2"), 128, 28);
  check_shape(row(resnet50, "layer4.2"), 2048, 7);
  // Receptive fields, by hand: conv1 7, maxpool 11 (jump 4); ResNet-50: layer1's three 3×3 at
  // jump 4 → 35; layer2's strided 3×3 (+8) and three more at jump 8 → 91; layer3: +16 + 5·32 →
  // 267; layer4: +32 + 2·64 → 427. ResNet-18 has two 3×3 per block: 43, 99, 211, 435.
  CHECK(row(resnet50, "maxpool").field.size == 11);
  CHECK(row(resnet50, "layer1.2").field.size == 35);
  CHECK(row(resnet50, "layer2.3").field.size == 91);
  CHECK(row(resnet50, "layer3.5").field.size == 267);
  CHECK(row(resnet50, "layer4.2").field.size == 427);
  CHECK(row(resnet18, "layer1.1").field.size == 43);
  CHECK(row(resnet18, "layer2.1").field.size == 99);
  CHECK(row(resnet18, "layer3.1").field.size == 211);
  CHECK(row(resnet18, "layer4.1").field.size == 435);
  CHECK(row(resnet18, "layer4.1").field.jump == 32);
  // An add's field is the union of its branches': the shortcut's is inside the main path's.
  CHECK(row(resnet50, "layer1.0.downsample").field.size == 11);
  CHECK(row(resnet50, "layer1.0").field.size == row(resnet50, "layer1.0.conv3").field.size);
}

TEST_CASE("GoogLeNet: the paper's Table 1, and torchvision's 6,624,904 from it",
          "[nn][architectures]") {
  const Architecture googlenet = architecture_table("googlenet");
  // Nine modules; their outputs as Table 1 lists them. 3a's is the seed's 28×28×256 example.
  const struct {
    const char* name;
    int channels, side;
  } modules[] = {{"inception3a", 256, 28}, {"inception3b", 480, 28}, {"inception4a", 512, 14},
                 {"inception4b", 512, 14}, {"inception4c", 512, 14}, {"inception4d", 528, 14},
                 {"inception4e", 832, 14}, {"inception5a", 832, 7},  {"inception5b", 1024, 7}};
  for (const auto& module : modules)
    check_shape(row(googlenet, module.name), module.channels, module.side);
  CHECK(count_kind(googlenet, "concat") == 9);
  check_shape(row(googlenet, "conv1"), 64, 112);
  check_shape(row(googlenet, "pool1"), 64, 56);
  check_shape(row(googlenet, "conv2"), 192, 56);
  check_shape(row(googlenet, "pool2"), 192, 28);
  check_shape(row(googlenet, "avgpool"), 1024, 1);
  // "22 layers deep when counting only layers with parameters": conv1, conv2's two, two per
  // module on its deepest path, fc.
  CHECK(4 + 2 * count_kind(googlenet, "concat") == 22);
  // Parameters: 6,998,552 with the biases, 6,990,272 weights. The "≈ 6.8 M" often quoted is not in
  // the paper's text; it is near the sum of Table 1's params column, which counts weights only, in
  // rounded units of 1,024 (conv2 below). The paper budgets "1.5 billion multiply-adds": 1.58.
  CHECK(googlenet.total_parameters == 6998552);
  std::int64_t weights = 0;
  for (const ArchitectureLayer& layer : googlenet.layers) {
    const bool biased = layer.kind == "conv" || layer.kind == "dense";
    weights += layer.parameters - (biased ? layer.channels : 0);
  }
  CHECK(weights == 6990272);
  CHECK(googlenet.total_multiply_adds == 1582671872);
  // Table 1's conv2 (1×1 reduce + 3×3): 112K parameters (of 1,024), 360M ops.
  CHECK(parameters_of(googlenet, "conv2") - 64 - 192 == 112 * 1024);
  CHECK(row(googlenet, "conv2_reduce").multiply_adds + row(googlenet, "conv2").multiply_adds ==
        359661568);
  // torchvision's googlenet is this network with batch norm instead of biases (γ and β: one more
  // parameter per channel) and, a bug it keeps for its weights' sake, 3×3 kernels in the "5×5"
  // branches: rebuilt from this table, 6,624,904 — its published count, without the aux heads.
  std::int64_t torchvision = 0;
  for (const ArchitectureLayer& layer : googlenet.layers) {
    if (layer.kind == "dense") torchvision += layer.parameters;
    if (layer.kind != "conv") continue;
    std::int64_t weights = layer.parameters - layer.channels;
    if (layer.name.size() > 4 && layer.name.substr(layer.name.size() - 4) == ".5x5") {
      weights = weights / 25 * 9;
    }
    torchvision += weights + 2 * layer.channels;
  }
  CHECK(torchvision == 6624904);
  // The seed's bottleneck example is 3a's input: 28×28×256 (the arithmetic is in
  // conv_arithmetic_test.cpp). Its 5×5 branch shows the saving: 1×1 to 16 then 5×5 to 32 on
  // 192 channels costs 2,408,448 + 10,035,200 multiply-adds against 120,422,400 directly.
  CHECK(row(googlenet, "inception3a.5x5_reduce").multiply_adds == 2408448);
  CHECK(row(googlenet, "inception3a.5x5").multiply_adds == 10035200);
  CHECK(convolution_multiply_adds(192, 32, 5, 1, 28, 28) == 120422400);
  // Fields: the 5×5 path adds 4 jumps per module: 27 after pool2, 59 and 91 at jump 8, 107 after
  // pool3, 171 … 427 at jump 16, 459 after pool4, 587 and 715 at jump 32.
  CHECK(row(googlenet, "pool2").field.size == 27);
  CHECK(row(googlenet, "inception3a").field.size == 59);
  CHECK(row(googlenet, "inception3b").field.size == 91);
  CHECK(row(googlenet, "inception4e").field.size == 427);
  CHECK(row(googlenet, "inception5b").field.size == 715);
  CHECK(row(googlenet, "inception5b").field.jump == 32);
}

TEST_CASE("MobileNet v1: 4.2 M parameters, 569 M multiply-adds, 8–9× cheaper",
          "[nn][architectures]") {
  const Architecture mobilenet = architecture_table("mobilenet");
  // Table 4/6 ("1.0 MobileNet-224"): 569 M mult-adds, 4.2 M parameters. With batch norm's γ and β
  // (torch's count) 4,231,976; the weights alone 4,209,088 (below).
  CHECK(mobilenet.total_multiply_adds == 568740352);
  CHECK(mobilenet.total_parameters == 4231976);
  CHECK(mobilenet.total_parameters == Approx(4.2e6).epsilon(0.01));
  // "Counting depthwise and pointwise convolutions as separate layers, MobileNet has 28 layers."
  CHECK(count_kind(mobilenet, "depthwise+bn") == 13);
  CHECK(count_kind(mobilenet, "conv+bn") + count_kind(mobilenet, "depthwise+bn") +
            count_kind(mobilenet, "dense") ==
        28);
  check_shape(row(mobilenet, "conv1"), 32, 112);
  check_shape(row(mobilenet, "conv_pw_1"), 64, 112);
  check_shape(row(mobilenet, "conv_dw_2"), 64, 56);
  check_shape(row(mobilenet, "conv_pw_11"), 512, 14);
  check_shape(row(mobilenet, "conv_dw_12"), 512, 7);
  // Table 1 marks the last depthwise layer "s2"; it is s1: its input and output are 7×7.
  check_shape(row(mobilenet, "conv_dw_13"), 1024, 7);
  // Table 2, resources per layer type (mult-adds; weights, without fc's biases and batch norm's
  // γ and β): 1×1 94.86%,
  // 74.59%; depthwise 3×3 3.06%, 1.06%; the full 3×3 1.91% (the table prints 1.19%, the digits
  // swapped: the four shares must sum to 100%), 0.02%; fully connected 0.18%, 24.33%.
  double pointwise[2] = {0, 0}, depthwise[2] = {0, 0}, full[2] = {0, 0}, dense[2] = {0, 0};
  double total[2] = {0, 0};
  for (const ArchitectureLayer& layer : mobilenet.layers) {
    const bool norm = layer.kind == "conv+bn" || layer.kind == "depthwise+bn";
    const int per_channel = norm ? 2 : layer.kind == "dense" ? 1 : 0;
    const double weights = static_cast<double>(layer.parameters - per_channel * layer.channels);
    double* share = layer.kind == "dense"          ? dense
                    : layer.kind == "depthwise+bn" ? depthwise
                    : layer.name == "conv1"        ? full
                                                   : pointwise;
    if (layer.kind == "avgpool") continue;
    share[0] += static_cast<double>(layer.multiply_adds);
    share[1] += weights;
    total[0] += static_cast<double>(layer.multiply_adds);
    total[1] += weights;
  }
  CHECK(total[1] == 4209088);
  const auto percent = [&](const double* share, int column) {
    return 100.0 * share[column] / total[column];
  };
  CHECK(percent(pointwise, 0) == Approx(94.86).margin(0.005));
  CHECK(percent(pointwise, 1) == Approx(74.59).margin(0.005));
  CHECK(percent(depthwise, 0) == Approx(3.06).margin(0.005));
  CHECK(percent(depthwise, 1) == Approx(1.06).margin(0.005));
  CHECK(percent(full, 0) == Approx(1.91).margin(0.005));
  CHECK(percent(full, 1) == Approx(0.02).margin(0.005));
  CHECK(percent(dense, 0) == Approx(0.18).margin(0.005));
  CHECK(percent(dense, 1) == Approx(24.33).margin(0.005));
  // Table 4's "Conv MobileNet" (each separable pair a full 3×3 convolution): 4866 M mult-adds and
  // 29.3 M parameters; 8.6× the separable network's cost, the seed's "8–9× less". Each pair alone
  // saves exactly 1/C_out + 1/9 of its standard convolution.
  std::int64_t standard_multiply_adds = 0, standard_weights = 0;
  int inputs = 0;
  for (const ArchitectureLayer& layer : mobilenet.layers) {
    if (layer.kind == "depthwise+bn") {
      inputs = layer.channels;
      continue;
    }
    if (layer.name.rfind("conv_pw_", 0) == 0) {
      const std::int64_t standard =
          convolution_multiply_adds(inputs, layer.channels, 3, 1, layer.height, layer.width);
      const ArchitectureLayer& pair_depthwise = *(&layer - 1);
      CHECK(static_cast<double>(pair_depthwise.multiply_adds + layer.multiply_adds) /
                static_cast<double>(standard) ==
            Approx(1.0 / layer.channels + 1.0 / 9.0));
      standard_multiply_adds += standard;
      standard_weights += convolution_parameter_count(inputs, layer.channels, 3, 1, false);
    } else if (layer.kind != "avgpool") {
      standard_multiply_adds += layer.multiply_adds;
      standard_weights += layer.parameters - (layer.kind == "conv+bn" ? 2 * layer.channels : 0);
    }
  }
  CHECK(standard_multiply_adds == Approx(4866e6).margin(2e6));
  CHECK(standard_weights == Approx(29.3e6).margin(0.05e6));
  CHECK(static_cast<double>(standard_multiply_adds) /
            static_cast<double>(mobilenet.total_multiply_adds) ==
        Approx(8.56).margin(0.01));
  // receptive_field's mobilenet_v1: the pointwise layers' fields 7, 11, 19, 27, 43, 59, 91, 123,
  // 155, 187, 219, 251, 315 (jump 32 at the end).
  const std::int64_t fields[] = {7, 11, 19, 27, 43, 59, 91, 123, 155, 187, 219, 251, 315};
  for (int block = 1; block <= 13; ++block) {
    INFO("block " << block);
    CHECK(row(mobilenet, "conv_pw_" + std::to_string(block)).field.size == fields[block - 1]);
  }
  CHECK(row(mobilenet, "conv_pw_13").field.jump == 32);
}

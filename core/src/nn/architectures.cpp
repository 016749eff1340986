#include "descent/nn/architectures.hpp"

#include <algorithm>
#include <stdexcept>

#include "descent/math/cold_code.hpp"

// A table computed once per request, never per step: optimised for size (cold_code.hpp).
DESCENT_BEGIN_COLD_CODE

namespace descent::nn {
namespace {

enum Op : unsigned char { kConv, kConvBn, kDepthwiseBn, kMaxPool, kAvgPool, kDense, kAdd, kConcat };
constexpr const char* kKindNames[] = {"conv",    "conv+bn", "depthwise+bn", "maxpool",
                                      "avgpool", "dense",   "add",          "concat"};

struct Tensor {
  int channels, height, width;
  ReceptiveField field;
};

// Appends rows to a network, one layer at a time on the current tensor; fork() … branch() …
// join() runs branches from the same tensor (an empty branch is an identity shortcut).
class Builder {
 public:
  explicit Builder(Architecture& net)
      : net_(net), at_{net.channels, net.height, net.width, {1, 1, 0, 0.0}} {}

  int channels() const { return at_.channels; }

  // Pools keep the channels (`out` unused); a depthwise convolution has one filter per channel.
  void layer(const std::string& name, Op op, int out, int kernel, int stride = 1, int padding = 0) {
    const SlidingWindow window{kernel, stride, padding};
    const bool pool = op == kMaxPool || op == kAvgPool;
    const int in = at_.channels;
    if (pool || op == kDepthwiseBn) out = in;
    const int groups = op == kDepthwiseBn ? in : 1;
    const int height = static_cast<int>(window_output_size(at_.height, window));
    const int width = static_cast<int>(window_output_size(at_.width, window));
    const bool norm = op == kConvBn || op == kDepthwiseBn;
    const std::int64_t parameters =
        pool ? 0
             : convolution_parameter_count(in, out, kernel, groups, !norm) + (norm ? 2 * out : 0);
    const std::int64_t multiply_adds =
        pool ? 0 : convolution_multiply_adds(in, out, kernel, groups, height, width);
    at_ = {out, height, width, receptive_fields({window}, at_.field).back()};
    add_row(name, op, parameters, multiply_adds);
  }
  void dense(const std::string& name, int out) { layer(name, kDense, out, at_.height); }

  void fork() {
    fork_ = at_;
    branches_.clear();
  }
  void branch() {
    branches_.push_back(at_);
    at_ = fork_;
  }
  // The branches' outputs added (kAdd) or concatenated along the channels (kConcat); the field is
  // the union of theirs (their jumps are equal: every branch has the same strides).
  void join(const std::string& name, Op op) {
    branch();
    const Tensor& first = branches_.front();
    std::int64_t begin = first.field.first, end = first.field.first + first.field.size;
    int channels = 0;
    for (const Tensor& tensor : branches_) {
      begin = std::min(begin, tensor.field.first);
      end = std::max(end, tensor.field.first + tensor.field.size);
      channels += tensor.channels;
    }
    at_ = {op == kAdd ? first.channels : channels,
           first.height,
           first.width,
           {end - begin, first.field.jump, begin, static_cast<double>(begin + end - 1) / 2.0}};
    add_row(name, op, 0, 0);
  }

 private:
  void add_row(const std::string& name, Op op, std::int64_t parameters,
               std::int64_t multiply_adds) {
    net_.layers.push_back({name, kKindNames[op], at_.channels, at_.height, at_.width, parameters,
                           multiply_adds, at_.field});
    net_.total_parameters += parameters;
    net_.total_multiply_adds += multiply_adds;
  }

  Architecture& net_;
  Tensor at_;
  Tensor fork_{};
  std::vector<Tensor> branches_;
};

std::string numbered(const char* prefix, int number) { return prefix + std::to_string(number); }

// LeNet-5 as usually built today (LeCun et al. 1998, without its two quirks): C3 connected to all
// six S2 maps (the paper's partial table gives 1,516 parameters, not 2,416), parameter-free average
// pooling (the paper's S2/S4 have a trainable coefficient and bias per map) and a dense output (the
// paper's is 84×10 RBF units). 61,706 parameters, the seed's count; the paper's has about 60,000.
void lenet5(Builder& b) {
  b.layer("C1", kConv, 6, 5);
  b.layer("S2", kAvgPool, 0, 2, 2);
  b.layer("C3", kConv, 16, 5);
  b.layer("S4", kAvgPool, 0, 2, 2);
  b.layer("C5", kConv, 120, 5);
  b.dense("F6", 84);
  b.dense("output", 10);
}

// torchvision's alexnet (61,100,840 parameters): Krizhevsky's single-GPU column ("One weird trick
// for parallelizing convolutional neural networks", 2014: 64-192-384-256-256 filters) at 224×224,
// where conv1's padding 2 gives the paper's 55×55 (⌊(224 + 4 − 11)/4⌋ + 1). Chosen because it is
// the AlexNet people run and has an exact published count. The 2012 paper's two-GPU network
// (96-256-384-384-256, conv2/4/5 split in two groups) needs 227×227 without padding for the same
// 55×55 — the usual reading of its "224" — and has 60,965,224 parameters (62,378,344 merged onto
// one GPU without groups); the tests compute it too, for the seed's "conv layers ≈ 2.3 M".
void alexnet(Builder& b) {
  b.layer("conv1", kConv, 64, 11, 4, 2);
  b.layer("pool1", kMaxPool, 0, 3, 2);
  b.layer("conv2", kConv, 192, 5, 1, 2);
  b.layer("pool2", kMaxPool, 0, 3, 2);
  b.layer("conv3", kConv, 384, 3, 1, 1);
  b.layer("conv4", kConv, 256, 3, 1, 1);
  b.layer("conv5", kConv, 256, 3, 1, 1);
  b.layer("pool5", kMaxPool, 0, 3, 2);  // 6×6: torchvision's adaptive pool to 6×6 is then a no-op
  b.dense("fc6", 4096);
  b.dense("fc7", 4096);
  b.dense("fc8", 1000);
}

// VGG-16, configuration D of Simonyan & Zisserman (2014), as torchvision's vgg16 (138,357,544).
void vgg16(Builder& b) {
  constexpr int kConvsPerBlock[] = {2, 2, 3, 3, 3};
  for (int block = 1; block <= 5; ++block) {
    const std::string prefix = numbered("conv", block) + "_";
    for (int conv = 1; conv <= kConvsPerBlock[block - 1]; ++conv) {
      b.layer(prefix + std::to_string(conv), kConv, std::min(64 << (block - 1), 512), 3, 1, 1);
    }
    b.layer(numbered("pool", block), kMaxPool, 0, 2, 2);
  }
  b.dense("fc6", 4096);
  b.dense("fc7", 4096);
  b.dense("fc8", 1000);
}

// He et al. (2015) as torchvision builds them: resnet18 (basic blocks, 11,689,512 parameters) and
// resnet50 (bottlenecks, 25,557,032), convolutions without bias, each followed by batch norm, and
// ResNet v1.5's stride 2 in a bottleneck's 3×3 (the paper strides its first 1×1).
void resnet(Builder& b, bool bottleneck, const int (&blocks)[4]) {
  b.layer("conv1", kConvBn, 64, 7, 2, 3);
  b.layer("maxpool", kMaxPool, 0, 3, 2, 1);
  for (int stage = 0; stage < 4; ++stage) {
    const int width = 64 << stage, out = bottleneck ? 4 * width : width;
    for (int block = 0; block < blocks[stage]; ++block) {
      const int stride = block == 0 && stage > 0 ? 2 : 1;
      const bool project = stride != 1 || b.channels() != out;
      const std::string name = numbered("layer", stage + 1) + "." + std::to_string(block);
      b.fork();
      if (bottleneck) {
        b.layer(name + ".conv1", kConvBn, width, 1);
        b.layer(name + ".conv2", kConvBn, width, 3, stride, 1);
        b.layer(name + ".conv3", kConvBn, out, 1);
      } else {
        b.layer(name + ".conv1", kConvBn, width, 3, stride, 1);
        b.layer(name + ".conv2", kConvBn, width, 3, 1, 1);
      }
      b.branch();
      if (project) b.layer(name + ".downsample", kConvBn, out, 1, stride);
      b.join(name, kAdd);
    }
  }
  b.layer("avgpool", kAvgPool, 0, 7);  // global: the last maps are 7×7
  b.dense("fc", 1000);
}

// GoogLeNet as in Szegedy et al. (2014), Table 1 (not torchvision's googlenet, which adds batch
// norm and has 3×3 kernels in the "5×5" branches: 6,624,904 parameters): convolutions with biases,
// no auxiliary classifiers. The 3×3/2 max pools pad 1 so that floor gives the table's sizes (Caffe
// rounds up instead). Per module: 1×1, 3×3 reduce, 3×3, 5×5 reduce, 5×5, pool projection.
void googlenet(Builder& b) {
  struct Module {
    const char* name;
    short branch[6];
  };
  constexpr Module kModules[] = {
      {"3a", {64, 96, 128, 16, 32, 32}},     {"3b", {128, 128, 192, 32, 96, 64}},
      {"4a", {192, 96, 208, 16, 48, 64}},    {"4b", {160, 112, 224, 24, 64, 64}},
      {"4c", {128, 128, 256, 24, 64, 64}},   {"4d", {112, 144, 288, 32, 64, 64}},
      {"4e", {256, 160, 320, 32, 128, 128}}, {"5a", {256, 160, 320, 32, 128, 128}},
      {"5b", {384, 192, 384, 48, 128, 128}}};
  b.layer("conv1", kConv, 64, 7, 2, 3);
  b.layer("pool1", kMaxPool, 0, 3, 2, 1);
  b.layer("conv2_reduce", kConv, 64, 1);
  b.layer("conv2", kConv, 192, 3, 1, 1);
  b.layer("pool2", kMaxPool, 0, 3, 2, 1);
  for (const Module& module : kModules) {
    const std::string name = std::string("inception") + module.name;
    const short* n = module.branch;
    b.fork();
    b.layer(name + ".1x1", kConv, n[0], 1);
    b.branch();
    b.layer(name + ".3x3_reduce", kConv, n[1], 1);
    b.layer(name + ".3x3", kConv, n[2], 3, 1, 1);
    b.branch();
    b.layer(name + ".5x5_reduce", kConv, n[3], 1);
    b.layer(name + ".5x5", kConv, n[4], 5, 1, 2);
    b.branch();
    b.layer(name + ".pool", kMaxPool, 0, 3, 1, 1);
    b.layer(name + ".pool_proj", kConv, n[5], 1);
    b.join(name, kConcat);
    if (name == "inception3b" || name == "inception4e") {
      b.layer(numbered("pool", name[9] - '0'), kMaxPool, 0, 3, 2, 1);
    }
  }
  b.layer("avgpool", kAvgPool, 0, 7);
  b.dense("fc", 1000);
}

// MobileNet v1 (Howard et al. 2017), width 1.0 at 224×224, Table 1; every convolution is followed
// by batch norm, as the paper says (Keras's names). Table 1's "Conv dw / s2" on the 7×7 maps is a
// misprint for s1: its output is 7×7.
void mobilenet(Builder& b) {
  constexpr short kBlocks[][2] = {{64, 1},  {128, 2},  {128, 1}, {256, 2}, {256, 1},
                                  {512, 2}, {512, 1},  {512, 1}, {512, 1}, {512, 1},
                                  {512, 1}, {1024, 2}, {1024, 1}};  // pointwise filters, stride
  b.layer("conv1", kConvBn, 32, 3, 2, 1);
  int number = 0;
  for (const auto& block : kBlocks) {
    ++number;
    b.layer(numbered("conv_dw_", number), kDepthwiseBn, 0, 3, block[1], 1);
    b.layer(numbered("conv_pw_", number), kConvBn, block[0], 1);
  }
  b.layer("avgpool", kAvgPool, 0, 7);
  b.dense("fc", 1000);
}

}  // namespace

const std::vector<ArchitectureEntry>& architecture_catalog() {
  static const std::vector<ArchitectureEntry> catalog = {
      {"lenet5", "LeNet-5 (1998)"},
      {"alexnet", "AlexNet (2012; torchvision's single-GPU variant)"},
      {"vgg16", "VGG-16 (2014)"},
      {"resnet18", "ResNet-18 (2015)"},
      {"resnet50", "ResNet-50 (2015; torchvision's v1.5)"},
      {"googlenet", "GoogLeNet / Inception v1 (2014)"},
      {"mobilenet", "MobileNet v1 (2017; width 1.0)"}};
  return catalog;
}

std::string validate_architecture_id(const std::string& id) {
  std::string ids;
  for (const ArchitectureEntry& entry : architecture_catalog()) {
    if (id == entry.id) return "";
    ids += (ids.empty() ? "" : ", ") + std::string(entry.id);
  }
  return "unknown architecture \"" + id.substr(0, 40) + "\": choose one of " + ids;
}

Architecture architecture_table(const std::string& id) {
  if (auto message = validate_architecture_id(id); !message.empty()) {
    throw std::invalid_argument(message);
  }
  Architecture net;
  net.id = id;
  for (const ArchitectureEntry& entry : architecture_catalog()) {
    if (id == entry.id) net.title = entry.title;
  }
  const bool lenet = id == "lenet5";
  net.channels = lenet ? 1 : 3;
  net.height = net.width = lenet ? 32 : 224;
  Builder b(net);
  if (lenet) lenet5(b);
  if (id == "alexnet") alexnet(b);
  if (id == "vgg16") vgg16(b);
  if (id == "resnet18") resnet(b, false, {2, 2, 2, 2});
  if (id == "resnet50") resnet(b, true, {3, 4, 6, 3});
  if (id == "googlenet") googlenet(b);
  if (id == "mobilenet") mobilenet(b);
  return net;
}

}  // namespace descent::nn

DESCENT_END_COLD_CODE

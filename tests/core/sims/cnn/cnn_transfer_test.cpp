// Transfer learning on the procedural shapes: pre-train on classes {0, 1}, fine-tune a fresh head
// on {2, 3} with the conv blocks frozen (or the last one unfrozen), against training from scratch.
#include <catch2/catch.hpp>
#include <cstdio>
#include <numeric>
#include <stdexcept>

#include "descent/sims/cnn/cnn_session.hpp"
#include "shapes_data.hpp"

using namespace descent;
using descent::testing::shape_data;
using descent::testing::small_config;

namespace {

CnnSession& trained(CnnSession& session) {
  while (!session.advance(7)) {
  }
  return session;
}

CnnConfig pretrain_config() {
  CnnConfig config = small_config();
  config.classes = {0, 1};
  config.epochs = 2;
  return config;
}

CnnConfig finetune_config(int frozen, int per_class) {
  CnnConfig config = small_config();
  config.classes = {2, 3};
  config.per_class = per_class;
  config.frozen_conv_blocks = frozen;
  config.epochs = 3;
  config.seed = 11;
  return config;
}

int conv_count(const CnnConfig& config, int blocks) {
  return cnn_conv_parameter_count(config, blocks);
}

}  // namespace

TEST_CASE("classes and per_class select the training and test images exactly", "[cnn][transfer]") {
  const CnnData data = shape_data(200, 40);  // labels cycle 0 1 2 3
  CnnConfig config = small_config();
  config.classes = {1, 3};
  config.per_class = 7;
  config.epochs = 1;
  CnnSession session(config, data);
  CHECK(session.training_count() == 14);
  CHECK(session.test_count() == 20);
  CHECK(session.progress().batches_per_epoch == 1);
  config.train_size = 20;  // the first 20 images hold 5 of each class
  CHECK(CnnSession(config, data).training_count() == 10);
  config.train_size = 0;
  config.per_class = 0;
  CHECK(CnnSession(config, data).training_count() == 100);
  config.classes = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  config.per_class = 3;
  CHECK(CnnSession(config, data).training_count() == 12);  // the shapes have 4 classes

  // Only the chosen classes are trained on and tested: confusion rows, mistakes' labels.
  config.classes = {1, 3};
  config.per_class = 7;
  trained(session);
  CHECK(session.progress().examples == 14);
  const std::vector<int>& confusion = session.confusion();
  CHECK(std::accumulate(confusion.begin(), confusion.end(), 0) == 20);
  for (int truth = 0; truth < 10; ++truth) {
    if (truth == 1 || truth == 3) continue;
    CHECK(std::accumulate(confusion.begin() + truth * 10, confusion.begin() + truth * 10 + 10, 0) ==
          0);
  }
  for (int index : session.mistakes().index) {  // indices into the whole test split
    REQUIRE(index >= 0);
    REQUIRE(index < 40);
    CHECK((data.test.labels[static_cast<std::size_t>(index)] % 2) == 1);
  }
}

TEST_CASE("invalid transfer settings are rejected with messages", "[cnn][transfer]") {
  const CnnData data = shape_data(20, 8);
  auto message = [&](const CnnConfig& config) {
    std::string m = validate_cnn_config(config);
    return m.empty() ? validate_cnn_data(config, data) : m;
  };
  CnnConfig config = small_config();
  config.classes = {};
  CHECK(message(config) == "classes must list at least one class in [0, 9]");
  config.classes = {1, 10};
  CHECK(message(config) == "class must be in [0, 9], got 10");
  config.classes = {2, 5, 2};
  CHECK(message(config) == "class 2 is listed twice");
  config.classes = {5, 6};  // valid, but the shapes have none
  CHECK(message(config) == "no training image is of the chosen classes");
  config = small_config();
  config.per_class = -1;
  CHECK(message(config) == "images per class must be in [0, 100000], got -1");
  config = small_config();
  config.frozen_conv_blocks = 3;
  CHECK(message(config) == "frozen conv blocks must be in [0, 2], got 3");
  config.frozen_conv_blocks = -1;
  CHECK(message(config) == "frozen conv blocks must be in [0, 2], got -1");
  CHECK_THROWS_AS(CnnSession(config, data), std::invalid_argument);
}

TEST_CASE("the conv parameter count matches the network's layout", "[cnn][transfer]") {
  const CnnConfig config = small_config();  // conv 1·25·6 + 6, conv 6·9·8 + 8
  CHECK(conv_count(config, 0) == 0);
  CHECK(conv_count(config, 1) == 156);
  CHECK(conv_count(config, 2) == 156 + 440);
  CnnConfig bn = config;
  bn.conv_blocks[1].batch_norm = true;
  CHECK(conv_count(bn, 2) == 156 + 440 + 16);
  // The head follows: 16 → 12 → pool 6 → 4 → pool 2, dense 8·2·2 → 32 → 10.
  const CnnSession session(config, shape_data(20, 8));
  CHECK(session.network().parameter_count() == 156 + 440 + (32 * 32 + 32) + (32 * 10 + 10));
}

TEST_CASE("fine-tuning with frozen conv blocks leaves them bit-identical", "[cnn][transfer]") {
  const CnnData data = shape_data(400, 100);
  CnnSession source(pretrain_config(), data);
  trained(source);
  CHECK(source.history().test_accuracy.back() >= 0.9);
  const Eigen::VectorXd pretrained = source.parameters();
  const CnnConfig config = finetune_config(2, 0);
  const int conv = conv_count(config, 2);

  CnnSession tuned(config, data, source);
  // Starts from the source's conv blocks, a fresh head from its own seed.
  const CnnSession fresh(config, data);
  CHECK(tuned.parameters().head(conv) == pretrained.head(conv));
  CHECK(tuned.parameters().tail(tuned.parameters().size() - conv) ==
        fresh.parameters().tail(fresh.parameters().size() - conv));
  const Eigen::VectorXd before = tuned.parameters();
  trained(tuned);
  CHECK(tuned.progress().stop_reason == "completed");
  CHECK(tuned.parameters().head(conv) == pretrained.head(conv));
  CHECK(tuned.network().get_parameters().head(conv) == pretrained.head(conv).cast<float>());
  const Eigen::Index head = before.size() - conv;
  CHECK(tuned.parameters().tail(head) != before.tail(head));
  CHECK(tuned.history().test_accuracy.back() >= 0.7);  // chance: 0.5

  // Weight decay and momentum do not reach frozen entries either (AdamW decays every entry it
  // sees); unfreezing the last block moves it and only it of the conv part.
  CnnConfig adamw = finetune_config(1, 0);
  adamw.optimizer.id = "adamw";
  adamw.optimizer.hyper_parameters["weight_decay"] = 0.1;
  CnnSession partly(adamw, data, source);
  trained(partly);
  const int first = conv_count(adamw, 1);
  CHECK(partly.parameters().head(first) == pretrained.head(first));
  CHECK(partly.parameters().segment(first, conv - first) !=
        pretrained.segment(first, conv - first));

  // Determinism: the same source and seed give the same run.
  CnnSession again(config, data, source);
  trained(again);
  CHECK(again.history().train_loss == tuned.history().train_loss);
  CHECK(again.parameters() == tuned.parameters());
}

TEST_CASE("a source with other conv blocks is refused with a message", "[cnn][transfer]") {
  const CnnData data = shape_data(40, 8);
  const CnnSession source(pretrain_config(), data);
  CnnConfig config = finetune_config(2, 0);
  config.conv_blocks[1].filters = 12;
  CHECK(cnn_transfer_mismatch(config, source.config()) ==
        "cannot start from the source session: conv block 2 has filters 12 here, 8 in the source");
  CHECK_THROWS_WITH(CnnSession(config, data, source),
                    "cannot start from the source session: conv block 2 has filters 12 here, 8 in "
                    "the source");
  config = finetune_config(0, 0);
  config.conv_blocks.pop_back();
  config.frozen_conv_blocks = 0;
  CHECK(cnn_transfer_mismatch(config, source.config()) ==
        "cannot start from the source session: 1 conv blocks here, 2 in the source");
  config = finetune_config(0, 0);
  config.conv_blocks[0].pooling = CnnPooling::kAverage;
  CHECK(cnn_transfer_mismatch(config, source.config()) ==
        "cannot start from the source session: conv block 1 has pooling \"average\" here, "
        "\"max\" in the source");
  config = finetune_config(0, 0);
  config.activation = "tanh";
  CHECK(cnn_transfer_mismatch(config, source.config()) ==
        "cannot start from the source session: activation \"tanh\" here, \"relu\" in the source");
  // The head may differ: another width, dropout, optimizer.
  config = finetune_config(2, 0);
  config.dense_layers = {16, 16};
  config.dropout = 0.2;
  CHECK(cnn_transfer_mismatch(config, source.config()).empty());
  CHECK_NOTHROW(CnnSession(config, data, source));
}

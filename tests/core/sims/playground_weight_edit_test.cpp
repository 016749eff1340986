#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
#include <string>

#include "descent/sims/playground.hpp"

using namespace descent;

// Links are addressed as the diagram draws them: weight layer, from-unit, to-unit.
TEST_CASE("playground: a link's flat index follows network.hpp's parameter order",
          "[playground][weight-edit]") {
  Playground playground{PlaygroundConfig{}};  // features x1, x2; hidden 4, 2; one output
  CHECK(playground.link_parameter_index(0, 0, 0) == 0);
  CHECK(playground.link_parameter_index(0, 1, 3) == 1 * 4 + 3);
  // Layer 1 starts after layer 0's 2×4 weights and 4 biases.
  CHECK(playground.link_parameter_index(1, 0, 0) == 12);
  CHECK(playground.link_parameter_index(1, 3, 1) == 12 + 3 * 2 + 1);
  // The output layer after layer 1's 4×2 weights and 2 biases.
  CHECK(playground.link_parameter_index(2, 1, 0) == 12 + 10 + 1);
  const PlaygroundFrame frame = playground.frame();
  CHECK(playground.parameter(13) == Approx(frame.parameters[13]).margin(0));
}

TEST_CASE("playground: links that do not exist are named in the message",
          "[playground][weight-edit]") {
  Playground playground{PlaygroundConfig{}};
  CHECK(playground.validate_link(3, 0, 0) == "layer 3 does not exist: weight layers are 0 to 2");
  CHECK(playground.validate_link(0, 2, 0) == "layer 0 has inputs 0 to 1, not 2");
  CHECK(playground.validate_link(1, 0, 2) == "layer 1 has units 0 to 1, not 2");
  CHECK_THROWS_AS(playground.link_parameter_index(-1, 0, 0), std::invalid_argument);
}

TEST_CASE("playground: with batch norm, γ and β sit between layers", "[playground][weight-edit]") {
  PlaygroundConfig config;
  config.batch_norm = true;
  Playground playground(config);
  CHECK(playground.link_parameter_index(1, 0, 0) == 8 + 4 + 8);
  CHECK(playground.link_parameter_index(2, 0, 0) == 20 + 10 + 4);
}

TEST_CASE("playground: a set weight reads back and changes the unit it feeds",
          "[playground][weight-edit]") {
  Playground playground{PlaygroundConfig{}};
  playground.advance(5);
  const PlaygroundFrame before = playground.frame();
  const int index = playground.link_parameter_index(0, 0, 2);  // x1 → hidden unit 3
  playground.set_parameter(index, 3.5);
  CHECK(playground.parameter(index) == 3.5);
  const PlaygroundFrame after = playground.frame();
  CHECK(after.parameters[static_cast<std::size_t>(index)] == 3.5f);
  for (std::size_t p = 0; p < after.parameters.size(); ++p) {
    if (static_cast<int>(p) != index) CHECK(after.parameters[p] == before.parameters[p]);
  }
  // Thumbnails: 2 feature units, then hidden units; unit 2 + 2 = 4 is hidden unit 3.
  const std::size_t cells = 32 * 32;
  const auto unit_changed = [&](std::size_t unit) {
    for (std::size_t c = 0; c < cells; ++c) {
      if (after.thumbnails[unit * cells + c] != before.thumbnails[unit * cells + c]) return true;
    }
    return false;
  };
  CHECK(unit_changed(4));
  CHECK_FALSE(unit_changed(2));  // hidden unit 1 does not read this weight
  CHECK_FALSE(unit_changed(0));  // nor do the features
  // Training goes on from the edited weight.
  CHECK(playground.advance(1) == 1);
  CHECK(playground.epochs_completed() == 6);
  CHECK(playground.parameter(index) != 3.5);
}

TEST_CASE("playground: out-of-range weights are refused and leave θ alone",
          "[playground][weight-edit]") {
  Playground playground{PlaygroundConfig{}};
  const double old_value = playground.parameter(0);
  CHECK(playground.validate_parameter_edit(0, 101) ==
        "a weight or bias must be a number between -100 and 100");
  CHECK(playground.validate_parameter_edit(0, std::nan("")) ==
        "a weight or bias must be a number between -100 and 100");
  CHECK(playground.validate_parameter_edit(25, 1) ==
        "parameter 25 does not exist: the network has 25 (0 to 24)");
  CHECK_THROWS_AS(playground.set_parameter(0, 1e9), std::invalid_argument);
  CHECK(playground.parameter(0) == old_value);
}

namespace {

// Sets every weight into unit `unit` of column layer + 1 to 0 and its bias to `bias`, so that
// unit's z = x·W + b is `bias` at every point of the plane.
void make_unit_constant(Playground& playground, int layer, int unit, double bias) {
  const int fan_in = playground.layer_widths()[static_cast<std::size_t>(layer)];
  for (int from = 0; from < fan_in; ++from) {
    playground.set_parameter(playground.link_parameter_index(layer, from, unit), 0.0);
  }
  playground.set_parameter(playground.bias_parameter_index(layer, unit), bias);
}

}  // namespace

TEST_CASE("playground: a bias's flat index follows its layer's weights",
          "[playground][weight-edit]") {
  Playground playground{PlaygroundConfig{}};  // 2 → 4 → 2 → 1
  CHECK(playground.bias_parameter_index(0, 0) == 8);
  CHECK(playground.bias_parameter_index(0, 3) == 11);
  CHECK(playground.bias_parameter_index(1, 1) == 12 + 8 + 1);
  CHECK(playground.bias_parameter_index(2, 0) == 22 + 2);  // the output unit's bias: the last
  PlaygroundConfig config;
  config.batch_norm = true;  // γ and β of layer 0 and 1 come after their biases
  Playground normalised(config);
  CHECK(normalised.bias_parameter_index(1, 0) == 20 + 8);
  CHECK(normalised.bias_parameter_index(2, 0) == 34 + 2);
}

TEST_CASE("playground: a hidden unit's bias is the b of its z = x·W + b",
          "[playground][weight-edit]") {
  Playground playground{PlaygroundConfig{}};
  playground.advance(3);
  // With its incoming weights at 0 a unit outputs tanh(b) everywhere. Thumbnails: the 2 features,
  // then layer 1's 4 units, then layer 2's 2.
  make_unit_constant(playground, 0, 2, 0.5);
  make_unit_constant(playground, 1, 1, -0.75);
  const PlaygroundFrame frame = playground.frame();
  const std::size_t cells = 32 * 32;
  for (std::size_t c = 0; c < cells; ++c) {
    CHECK(frame.thumbnails[(2 + 2) * cells + c] == Approx(std::tanh(0.5)).epsilon(1e-6));
    CHECK(frame.thumbnails[(2 + 4 + 1) * cells + c] == Approx(std::tanh(-0.75)).epsilon(1e-6));
  }
}

TEST_CASE("playground: the output biases decide the field when the output weights are 0",
          "[playground][weight-edit]") {
  SECTION("one logit, no hidden layer: P(class 1) = σ(b) everywhere") {
    PlaygroundConfig config;
    config.hidden_widths = {};  // the output links straight from the features
    Playground playground(config);
    CHECK(playground.link_parameter_index(0, 1, 0) == 1);
    CHECK(playground.bias_parameter_index(0, 0) == 2);
    make_unit_constant(playground, 0, 0, 0.8);
    const PlaygroundFrame frame = playground.frame();
    for (std::size_t c = 0; c < frame.boundary_class.size(); ++c) {
      CHECK(frame.boundary_class[c] == 1);
      CHECK(frame.boundary_confidence[c] == Approx(1 / (1 + std::exp(-0.8))).epsilon(1e-6));
    }
  }
  SECTION("softmax over four classes: the class whose bias is largest") {
    PlaygroundConfig config;
    config.dataset = "multiblobs";
    config.class_count = 4;
    config.loss = "cross_entropy";
    Playground playground(config);  // 2 → 4 → 2 → 4
    // The output layer's W is 2×4 after 22 parameters, its b the 4 after that.
    CHECK(playground.link_parameter_index(2, 1, 3) == 22 + 1 * 4 + 3);
    CHECK(playground.bias_parameter_index(2, 3) == 22 + 8 + 3);
    for (int unit = 0; unit < 4; ++unit) make_unit_constant(playground, 2, unit, unit == 2 ? 2 : 0);
    const PlaygroundFrame frame = playground.frame();
    const double expected = std::exp(2.0) / (std::exp(2.0) + 3);
    for (std::size_t c = 0; c < frame.boundary_class.size(); ++c) {
      CHECK(frame.boundary_class[c] == 2);
      CHECK(frame.boundary_confidence[c] == Approx(expected).epsilon(1e-6));
    }
  }
}

TEST_CASE("playground: biases that do not exist are named in the message",
          "[playground][weight-edit]") {
  Playground playground{PlaygroundConfig{}};
  CHECK(playground.validate_bias(0, 3).empty());
  CHECK(playground.validate_bias(2, 0).empty());
  CHECK(playground.validate_bias(3, 0) == "layer 3 does not exist: weight layers are 0 to 2");
  CHECK(playground.validate_bias(-1, 0) == "layer -1 does not exist: weight layers are 0 to 2");
  CHECK(playground.validate_bias(1, 2) == "layer 1 has units 0 to 1, not 2");
  CHECK(playground.validate_bias(2, 1) == "layer 2 has units 0 to 0, not 1");
  CHECK_THROWS_WITH(playground.bias_parameter_index(0, -1), "layer 0 has units 0 to 3, not -1");
}

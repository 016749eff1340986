#include <catch2/catch.hpp>
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
        "a weight must be a number between -100 and 100");
  CHECK(playground.validate_parameter_edit(0, std::nan("")) ==
        "a weight must be a number between -100 and 100");
  CHECK(playground.validate_parameter_edit(25, 1) ==
        "parameter 25 does not exist: the network has 25 (0 to 24)");
  CHECK_THROWS_AS(playground.set_parameter(0, 1e9), std::invalid_argument);
  CHECK(playground.parameter(0) == old_value);
}

// Messages quote a short prefix of what they got: a huge input never makes a huge message.
#include "descent/math/messages.hpp"

#include <catch2/catch.hpp>
#include <string>

using descent::quote_value;
using descent::shorten_text;

TEST_CASE("shorten_text keeps short text and cuts long text at a character", "[math][messages]") {
  CHECK(shorten_text("adamx") == "adamx");
  CHECK(shorten_text(std::string(40, 'a')) == std::string(40, 'a'));
  CHECK(shorten_text(std::string(1000000, 'a')) == std::string(40, 'a') + "…");
  // Whole UTF-8 sequences: 41 "é" (2 bytes each) are cut after the 40th, not inside one.
  std::string accents;
  for (int i = 0; i < 41; ++i) accents += "é";
  CHECK(shorten_text(accents) == accents.substr(0, 80) + "…");
  CHECK(shorten_text("abcdef", 3) == "abc…");
}

TEST_CASE("quote_value quotes the shortened text", "[math][messages]") {
  CHECK(quote_value("adamx") == "'adamx'");
  CHECK(quote_value(std::string(500, 'q')) == "'" + std::string(40, 'q') + "…'");
}

#include "descent/optim/hyper_parameters.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

using descent::format_number;
using descent::HyperParameterInfo;
using descent::HyperParameterValues;
using descent::resolve_hyper_parameters;

namespace {

const std::vector<HyperParameterInfo>& example_table() {
  static const std::vector<HyperParameterInfo> table{
      descent::real_parameter("beta1", "β₁", 0.9, 0.0, 0.999999, "momentum decay"),
      descent::log_parameter("eps", "ε", 1e-8, 1e-12, 1e-1, "keeps the division finite"),
      descent::integer_parameter("step_size", "step size", 10.0, 1.0, 10000.0,
                                 "updates between drops")};
  return table;
}

std::string resolve(const HyperParameterValues& given, HyperParameterValues& resolved) {
  return resolve_hyper_parameters(example_table(), given, resolved, "adam");
}

}  // namespace

TEST_CASE("Table-row builders set the slider kind", "[optim][hyper_parameters]") {
  const auto& table = example_table();
  CHECK(table[0].key == "beta1");
  CHECK(table[0].default_value == 0.9);
  CHECK(table[0].meaning == "momentum decay");
  CHECK_FALSE(table[0].integer);
  CHECK_FALSE(table[0].log_scale);
  CHECK(table[1].log_scale);
  CHECK_FALSE(table[1].integer);
  CHECK(table[2].integer);
  CHECK_FALSE(table[2].log_scale);
}

TEST_CASE("Missing hyper-parameters take their defaults", "[optim][hyper_parameters]") {
  HyperParameterValues resolved;
  CHECK(resolve({{"beta1", 0.5}}, resolved).empty());
  CHECK(resolved == HyperParameterValues{{"beta1", 0.5}, {"eps", 1e-8}, {"step_size", 10.0}});
  CHECK(resolve({}, resolved).empty());
  CHECK(resolved.at("beta1") == 0.9);
}

TEST_CASE("Range bounds are inclusive", "[optim][hyper_parameters]") {
  HyperParameterValues resolved;
  CHECK(resolve({{"beta1", 0.0}, {"eps", 1e-1}, {"step_size", 1.0}}, resolved).empty());
  CHECK(resolve({{"beta1", 0.999999}, {"eps", 1e-12}, {"step_size", 10000.0}}, resolved).empty());
}

TEST_CASE("Invalid hyper-parameters give messages naming owner and key",
          "[optim][hyper_parameters]") {
  HyperParameterValues resolved{{"untouched", 1.0}};
  CHECK(resolve({{"beta3", 0.5}}, resolved) ==
        "adam: unknown parameter 'beta3' (valid: beta1, eps, step_size)");
  CHECK(resolve({{"beta1", 1.5}}, resolved) == "adam: beta1 must be in [0, 0.999999], got 1.5");
  CHECK(resolve({{"eps", 0.0}}, resolved) == "adam: eps must be in [1e-12, 0.1], got 0");
  CHECK(resolve({{"beta1", std::nan("")}}, resolved) ==
        "adam: beta1 must be a finite number, got nan");
  CHECK(resolve({{"eps", std::numeric_limits<double>::infinity()}}, resolved) ==
        "adam: eps must be a finite number, got inf");
  CHECK(resolve({{"step_size", 2.5}}, resolved) == "adam: step_size must be an integer, got 2.5");
  CHECK(resolve({{"step_size", 0.0}}, resolved) == "adam: step_size must be in [1, 10000], got 0");
  // A failed resolve leaves the output as it was.
  CHECK(resolved == HyperParameterValues{{"untouched", 1.0}});
}

TEST_CASE("An owner with no parameters says so", "[optim][hyper_parameters]") {
  HyperParameterValues resolved;
  CHECK(resolve_hyper_parameters({}, {{"gamma", 0.5}}, resolved, "constant schedule") ==
        "constant schedule: unknown parameter 'gamma' (it takes no parameters)");
  CHECK(resolve_hyper_parameters({}, {}, resolved, "constant schedule").empty());
  CHECK(resolved.empty());
}

TEST_CASE("Numbers in messages are the shortest exact text", "[optim][hyper_parameters]") {
  CHECK(format_number(0.1) == "0.1");
  CHECK(format_number(0.999999) == "0.999999");
  CHECK(format_number(0.9999999) == "0.9999999");
  CHECK(format_number(1e-12) == "1e-12");
  CHECK(format_number(10000.0) == "10000");
  CHECK(format_number(-2.5) == "-2.5");
  CHECK(format_number(1.0 / 3.0) == "0.3333333333333333");
}

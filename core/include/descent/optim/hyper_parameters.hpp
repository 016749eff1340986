#pragma once
// Named numeric settings (optimizer and schedule hyper-parameters) described
// once in the core, so the UI builds its controls from the same table that
// validation uses.
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "descent/math/messages.hpp"

namespace descent {

struct HyperParameterInfo {
  std::string key;    // e.g. "beta1"
  std::string label;  // e.g. "β₁ (momentum decay)"
  double default_value;
  double min_value;  // inclusive
  double max_value;  // inclusive
  bool integer = false;
  bool log_scale = false;  // the UI should use a log slider
  std::string meaning;     // one line: what it does
};

using HyperParameterValues = std::map<std::string, double>;

// Fills in defaults for missing keys. Returns an empty string on success, or a
// message naming the offending key (unknown, not finite, out of range, not an integer).
std::string resolve_hyper_parameters(const std::vector<HyperParameterInfo>& infos,
                                     const HyperParameterValues& given,
                                     HyperParameterValues& resolved, const std::string& owner);

// Table rows: a real value on a linear slider, a real value on a log slider, an integer.
HyperParameterInfo real_parameter(std::string key, std::string label, double default_value,
                                  double min_value, double max_value, std::string meaning);
HyperParameterInfo log_parameter(std::string key, std::string label, double default_value,
                                 double min_value, double max_value, std::string meaning);
HyperParameterInfo integer_parameter(std::string key, std::string label, double default_value,
                                     double min_value, double max_value, std::string meaning);

}  // namespace descent

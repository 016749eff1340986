#include "descent/optim/hyper_parameters.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "descent/math/cold_code.hpp"
#include "descent/math/messages.hpp"

DESCENT_BEGIN_COLD_CODE

namespace descent {
namespace {

const HyperParameterInfo* find_info(const std::vector<HyperParameterInfo>& infos,
                                    const std::string& key) {
  for (const auto& info : infos) {
    if (info.key == key) return &info;
  }
  return nullptr;
}

std::string list_keys(const std::vector<HyperParameterInfo>& infos) {
  std::string keys;
  for (const auto& info : infos) keys += (keys.empty() ? "" : ", ") + info.key;
  return keys;
}

}  // namespace

HyperParameterInfo real_parameter(std::string key, std::string label, double default_value,
                                  double min_value, double max_value, std::string meaning) {
  HyperParameterInfo info;
  info.key = std::move(key);
  info.label = std::move(label);
  info.default_value = default_value;
  info.min_value = min_value;
  info.max_value = max_value;
  info.meaning = std::move(meaning);
  return info;
}

HyperParameterInfo log_parameter(std::string key, std::string label, double default_value,
                                 double min_value, double max_value, std::string meaning) {
  HyperParameterInfo info = real_parameter(std::move(key), std::move(label), default_value,
                                           min_value, max_value, std::move(meaning));
  info.log_scale = true;
  return info;
}

HyperParameterInfo integer_parameter(std::string key, std::string label, double default_value,
                                     double min_value, double max_value, std::string meaning) {
  HyperParameterInfo info = real_parameter(std::move(key), std::move(label), default_value,
                                           min_value, max_value, std::move(meaning));
  info.integer = true;
  return info;
}

std::string resolve_hyper_parameters(const std::vector<HyperParameterInfo>& infos,
                                     const HyperParameterValues& given,
                                     HyperParameterValues& resolved, const std::string& owner) {
  for (const auto& entry : given) {
    if (find_info(infos, entry.first) != nullptr) continue;
    return owner + ": unknown parameter " + quote_value(entry.first) + " " +
           (infos.empty() ? "(it takes no parameters)" : "(valid: " + list_keys(infos) + ")");
  }
  HyperParameterValues filled;
  for (const auto& info : infos) {
    const auto found = given.find(info.key);
    const double value = found == given.end() ? info.default_value : found->second;
    if (!std::isfinite(value)) {
      return owner + ": " + info.key + " must be a finite number, got " + format_number(value);
    }
    if (info.integer && value != std::floor(value)) {
      return owner + ": " + info.key + " must be an integer, got " + format_number(value);
    }
    const std::string range_message =
        check_range(owner, info.key, value, info.min_value, info.max_value);
    if (!range_message.empty()) return range_message;
    filled[info.key] = value;
  }
  resolved = std::move(filled);
  return "";
}

}  // namespace descent

DESCENT_END_COLD_CODE

#include "descent/optim/lr_schedule.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "descent/math/cold_code.hpp"
#include "descent/math/messages.hpp"

namespace descent {
namespace {

constexpr double kPi = 3.141592653589793238462643383279502884;
constexpr double kMaxSteps = 10000;

HyperParameterInfo min_lr_factor(double default_value) {
  return real_parameter("min_lr_factor", "minimum (fraction of η)", default_value, 0.0, 1.0,
                        "the lowest rate, as a fraction of the base rate η");
}

HyperParameterInfo warmup_steps(double default_value, double min_value) {
  return integer_parameter("warmup_steps", "warm-up steps", default_value, min_value, kMaxSteps,
                           "updates spent ramping the rate linearly up to η");
}

// The catalog, built once: optimised for size (cold_code.hpp).
DESCENT_BEGIN_COLD_CODE
std::vector<ScheduleInfo> build_catalog() {
  return {
      {"constant", "Constant", {}, "η_t = η"},
      {"step",
       "Step decay",
       {integer_parameter("step_size", "step size (updates)", 10.0, 1.0, kMaxSteps,
                          "the rate is multiplied by γ every step_size updates"),
        real_parameter("gamma", "γ (decay factor)", 0.5, 0.0, 1.0,
                       "factor applied at each drop: smaller ⇒ sharper drops")},
       "η_t = η·γ^⌊t/step_size⌋"},
      {"exponential",
       "Exponential decay",
       {real_parameter("gamma", "γ (decay per update)", 0.95, 0.0, 1.0,
                       "factor applied every update: 0.95 halves the rate in about 14 updates")},
       "η_t = η·γ^t"},
      {"cosine",
       "Cosine annealing",
       {min_lr_factor(0.0)},
       "η_t = η_min + (η − η_min)·(1 + cos(π·t/T))/2, η_min = η·min_lr_factor, T = run length"},
      {"warmup_cosine",
       "Warm-up + cosine",
       {warmup_steps(5.0, 0.0), min_lr_factor(0.0)},
       "η_t = η·(t+1)/W for t < W, then η_min + (η − η_min)·(1 + cos(π·(t−W)/(T−W)))/2, "
       "W = warmup_steps, η_min = η·min_lr_factor, T = run length"},
      {"cyclic",
       "Cyclic (triangular)",
       {integer_parameter("cycle_steps", "half-cycle (updates)", 10.0, 1.0, kMaxSteps,
                          "updates to climb from the minimum to η; as many again to come down"),
        min_lr_factor(0.1)},
       "η_t = η_min + (η − η_min)·(1 − |t/c − 2⌊t/(2c)⌋ − 1|), c = cycle_steps, "
       "η_min = η·min_lr_factor"},
      {"one_cycle",
       "One-cycle",
       {real_parameter("pct_start", "rising fraction", 0.3, 0.0, 1.0,
                       "fraction of the run spent rising to the peak η"),
        log_parameter("div_factor", "start divisor", 25.0, 1.0, 1e4,
                      "the run starts at η/div_factor"),
        log_parameter("final_div_factor", "final divisor", 1e4, 1.0, 1e6,
                      "the run ends at η/(div_factor·final_div_factor)")},
       "cosine from η/div_factor up to η at t = pct_start·T − 1, then cosine down to "
       "η/(div_factor·final_div_factor) at t = T − 1, T = run length"},
      {"inverse_sqrt",
       "Inverse square root",
       {warmup_steps(5.0, 1.0)},
       "η_t = η·min((t+1)/W, √(W/(t+1))), W = warmup_steps"},
      // Vaswani et al. 2017, §5.3, with η as a multiplier (1 in the paper): the same shape as
      // inverse_sqrt, but its scale comes from the model width, so the peak is η/√(d_model·W).
      {"transformer",
       "Transformer (d_model⁻⁰·⁵ with warm-up)",
       {integer_parameter("d_model", "d_model (model width)", 512.0, 1.0, 65536.0,
                          "the rate scales as 1/√d_model: wider models take smaller steps"),
        warmup_steps(4000.0, 1.0)},
       "η_t = η·d_model^−0.5·min(s^−0.5, s·W^−1.5), s = t+1, W = warmup_steps"},
  };
}
DESCENT_END_COLD_CODE

const ScheduleInfo* find_schedule(const std::string& id) {
  for (const auto& info : schedule_catalog()) {
    if (info.id == id) return &info;
  }
  return nullptr;
}

std::string list_schedule_ids() {
  std::string ids;
  for (const auto& info : schedule_catalog()) ids += (ids.empty() ? "" : ", ") + info.id;
  return ids;
}

// Half-cosine from `start` (progress 0) to `end` (progress 1), as torch's cosine annealing.
double cosine_anneal(double start, double end, double progress) {
  return end + (start - end) / 2.0 * (std::cos(kPi * progress) + 1.0);
}

// Fraction of a phase from start_step to end_step done at `step`, held in [0, 1]; a phase of
// zero length counts as done.
double phase_progress(double step, double start_step, double end_step) {
  if (end_step <= start_step) return 1.0;
  return std::clamp((step - start_step) / (end_step - start_step), 0.0, 1.0);
}

}  // namespace

const std::vector<ScheduleInfo>& schedule_catalog() {
  static const std::vector<ScheduleInfo> catalog = build_catalog();
  return catalog;
}

std::string validate_schedule_settings(const ScheduleSettings& settings) {
  const ScheduleInfo* info = find_schedule(settings.id);
  if (info == nullptr) {
    return "unknown schedule " + quote_value(settings.id) + " (valid: " + list_schedule_ids() + ")";
  }
  HyperParameterValues resolved;
  return resolve_hyper_parameters(info->parameters, settings.parameters, resolved,
                                  settings.id + " schedule");
}

std::string validate_schedule_settings(const ScheduleSettings& settings, double base_lr,
                                       int total_steps) {
  if (!(std::isfinite(base_lr) && base_lr >= 0.0)) {
    return "learning rate must be a finite number ≥ 0, got " + format_number(base_lr);
  }
  if (total_steps < 1) {
    return "the run must have at least 1 step, got " + std::to_string(total_steps);
  }
  return validate_schedule_settings(settings);
}

LearningRateSchedule::LearningRateSchedule(const ScheduleSettings& settings, double base_lr,
                                           int total_steps)
    : id_(settings.id),
      constant_(settings.id == "constant"),
      base_lr_(base_lr),
      total_steps_(total_steps) {
  const std::string message = validate_schedule_settings(settings, base_lr, total_steps);
  if (!message.empty()) throw std::invalid_argument(message);
  resolve_hyper_parameters(find_schedule(id_)->parameters, settings.parameters, p_,
                           id_ + " schedule");
}

double LearningRateSchedule::at(int step) const {
  if (step < 0) {
    throw std::invalid_argument("learning-rate schedule: step must be ≥ 0, got " +
                                std::to_string(step));
  }
  if (constant_) return base_lr_;
  const double t = step;
  const double total = total_steps_;
  if (id_ == "step") {
    const int drops = step / static_cast<int>(p_.at("step_size"));
    return base_lr_ * std::pow(p_.at("gamma"), drops);
  }
  if (id_ == "exponential") return base_lr_ * std::pow(p_.at("gamma"), t);
  if (id_ == "cosine") {
    const double min_lr = base_lr_ * p_.at("min_lr_factor");
    return cosine_anneal(base_lr_, min_lr, phase_progress(t, 0.0, total));
  }
  if (id_ == "warmup_cosine") {
    const double warmup = p_.at("warmup_steps");
    if (t < warmup) return base_lr_ * (t + 1.0) / warmup;
    const double min_lr = base_lr_ * p_.at("min_lr_factor");
    return cosine_anneal(base_lr_, min_lr, phase_progress(t, warmup, total));
  }
  if (id_ == "cyclic") {
    const int half_cycle = static_cast<int>(p_.at("cycle_steps"));
    const int position = step % (2 * half_cycle);  // updates since the last trough
    const int distance_from_trough = std::min(position, 2 * half_cycle - position);
    const double min_lr = base_lr_ * p_.at("min_lr_factor");
    return min_lr + (base_lr_ - min_lr) * distance_from_trough / half_cycle;
  }
  if (id_ == "one_cycle") {
    // torch OneCycleLR (two phases, cos annealing): the peak is at step pct_start·T − 1.
    const double initial_lr = base_lr_ / p_.at("div_factor");
    const double final_lr = initial_lr / p_.at("final_div_factor");
    const double peak_step = p_.at("pct_start") * total - 1.0;
    if (t <= peak_step) {
      return cosine_anneal(initial_lr, base_lr_, phase_progress(t, 0.0, peak_step));
    }
    return cosine_anneal(base_lr_, final_lr, phase_progress(t, peak_step, total - 1.0));
  }
  if (id_ == "inverse_sqrt") {
    const double warmup = p_.at("warmup_steps");
    return base_lr_ * std::min((t + 1.0) / warmup, std::sqrt(warmup / (t + 1.0)));
  }
  if (id_ == "transformer") {
    const double s = t + 1.0;  // the paper counts steps from 1
    const double warmup = p_.at("warmup_steps");
    return base_lr_ / std::sqrt(p_.at("d_model")) *
           std::min(1.0 / std::sqrt(s), s * std::pow(warmup, -1.5));
  }
  throw std::logic_error("learning-rate schedule: unknown id " + id_);  // validated at construction
}

}  // namespace descent

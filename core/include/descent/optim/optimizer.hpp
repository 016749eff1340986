#pragma once
// Common interface of the optimizers. Each concrete optimizer has a validated
// Params struct, an explicit State the UI can read, and step().
#include <Eigen/Dense>
#include <string>
#include <vector>

namespace descent {

// One piece of optimizer state, referenced in place: the optimizer's own vector, not a copy.
struct StateEntry {
  const char* key;               // e.g. "first_moment"
  const char* label;             // e.g. "m (1st moment)"
  const char* meaning;           // one line: what this state does to the step
  const Eigen::VectorXd* value;  // valid while the optimizer lives; updated by every step()
};

// One piece of optimizer state, copied out for the UI (e.g. Adam's first moment).
struct StateVector {
  std::string key;      // e.g. "first_moment"
  std::string label;    // e.g. "m (1st moment)"
  std::string meaning;  // one line: what this state does to the step
  Eigen::VectorXd value;
};

class Optimizer {
 public:
  virtual ~Optimizer() = default;

  // One update of `params` in place from `grad`, using learning rate `lr`
  // (the schedule's value for this step).
  virtual void step(Eigen::VectorXd& params, const Eigen::VectorXd& grad, double lr) = 0;

  // Number of step() calls so far.
  virtual int step_count() const = 0;

  // The state vectors, in the order state() reports them. The list is fixed at construction
  // and each entry points at the live vector, so a caller recording the state after every
  // step lists the entries once instead of copying state() each time.
  virtual std::vector<StateEntry> state_entries() const = 0;

  // Internal state after the latest step, copied (zeros before the first step).
  std::vector<StateVector> state() const;

  // Whether step() also updates the state that only a display reads (Adam's bias-corrected m̂ and
  // v̂; the update itself never needs them). On by default; a training loop that shows no
  // optimizer state turns it off to save the work, and those entries then stay at zero.
  void set_keeps_display_state(bool keeps) { keeps_display_state_ = keeps; }

 protected:
  bool keeps_display_state_ = true;
};

// For optimizer constructors: throws std::invalid_argument with `params_message` when it is not
// empty, or when dimension < 1.
void require_valid_optimizer(const std::string& params_message, const char* owner, int dimension);

// For step(): throws std::invalid_argument unless params and grad have `dimension` entries and
// lr is finite and ≥ 0.
void require_valid_step(const char* owner, int dimension, const Eigen::VectorXd& params,
                        const Eigen::VectorXd& grad, double lr);

}  // namespace descent

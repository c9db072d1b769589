#include "nn/optim/step_decay.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "nn/core/errors.hpp"

namespace nn {

StepDecay::StepDecay(Real initial_learning_rate, Real factor, Index every)
    : initial_(initial_learning_rate), factor_(factor), every_(every) {
  if (every == 0) throw std::invalid_argument("StepDecay: every must be at least 1 epoch");
}

// alpha(t) = alpha0 * factor^floor(t / every)
Real StepDecay::learning_rate([[maybe_unused]] Index epoch) const {
  // ---- YOUR CODE (labs/09-optimizers): alpha(t) from initial_, factor_, every_ and epoch (the epoch count t) ----
  return initial_ * std::pow(factor_, static_cast<Real>(epoch / every_));  // integer division: the floor
  // ---- END YOUR CODE ----
}

std::string StepDecay::name() const {
  return fmt::format("StepDecay(lr0={}, factor={}, every={})", initial_, factor_, every_);
}

}  // namespace nn

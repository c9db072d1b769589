#include "nn/optim/step_decay.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace nn {

StepDecay::StepDecay(Real initial_learning_rate, Real factor, Index every)
    : initial_(initial_learning_rate), factor_(factor), every_(every) {
  if (every == 0) throw std::invalid_argument("StepDecay: every must be at least 1 epoch");
}

// alpha0 * factor^floor(t / every): integer division is the floor
Real StepDecay::learning_rate(Index epoch) const {
  return initial_ * std::pow(factor_, static_cast<Real>(epoch / every_));
}

std::string StepDecay::name() const {
  return fmt::format("StepDecay(lr0={}, factor={}, every={})", initial_, factor_, every_);
}

}  // namespace nn

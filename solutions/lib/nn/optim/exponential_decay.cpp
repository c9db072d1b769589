#include "nn/optim/exponential_decay.hpp"

#include <fmt/format.h>

#include <cmath>

#include "nn/core/errors.hpp"

namespace nn {

// alpha(t) = alpha0 e^(-k t)
Real ExponentialDecay::learning_rate([[maybe_unused]] Index epoch) const {
  // ---- YOUR CODE (labs/09-optimizers): alpha(t) from initial_, k_ and epoch (the epoch count t) ----
  return initial_ * std::exp(-k_ * static_cast<Real>(epoch));
  // ---- END YOUR CODE ----
}

std::string ExponentialDecay::name() const {
  return fmt::format("ExponentialDecay(lr0={}, k={})", initial_, k_);
}

}  // namespace nn

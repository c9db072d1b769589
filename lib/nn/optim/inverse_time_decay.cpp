#include "nn/optim/inverse_time_decay.hpp"

#include <fmt/format.h>

#include "nn/core/errors.hpp"

namespace nn {

// alpha(t) = alpha0 / (1 + k t)
Real InverseTimeDecay::learning_rate([[maybe_unused]] Index epoch) const {
  // ---- YOUR CODE (labs/09-optimizers): alpha(t) from initial_, k_ and epoch (the epoch count t) ----
  throw NotImplemented("InverseTimeDecay::learning_rate", "labs/09-optimizers");
  // ---- END YOUR CODE ----
}

std::string InverseTimeDecay::name() const {
  return fmt::format("InverseTimeDecay(lr0={}, k={})", initial_, k_);
}

}  // namespace nn

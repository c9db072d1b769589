#include "nn/optim/inverse_time_decay.hpp"

#include <fmt/format.h>

namespace nn {

Real InverseTimeDecay::learning_rate(Index epoch) const {
  return initial_ / (1 + k_ * static_cast<Real>(epoch));
}

std::string InverseTimeDecay::name() const {
  return fmt::format("InverseTimeDecay(lr0={}, k={})", initial_, k_);
}

}  // namespace nn

#include "nn/optim/exponential_decay.hpp"

#include <fmt/format.h>

#include <cmath>

namespace nn {

Real ExponentialDecay::learning_rate(Index epoch) const {
  return initial_ * std::exp(-k_ * static_cast<Real>(epoch));
}

std::string ExponentialDecay::name() const {
  return fmt::format("ExponentialDecay(lr0={}, k={})", initial_, k_);
}

}  // namespace nn

#include "nn/optim/reduce_on_plateau.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace nn {

ReduceOnPlateau::ReduceOnPlateau(Real initial_learning_rate, Real factor, Index patience, Mode mode,
                                 Real min_learning_rate)
    : learning_rate_(initial_learning_rate),
      factor_(factor),
      patience_(patience),
      mode_(mode),
      min_learning_rate_(min_learning_rate) {}

bool ReduceOnPlateau::improves(Real value) const {
  if (std::isnan(value)) return false;  // a diverged run never improves
  if (!seen_any_) return true;
  return mode_ == Mode::Min ? value < best_ : value > best_;
}

Real ReduceOnPlateau::next(Index /*epoch*/, Real monitored_value) {
  if (improves(monitored_value)) {
    seen_any_ = true;
    best_ = monitored_value;
    epochs_since_best_ = 0;
  } else if (++epochs_since_best_ >= patience_) {
    learning_rate_ = std::max(learning_rate_ * factor_, min_learning_rate_);
    epochs_since_best_ = 0;
  }
  return learning_rate_;
}

std::string ReduceOnPlateau::name() const {
  return fmt::format("ReduceOnPlateau(factor={}, patience={}, mode={}, min_lr={})", factor_,
                     patience_, mode_ == Mode::Min ? "min" : "max", min_learning_rate_);
}

}  // namespace nn

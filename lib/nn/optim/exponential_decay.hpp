// Exponential decay (labs/09-optimizers): alpha(t) = alpha0 e^(-k t), t the epoch number.
#pragma once

#include "nn/optim/schedule.hpp"

namespace nn {

class ExponentialDecay : public EpochSchedule {
 public:
  ExponentialDecay(Real initial_learning_rate, Real k) : initial_(initial_learning_rate), k_(k) {}
  Real learning_rate(Index epoch) const override;
  std::string name() const override;

 private:
  Real initial_, k_;
};

}  // namespace nn

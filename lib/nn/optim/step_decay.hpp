// Step decay (labs/09-optimizers): multiply the learning rate by `factor` every `every`
// epochs, e.g. by 0.5 every 5 epochs or by 0.1 every 20:
//
//   alpha(t) = alpha0 * factor^floor(t / every)
//
// With every = 1 this is "alpha <- alpha d" after every epoch.
#pragma once

#include "nn/optim/schedule.hpp"

namespace nn {

class StepDecay : public EpochSchedule {
 public:
  // Throws std::invalid_argument if every is 0.
  StepDecay(Real initial_learning_rate, Real factor, Index every);
  Real learning_rate(Index epoch) const override;
  std::string name() const override;

 private:
  Real initial_, factor_;
  Index every_;
};

}  // namespace nn

// Learning-rate schedules (labs/09-optimizers, "Learning-rate schedules"): take smaller steps as training nears a minimum.
//
// The training loop asks once per epoch, after validating it:
//
//   for (Index epoch = 0; epoch < epochs; ++epoch) {
//     ... train one epoch with optimizer.learning_rate, then validate ...
//     optimizer.learning_rate = schedule.next(epoch + 1, validation_loss);
//   }
//
// next(t, monitored) returns the learning rate for epoch t (0-based: the epoch about
// to start, so also the number of epochs done), given the value monitored on the
// validation set after epoch t - 1. The first epoch runs at the initial rate.
#pragma once

#include <string>

#include "nn/core/types.hpp"

namespace nn {

class Schedule {
 public:
  virtual ~Schedule() = default;
  virtual Real next(Index epoch, Real monitored_value) = 0;
  virtual std::string name() const = 0;
};

// A schedule that is a formula of the epoch number alone: alpha(t).
class EpochSchedule : public Schedule {
 public:
  virtual Real learning_rate(Index epoch) const = 0;  // alpha(t), alpha(0) the initial rate
  Real next(Index epoch, Real /*monitored_value*/) override { return learning_rate(epoch); }
};

}  // namespace nn

// Reduce on plateau (labs/09-optimizers: decay the rate once performance on the
// validation set has stopped improving for several epochs): multiply the learning rate
// by `factor` once the monitored value has gone `patience` epochs in a row without
// beating its best, then count afresh. The rate never goes below min_learning_rate.
//
// Mode::Min for a value that should fall (a loss), Mode::Max for one that should
// rise (an accuracy). Only a strictly better value counts as an improvement.
#pragma once

#include "nn/optim/schedule.hpp"

namespace nn {

class ReduceOnPlateau : public Schedule {
 public:
  enum class Mode { Min, Max };

  explicit ReduceOnPlateau(Real initial_learning_rate, Real factor = 0.1, Index patience = 10,
                           Mode mode = Mode::Min, Real min_learning_rate = 0);
  // The epoch number is not needed: only the monitored values are.
  Real next(Index epoch, Real monitored_value) override;
  std::string name() const override;

  Real learning_rate() const { return learning_rate_; }

 private:
  bool improves(Real value) const;

  Real learning_rate_, factor_;
  Index patience_;
  Mode mode_;
  Real min_learning_rate_;
  bool seen_any_ = false;        // no best value before the first call
  Real best_ = 0;                // the best monitored value so far
  Index epochs_since_best_ = 0;  // non-improving epochs since the best or the last reduction
};

}  // namespace nn

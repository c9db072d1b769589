// Momentum as an average of steps (labs/09-optimizers, "Two forms of momentum"):
//
//   w(t+1) = w(t) + (1 - beta) (-learning_rate g) + beta (w(t) - w(t-1))
//
// Each change is an exponential moving average of the plain gradient steps: a
// blend of this step, -learning_rate g, and the previous change, w(t) - w(t-1)
// (zero before the first step). The gradient term is the descent step itself,
// with its minus sign and learning rate. Unlike
// classical Momentum, a constant gradient gives steps that approach the plain
// step -learning_rate g, not 1/(1 - beta) times it. Typical beta: 0.6 to 0.9.
#pragma once

#include <vector>

#include "nn/optim/optimizer.hpp"

namespace nn {

class AveragedMomentum : public Optimizer {
 public:
  explicit AveragedMomentum(Real learning_rate = 0.01, Real beta = 0.9, Real weight_decay = 0)
      : Optimizer(learning_rate, weight_decay), beta(beta) {}
  void step(const Params& params) override;
  std::string name() const override;

  Real beta;  // weight of the previous change, in [0, 1)

 protected:
  void init_state(const Params& params) override { previous_change_ = zeros_like(params); }

 private:
  std::vector<Mat> previous_change_;  // w(t) - w(t-1) per parameter, shaped like it
};

}  // namespace nn

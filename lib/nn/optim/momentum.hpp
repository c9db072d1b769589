// Gradient descent with classical momentum (Polyak 1964):
//
//   v <- beta v - learning_rate g     (v starts at zero)
//   w <- w + v
//
// The velocity v is a decaying sum of past steps: it builds up along directions
// where the gradient is consistent and cancels where it oscillates.
// Momentum can also be written as an average of steps (labs/09-optimizers),
// w(t+1) = w(t) + (1 - beta)(-learning_rate g) + beta (w(t) - w(t-1)): see AveragedMomentum.
#pragma once

#include <vector>

#include "nn/optim/optimizer.hpp"

namespace nn {

class Momentum : public Optimizer {
 public:
  explicit Momentum(Real learning_rate = 0.01, Real beta = 0.9, Real weight_decay = 0)
      : Optimizer(learning_rate, weight_decay), beta(beta) {}
  void step(const Params& params) override;
  std::string name() const override;

  Real beta;  // how much of the velocity survives a step, in [0, 1)

 protected:
  void init_state(const Params& params) override { velocity_ = zeros_like(params); }

 private:
  std::vector<Mat> velocity_;  // one v per parameter, shaped like it
};

}  // namespace nn

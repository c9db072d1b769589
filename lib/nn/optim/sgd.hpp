// Stochastic gradient descent (labs/09-optimizers):  w <- w - learning_rate * g
//
// g is the gradient of the loss (plus 2 weight_decay w for weights, see
// optimizer.hpp). It can be recovered from one step (labs/04-gradient-check):
// g = (w_before - w_after) / learning_rate.
#pragma once

#include "nn/optim/optimizer.hpp"

namespace nn {

class SGD : public Optimizer {
 public:
  explicit SGD(Real learning_rate = 0.01, Real weight_decay = 0)
      : Optimizer(learning_rate, weight_decay) {}
  void step(const Params& params) override;
  std::string name() const override;
};

}  // namespace nn

// RMSProp (Hinton, Coursera lecture 6e, 2012): AdaGrad with a running average of
// g^2 instead of a sum, so old gradients are forgotten and the steps do not die out:
//
//   E <- rho E + (1 - rho) g^2                    (element-wise; E starts at zero)
//   w <- w - learning_rate g / (sqrt(E) + epsilon)
#pragma once

#include <vector>

#include "nn/optim/optimizer.hpp"

namespace nn {

class RMSProp : public Optimizer {
 public:
  explicit RMSProp(Real learning_rate = 0.001, Real rho = 0.9, Real epsilon = 1e-8,
                   Real weight_decay = 0)
      : Optimizer(learning_rate, weight_decay), rho(rho), epsilon(epsilon) {}
  void step(const Params& params) override;
  std::string name() const override;

  Real rho;      // decay of the running average, in [0, 1)
  Real epsilon;  // keeps the division finite where E is zero

 protected:
  void init_state(const Params& params) override { mean_square_ = zeros_like(params); }

 private:
  std::vector<Mat> mean_square_;  // E per parameter, shaped like it
};

}  // namespace nn

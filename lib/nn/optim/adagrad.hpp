// AdaGrad (Duchi et al. 2011): a learning rate per element, smaller for elements
// that have had large gradients (labs/09-optimizers, "Adaptive learning rates"):
//
//   G <- G + g^2                                  (element-wise; G starts at zero)
//   w <- w - learning_rate g / (sqrt(G) + epsilon)
//
// G only grows, so the steps shrink for good: AdaGrad can stop too early on long runs.
#pragma once

#include <vector>

#include "nn/optim/optimizer.hpp"

namespace nn {

class AdaGrad : public Optimizer {
 public:
  explicit AdaGrad(Real learning_rate = 0.01, Real epsilon = 1e-8, Real weight_decay = 0)
      : Optimizer(learning_rate, weight_decay), epsilon(epsilon) {}
  void step(const Params& params) override;
  std::string name() const override;

  Real epsilon;  // keeps the division finite where G is zero

 protected:
  void init_state(const Params& params) override { sum_squares_ = zeros_like(params); }

 private:
  std::vector<Mat> sum_squares_;  // G per parameter, shaped like it
};

}  // namespace nn

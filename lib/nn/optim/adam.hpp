// Adam (Kingma & Ba 2015, algorithm 1): momentum on the gradient and RMSProp's
// running average of its square, both corrected for starting at zero:
//
//   t <- t + 1                                   (the step number, 1 at the first step)
//   m <- beta1 m + (1 - beta1) g                 (element-wise; m, v start at zero)
//   v <- beta2 v + (1 - beta2) g^2
//   m_hat = m / (1 - beta1^t);   v_hat = v / (1 - beta2^t)
//   w <- w - learning_rate m_hat / (sqrt(v_hat) + epsilon)
//
// Without the correction the first steps would be far too small (m is (1 - beta1) g
// after one step). With it, the first step is learning_rate * g / |g|: one
// learning rate in every element, whatever the size of the gradient.
// Weight decay here is L2 added to g (labs/09-optimizers), not AdamW's decoupled decay.
#pragma once

#include <vector>

#include "nn/optim/optimizer.hpp"

namespace nn {

class Adam : public Optimizer {
 public:
  explicit Adam(Real learning_rate = 0.001, Real beta1 = 0.9, Real beta2 = 0.999,
                Real epsilon = 1e-8, Real weight_decay = 0)
      : Optimizer(learning_rate, weight_decay), beta1(beta1), beta2(beta2), epsilon(epsilon) {}
  void step(const Params& params) override;
  std::string name() const override;

  Real beta1;    // decay of the gradient's running average m, in [0, 1)
  Real beta2;    // decay of the squared gradient's running average v, in [0, 1)
  Real epsilon;  // keeps the division finite where v is zero

 protected:
  void init_state(const Params& params) override {
    m_ = zeros_like(params);
    v_ = zeros_like(params);
  }

 private:
  std::vector<Mat> m_;  // per parameter, shaped like it
  std::vector<Mat> v_;  // per parameter, shaped like it
};

}  // namespace nn

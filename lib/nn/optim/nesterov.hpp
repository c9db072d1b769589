// Nesterov accelerated gradient (Nesterov 1983; Sutskever et al. 2013): momentum
// that takes its gradient at the point the velocity is about to carry w to:
//
//   v <- beta v - learning_rate dLoss/dw(w + beta v);   w <- w + v
//
// Backward gives the gradient at w, not at w + beta v, so we keep the parameters
// at the look-ahead point instead (Bengio et al. 2012, as in CS231n): with g the
// gradient there,
//
//   v_prev = v
//   v     <- beta v - learning_rate g          (v starts at zero)
//   w     <- w - beta v_prev + (1 + beta) v
#pragma once

#include <vector>

#include "nn/optim/optimizer.hpp"

namespace nn {

class Nesterov : public Optimizer {
 public:
  explicit Nesterov(Real learning_rate = 0.01, Real beta = 0.9, Real weight_decay = 0)
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

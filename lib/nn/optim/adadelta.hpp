// AdaDelta (Zeiler 2012, "ADADELTA: an adaptive learning rate method", algorithm 1):
// RMSProp whose step size is a running RMS of its own past steps, so it needs no
// learning rate (and its steps have the units of w):
//
//   Eg  <- rho Eg + (1 - rho) g^2                              (Eg, Edx start at zero)
//   dx   = -sqrt(Edx + epsilon) / sqrt(Eg + epsilon) * g       (element-wise)
//   Edx <- rho Edx + (1 - rho) dx^2
//   w   <- w + learning_rate dx
//
// learning_rate (default 1, Zeiler's method exactly) only scales the applied step;
// Edx accumulates the unscaled dx, as in PyTorch.
#pragma once

#include <vector>

#include "nn/optim/optimizer.hpp"

namespace nn {

class AdaDelta : public Optimizer {
 public:
  explicit AdaDelta(Real learning_rate = 1.0, Real rho = 0.95, Real epsilon = 1e-6,
                    Real weight_decay = 0)
      : Optimizer(learning_rate, weight_decay), rho(rho), epsilon(epsilon) {}
  void step(const Params& params) override;
  std::string name() const override;

  Real rho;      // decay of both running averages, in [0, 1)
  Real epsilon;  // starts the steps off (Edx is zero at first) and keeps division finite

 protected:
  void init_state(const Params& params) override {
    mean_square_grad_ = zeros_like(params);
    mean_square_step_ = zeros_like(params);
  }

 private:
  std::vector<Mat> mean_square_grad_;  // Eg per parameter, shaped like it
  std::vector<Mat> mean_square_step_;  // Edx per parameter, shaped like it
};

}  // namespace nn

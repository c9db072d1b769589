// Huber loss: quadratic near the target, linear far from it. Per element, with d = pred - target,
// h(d) = d^2 / 2 where |d| <= delta, else delta (|d| - delta / 2); L = 1/(N K) sum h(d).
#pragma once

#include "nn/core/loss.hpp"

namespace nn {

class HuberLoss : public Loss {
 public:
  explicit HuberLoss(Real delta = 1.0) : delta_(delta) {}

  Real forward(const Mat& pred, const Mat& target) override;
  Mat backward() override;
  std::string name() const override;
  Real delta() const { return delta_; }

 private:
  Real delta_;
  Mat diff_;  // pred - target, N x K
};

}  // namespace nn

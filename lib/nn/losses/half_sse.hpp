// The textbooks' half sum of squares (labs/05-linear's worked examples): for one sample,
// E = 1/2 sum_k (target_k - output_k)^2; for a batch, the mean of that over the N samples:
// L = 1/N sum_n 1/2 sum_k (t - o)^2. With N = 1 it is exactly the worked examples' E_total.
#pragma once

#include "nn/core/loss.hpp"

namespace nn {

class HalfSSELoss : public Loss {
 public:
  Real forward(const Mat& pred, const Mat& target) override;
  Mat backward() override;
  std::string name() const override { return "HalfSSELoss"; }

 private:
  Mat diff_;  // pred - target, N x K
};

}  // namespace nn

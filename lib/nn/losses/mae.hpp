// Mean absolute error: L = 1/(N K) sum |pred - target| over all N x K elements.
// Its derivative is undefined where pred = target; backward uses 0 there.
#pragma once

#include "nn/core/loss.hpp"

namespace nn {

class MAELoss : public Loss {
 public:
  Real forward(const Mat& pred, const Mat& target) override;
  Mat backward() override;
  std::string name() const override { return "MAELoss"; }

 private:
  Mat diff_;  // pred - target, N x K
};

}  // namespace nn

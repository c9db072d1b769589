// Hinge loss, the SVM's (labs/07-losses): per output, max(0, 1 - y yhat) with targets y in {-1, +1},
// summed over the K outputs and averaged over the N samples. Its derivative is undefined at
// y yhat = 1; backward uses 0 there.
#pragma once

#include "nn/core/loss.hpp"

namespace nn {

class HingeLoss : public Loss {
 public:
  Real forward(const Mat& pred, const Mat& target) override;
  Mat backward() override;
  std::string name() const override { return "HingeLoss"; }

 private:
  Mat pred_, y_;  // predictions and targets, N x K
};

}  // namespace nn

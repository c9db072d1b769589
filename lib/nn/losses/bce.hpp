// Binary cross-entropy on probabilities (labs/07-losses): per output, -y log(p) - (1 - y) log(1 - p),
// summed over the K outputs (multi-label) and averaged over the N samples.
// p is clipped to [eps, 1 - eps] so that log(0) cannot occur; prefer BCEWithLogitsLoss on
// logits, which needs no clipping.
#pragma once

#include "nn/core/loss.hpp"

namespace nn {

class BCELoss : public Loss {
 public:
  Real forward(const Mat& pred, const Mat& target) override;
  Mat backward() override;
  std::string name() const override { return "BCELoss"; }
  static constexpr Real kEps = 1e-12;  // predictions are clipped to [kEps, 1 - kEps]

 private:
  Mat p_, y_;  // clipped predictions and targets, N x K
};

}  // namespace nn

// Softmax cross-entropy on logits (labs/07-losses):
//   Y_hat = softmax(Z) per row,  L = -1/N sum_n sum_c Y_nc log Y_hat_nc,
// computed with log-sum-exp so that no exponential can overflow. Targets Y are
// one-hot rows (or probability rows: each must sum to 1). The joint derivative
// is dL/dZ = (Y_hat - Y) / N.
#pragma once

#include "nn/core/loss.hpp"

namespace nn {

class SoftmaxCrossEntropyLoss : public Loss {
 public:
  Real forward(const Mat& logits, const Mat& target) override;
  Mat backward() override;
  std::string name() const override { return "SoftmaxCrossEntropyLoss"; }

 private:
  Mat probs_, y_;  // softmax(Z) and targets, N x C
};

}  // namespace nn

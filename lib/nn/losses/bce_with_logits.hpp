// Binary cross-entropy on logits z (the sigmoid is inside the loss, labs/07-losses): per output,
// -y log(sigmoid(z)) - (1 - y) log(1 - sigmoid(z)) = max(z, 0) - z y + log(1 + e^-|z|),
// the stable form (no exponential can overflow); summed over outputs, averaged over samples.
#pragma once

#include "nn/core/loss.hpp"

namespace nn {

class BCEWithLogitsLoss : public Loss {
 public:
  Real forward(const Mat& pred, const Mat& target) override;
  Mat backward() override;
  std::string name() const override { return "BCEWithLogitsLoss"; }

 private:
  Mat z_, y_;  // logits and targets, N x K
};

}  // namespace nn

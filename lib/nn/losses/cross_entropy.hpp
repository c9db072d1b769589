// Categorical cross-entropy on probabilities (labs/07-losses): L = -1/N sum_n sum_c y_nc log p_nc,
// for a softmax output p and one-hot (or probability) targets y. p is clipped to at least eps so
// that log(0) cannot occur; prefer SoftmaxCrossEntropyLoss on logits.
#pragma once

#include "nn/core/loss.hpp"

namespace nn {

class CrossEntropyLoss : public Loss {
 public:
  Real forward(const Mat& pred, const Mat& target) override;
  Mat backward() override;
  std::string name() const override { return "CrossEntropyLoss"; }

 private:
  static constexpr Real kEps = 1e-12;
  Mat p_, y_;  // clipped probabilities and targets, N x C
};

}  // namespace nn

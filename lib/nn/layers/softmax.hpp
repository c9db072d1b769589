// Softmax over each row: Y[i, c] = e^X[i, c] / sum_k e^X[i, k]. Each row of Y
// is a probability distribution over the D classes.
// (With a cross-entropy loss, prefer SoftmaxCrossEntropyLoss on the logits:
// it is numerically safer and its gradient is simply (Y_hat - Y) / N.)
#pragma once

#include "nn/layers/activation.hpp"

namespace nn {

class Softmax : public Activation {
 public:
  Mat forward(const Mat& X) override;
  Mat backward(const Mat& dY) override;
  std::string name() const override { return "Softmax"; }
};

}  // namespace nn

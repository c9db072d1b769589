// Mean squared error: L = 1/(N K) sum (pred - target)^2 over all N x K elements,
// or with Reduction::Sum, L = sum (pred - target)^2.
#pragma once

#include "nn/core/loss.hpp"

namespace nn {

class MSELoss : public Loss {
 public:
  enum class Reduction { Mean, Sum };
  explicit MSELoss(Reduction reduction = Reduction::Mean) : reduction_(reduction) {}

  Real forward(const Mat& pred, const Mat& target) override;
  Mat backward() override;
  std::string name() const override;

 private:
  Reduction reduction_;
  Mat diff_;  // pred - target, N x K, cached by forward
};

}  // namespace nn

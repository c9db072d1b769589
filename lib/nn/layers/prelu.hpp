// Parametric ReLU (He et al. 2015): Y = X where X > 0, else alpha * X, with one
// learnable slope alpha per feature (column).
//
//   X: N x D    alpha: 1 x D    Y: N x D
#pragma once

#include "nn/layers/activation.hpp"

namespace nn {

class PReLU : public Activation {
 public:
  explicit PReLU(Index features, Real initial_slope = 0.25);

  Mat forward(const Mat& X) override;
  Mat backward(const Mat& dY) override;
  Params params() override { return {{"alpha", alpha, dalpha}}; }
  std::string name() const override;

  Mat alpha;   // 1 x D
  Mat dalpha;  // 1 x D, accumulated by backward
};

}  // namespace nn

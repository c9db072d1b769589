// Rectified linear unit: Y = max(0, X), element-wise.
#pragma once

#include "nn/layers/activation.hpp"

namespace nn {

class ReLU : public Activation {
 public:
  Mat forward(const Mat& X) override;
  Mat backward(const Mat& dY) override;
  std::string name() const override { return "ReLU"; }
};

}  // namespace nn

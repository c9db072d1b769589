// SiLU, also called Swish: Y = X sigmoid(X), element-wise.
#pragma once

#include "nn/layers/activation.hpp"

namespace nn {

class SiLU : public Activation {
 public:
  Mat forward(const Mat& X) override;
  Mat backward(const Mat& dY) override;
  std::string name() const override { return "SiLU"; }
};

}  // namespace nn

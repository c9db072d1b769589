// Leaky ReLU: Y = X where X > 0, else slope * X, element-wise.
#pragma once

#include "nn/layers/activation.hpp"

namespace nn {

class LeakyReLU : public Activation {
 public:
  explicit LeakyReLU(Real slope = 0.01) : slope_(slope) {}
  Mat forward(const Mat& X) override;
  Mat backward(const Mat& dY) override;
  std::string name() const override;

 private:
  Real slope_;
};

}  // namespace nn

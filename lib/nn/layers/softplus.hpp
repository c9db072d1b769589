// Softplus: Y = log(1 + e^X), element-wise; a smooth ReLU.
#pragma once

#include "nn/layers/activation.hpp"

namespace nn {

class Softplus : public Activation {
 public:
  Mat forward(const Mat& X) override;
  Mat backward(const Mat& dY) override;
  std::string name() const override { return "Softplus"; }
};

}  // namespace nn

// Identity: Y = X. Useful as a linear output layer (regression).
#pragma once

#include "nn/layers/activation.hpp"

namespace nn {

class Identity : public Activation {
 public:
  Mat forward(const Mat& X) override;
  Mat backward(const Mat& dY) override;
  std::string name() const override { return "Identity"; }
};

}  // namespace nn

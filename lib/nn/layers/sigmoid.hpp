// Sigmoid (logistic): Y = 1 / (1 + e^-X), element-wise. Output in (0, 1).
#pragma once

#include "nn/layers/activation.hpp"

namespace nn {

class Sigmoid : public Activation {
 public:
  Mat forward(const Mat& X) override;
  Mat backward(const Mat& dY) override;
  std::string name() const override { return "Sigmoid"; }
};

}  // namespace nn

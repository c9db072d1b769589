// Hyperbolic tangent: Y = (e^X - e^-X) / (e^X + e^-X), element-wise. Output in (-1, 1).
#pragma once

#include "nn/layers/activation.hpp"

namespace nn {

class Tanh : public Activation {
 public:
  Mat forward(const Mat& X) override;
  Mat backward(const Mat& dY) override;
  std::string name() const override { return "Tanh"; }
};

}  // namespace nn

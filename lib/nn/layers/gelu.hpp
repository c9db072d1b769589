// Gaussian error linear unit (Hendrycks & Gimpel), exact form: Y = X Phi(X), where
// Phi(x) = (1 + erf(x / sqrt 2)) / 2 is the standard normal distribution function.
#pragma once

#include "nn/layers/activation.hpp"

namespace nn {

class GELU : public Activation {
 public:
  Mat forward(const Mat& X) override;
  Mat backward(const Mat& dY) override;
  std::string name() const override { return "GELU"; }
};

}  // namespace nn

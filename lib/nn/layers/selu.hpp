// Scaled ELU (Klambauer et al. 2017): Y = scale * (X where X > 0, else alpha (e^X - 1)),
// with the paper's constants alpha = 1.6732632423543772, scale = 1.0507009873554805.
#pragma once

#include "nn/layers/activation.hpp"

namespace nn {

class SELU : public Activation {
 public:
  Mat forward(const Mat& X) override;
  Mat backward(const Mat& dY) override;
  std::string name() const override { return "SELU"; }

 private:
  static constexpr Real kAlpha = 1.6732632423543772;
  static constexpr Real kScale = 1.0507009873554805;
};

}  // namespace nn

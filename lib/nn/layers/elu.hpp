// Exponential linear unit: Y = X where X > 0, else alpha (e^X - 1), element-wise.
#pragma once

#include "nn/layers/activation.hpp"

namespace nn {

class ELU : public Activation {
 public:
  explicit ELU(Real alpha = 1.0) : alpha_(alpha) {}
  Mat forward(const Mat& X) override;
  Mat backward(const Mat& dY) override;
  std::string name() const override;

 private:
  Real alpha_;
};

}  // namespace nn

// Step (threshold) unit of the perceptron (labs/01-neurons): Y = 1 where X >= theta,
// else 0. Forward only: its derivative is 0 wherever it exists, so it gives
// gradient descent nothing to follow. A perceptron learns with the perceptron
// rule instead; to learn by backpropagation, use a smooth activation such as Sigmoid.
#pragma once

#include "nn/layers/activation.hpp"

namespace nn {

class Step : public Activation {
 public:
  explicit Step(Real theta = 0) : theta_(theta) {}

  Mat forward(const Mat& X) override;
  Mat backward(const Mat& dY) override;  // always throws std::logic_error
  std::string name() const override;

 private:
  Real theta_;
};

}  // namespace nn

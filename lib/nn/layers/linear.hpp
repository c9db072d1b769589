// Linear (fully connected) layer: Z = X W + B   (labs/05-linear)
//
//   X: N x in     W: in x out     b: 1 x out (B is b repeated on every row)
//   Z: N x out
#pragma once

#include <cstdint>

#include "nn/core/layer.hpp"

namespace nn {

class Linear : public Layer {
 public:
  // W is drawn with Xavier/Glorot uniform from `seed`, b starts at zero.
  Linear(Index in, Index out, std::uint64_t seed = 1);
  // A layer with the given weights, e.g. a worked example's (labs/05-linear).
  Linear(const Mat& W, const Mat& b);

  Mat forward(const Mat& X) override;
  Mat backward(const Mat& dZ) override;
  Params params() override;
  std::string name() const override;

  Mat W, b;    // in x out, 1 x out
  Mat dW, db;  // dLoss/dW, dLoss/db: same shapes, accumulated by backward

 private:
  Mat X_;  // N x in, cached by forward for backward
};

}  // namespace nn

#include "nn/layers/activation.hpp"

namespace nn {

Mat Activation::remember(const Mat& X, Mat Y) {
  if (X.is_empty()) throw_shape_error(name() + ".forward", "input", X, "N x D with N, D >= 1");
  X_ = X;
  Y_ = std::move(Y);
  return Y_;
}

}  // namespace nn

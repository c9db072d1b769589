#include "nn/layers/silu.hpp"

namespace nn {

// Y = X sigmoid(X)   X: N x D -> Y: N x D
Mat SiLU::forward(const Mat& X) { return remember(X, X / (1 + arma::exp(-X))); }

// dY: N x D -> dX: N x D. g'(x) = s(x) (1 + x (1 - s(x))), where s is the sigmoid.
Mat SiLU::backward(const Mat& dY) {
  require_grad(dY);
  // ---- YOUR CODE (labs/06-activations): dX (N x D) ----
  const Mat s = 1 / (1 + arma::exp(-X_));
  return dY % s % (1 + X_ % (1 - s));
  // ---- END YOUR CODE ----
}

}  // namespace nn

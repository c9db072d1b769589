#include "nn/layers/relu.hpp"

namespace nn {

// Y = X where X > 0, else 0   X: N x D -> Y: N x D
Mat ReLU::forward(const Mat& X) { return remember(X, arma::clamp(X, 0, arma::datum::inf)); }

// dY: N x D -> dX: N x D. g'(z) = 1 for z > 0, 0 for z <= 0.
Mat ReLU::backward(const Mat& dY) {
  require_grad(dY);
  // ---- YOUR CODE (labs/06-activations): dX (N x D) ----
  return dY % (X_ > 0);
  // ---- END YOUR CODE ----
}

}  // namespace nn

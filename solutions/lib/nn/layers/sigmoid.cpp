#include "nn/layers/sigmoid.hpp"

namespace nn {

// Y = 1 / (1 + e^-X)   X: N x D -> Y: N x D
Mat Sigmoid::forward(const Mat& X) { return remember(X, 1 / (1 + arma::exp(-X))); }

// dY: N x D -> dX: N x D. g'(z) = g(z) (1 - g(z)).
Mat Sigmoid::backward(const Mat& dY) {
  require_grad(dY);
  // ---- YOUR CODE (labs/06-activations): dX (N x D) ----
  return dY % Y_ % (1 - Y_);
  // ---- END YOUR CODE ----
}

}  // namespace nn

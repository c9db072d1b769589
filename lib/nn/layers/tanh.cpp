#include "nn/layers/tanh.hpp"

namespace nn {

// Y = tanh(X)   X: N x D -> Y: N x D
Mat Tanh::forward(const Mat& X) { return remember(X, arma::tanh(X)); }

// dY: N x D -> dX: N x D. g'(z) = 1 - g(z)^2.
Mat Tanh::backward(const Mat& dY) {
  require_grad(dY);
  // ---- YOUR CODE (labs/06-activations): dX (N x D) ----
  throw NotImplemented("Tanh::backward", "labs/06-activations");
  // ---- END YOUR CODE ----
}

}  // namespace nn

#include "nn/layers/gelu.hpp"

#include <cmath>

namespace nn {

// Y = X Phi(X)   X: N x D -> Y: N x D
Mat GELU::forward(const Mat& X) { return remember(X, X % (1 + arma::erf(X / std::sqrt(2.0))) / 2); }

// dY: N x D -> dX: N x D. g'(x) = Phi(x) + x phi(x), where phi(x) = e^(-x^2/2) / sqrt(2 pi) is the
// normal density.
Mat GELU::backward(const Mat& dY) {
  require_grad(dY);
  // ---- YOUR CODE (labs/06-activations): dX (N x D) ----
  const Mat Phi = (1 + arma::erf(X_ / std::sqrt(2.0))) / 2;
  const Mat phi = arma::exp(-arma::square(X_) / 2) / std::sqrt(2 * arma::datum::pi);
  return dY % (Phi + X_ % phi);
  // ---- END YOUR CODE ----
}

}  // namespace nn

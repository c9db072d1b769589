#include "nn/layers/selu.hpp"

namespace nn {

// Y = scale (X where X > 0, else alpha (e^X - 1))   X: N x D -> Y: N x D
// written as scale (max(X, 0) + alpha (e^min(X, 0) - 1)), so that e^X cannot overflow
Mat SELU::forward(const Mat& X) {
  const Mat negative = arma::clamp(X, -arma::datum::inf, 0);  // min(X, 0)
  return remember(
      X, kScale * (arma::clamp(X, 0, arma::datum::inf) + kAlpha * (arma::exp(negative) - 1)));
}

// dY: N x D -> dX: N x D. g'(x) = scale for x > 0, scale alpha e^x for x <= 0.
Mat SELU::backward(const Mat& dY) {
  require_grad(dY);
  // ---- YOUR CODE (labs/06-activations): dX (N x D) ----
  const Mat negative = arma::clamp(X_, -arma::datum::inf, 0);  // min(X, 0)
  return kScale * (dY % (X_ > 0) + kAlpha * dY % arma::exp(negative) % (X_ <= 0));
  // ---- END YOUR CODE ----
}

}  // namespace nn

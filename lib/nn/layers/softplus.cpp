#include "nn/layers/softplus.hpp"

namespace nn {

// Y = log(1 + e^X), computed as max(X, 0) + log(1 + e^-|X|) so that e^X cannot overflow   X: N x D
// -> Y: N x D
Mat Softplus::forward(const Mat& X) {
  return remember(X, arma::clamp(X, 0, arma::datum::inf) + arma::log1p(arma::exp(-arma::abs(X))));
}

// dY: N x D -> dX: N x D. g'(x) = 1 / (1 + e^-x), the sigmoid of x.
Mat Softplus::backward(const Mat& dY) {
  require_grad(dY);
  // ---- YOUR CODE (labs/06-activations): dX (N x D) ----
  throw NotImplemented("Softplus::backward", "labs/06-activations");
  // ---- END YOUR CODE ----
}

}  // namespace nn

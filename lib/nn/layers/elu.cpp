#include "nn/layers/elu.hpp"

#include <fmt/format.h>

namespace nn {

// Y = X where X > 0, else alpha (e^X - 1)   X: N x D -> Y: N x D
// written as max(X, 0) + alpha (e^min(X, 0) - 1), so that e^X cannot overflow
Mat ELU::forward(const Mat& X) {
  const Mat negative = arma::clamp(X, -arma::datum::inf, 0);  // min(X, 0)
  return remember(X, arma::clamp(X, 0, arma::datum::inf) + alpha_ * (arma::exp(negative) - 1));
}

// dY: N x D -> dX: N x D. g'(x) = 1 for x > 0, alpha e^x = g(x) + alpha for x <= 0.
Mat ELU::backward(const Mat& dY) {
  require_grad(dY);
  // ---- YOUR CODE (labs/06-activations): dX (N x D) ----
  throw NotImplemented("ELU::backward", "labs/06-activations");
  // ---- END YOUR CODE ----
}

std::string ELU::name() const { return fmt::format("ELU({:g})", alpha_); }

}  // namespace nn

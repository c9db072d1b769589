#include "nn/layers/leaky_relu.hpp"

#include <fmt/format.h>

namespace nn {

// Y = X where X > 0, else slope X   X: N x D -> Y: N x D
Mat LeakyReLU::forward(const Mat& X) { return remember(X, X % (X > 0) + slope_ * X % (X <= 0)); }

// dY: N x D -> dX: N x D. g'(x) = 1 for x > 0, slope for x <= 0.
Mat LeakyReLU::backward(const Mat& dY) {
  require_grad(dY);
  // ---- YOUR CODE (labs/06-activations): dX (N x D) ----
  throw NotImplemented("LeakyReLU::backward", "labs/06-activations");
  // ---- END YOUR CODE ----
}

std::string LeakyReLU::name() const { return fmt::format("LeakyReLU({:g})", slope_); }

}  // namespace nn

#include "nn/layers/prelu.hpp"

#include <fmt/format.h>

namespace nn {

PReLU::PReLU(Index features, Real initial_slope)
    : alpha(1, features, arma::fill::value(initial_slope)),
      dalpha(1, features, arma::fill::zeros) {}

// Y = X where X > 0, else alpha X (alpha of that column)   X: N x D -> Y: N x D
Mat PReLU::forward(const Mat& X) {
  require_input_cols(X, alpha.n_cols);
  Mat negative = X % (X <= 0);  // N x D: X where X <= 0, else 0
  negative.each_row() %= alpha;
  return remember(X, X % (X > 0) + negative);
}

// dY: N x D -> dX: N x D. Adds dLoss/dalpha (1 x D) into dalpha: the slope of a
// column is shared by every sample, so its gradient sums over the batch.
Mat PReLU::backward(const Mat& dY) {
  require_grad(dY);
  // ---- YOUR CODE (labs/06-activations): dX (N x D); dalpha += (1 x D) ----
  throw NotImplemented("PReLU::backward", "labs/06-activations");
  // ---- END YOUR CODE ----
}

std::string PReLU::name() const { return fmt::format("PReLU({})", alpha.n_cols); }

}  // namespace nn

#include "nn/layers/dropout.hpp"

#include <fmt/format.h>

namespace nn {

Dropout::Dropout(Real p, std::uint64_t seed) : p_(p), rng_(seed) {
  if (!(p >= 0 && p < 1))
    throw std::invalid_argument(fmt::format("Dropout: p = {} must be in [0, 1)", p));
}

// Y = X o mask   X: N x D -> Y: N x D
Mat Dropout::forward(const Mat& X) {
  const bool reuse = frozen_ && mask_.n_rows == X.n_rows && mask_.n_cols == X.n_cols;
  if (!training()) {
    mask_.ones(X.n_rows, X.n_cols);
  } else if (!reuse) {
    mask_ = rng_.uniform(X.n_rows, X.n_cols, 0, 1);
    mask_.transform([&](Real u) { return u < p_ ? 0.0 : 1 / (1 - p_); });
  }
  return remember(X, X % mask_);
}

// dY: N x D -> dX: N x D. Only the units kept in forward pass their gradient on.
Mat Dropout::backward(const Mat& dY) {
  require_grad(dY);
  // ---- YOUR CODE (labs/10-regularisation): dX (N x D) ----
  return dY % mask_;
  // ---- END YOUR CODE ----
}

std::string Dropout::name() const { return fmt::format("Dropout({:g})", p_); }

}  // namespace nn

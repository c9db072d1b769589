#include "nn/layers/linear.hpp"

#include <fmt/format.h>

#include "nn/init/init.hpp"

namespace nn {

Linear::Linear(Index in, Index out, std::uint64_t seed) {
  Rng rng(seed);
  W = init::xavier_uniform(in, out, rng);
  b = init::zeros(1, out);
  dW = init::zeros(in, out);
  db = init::zeros(1, out);
}

Linear::Linear(const Mat& W_, const Mat& b_) : W(W_), b(b_) {
  require_shape(b.n_rows == 1 && b.n_cols == W.n_cols, "Linear", "b", b,
                fmt::format("1x{} (one bias per column of W)", W.n_cols));
  dW = init::zeros(W.n_rows, W.n_cols);
  db = init::zeros(1, W.n_cols);
}

// Z = X W + B   X: N x in -> Z: N x out
Mat Linear::forward(const Mat& X) {
  require_input_cols(X, W.n_rows);
  X_ = X;
  Mat Z = X * W;  // N x out
  Z.each_row() += b;
  return Z;
}

// dZ: N x out -> dX: N x in. Adds dLoss/dW into dW and dLoss/db into db.
Mat Linear::backward(const Mat& dZ) {
  require_grad_shape(dZ, X_, X_.n_rows, W.n_cols);
  // ---- YOUR CODE (labs/05-linear): dX (N x in); dW += (in x out); db += (1 x out) ----
  dW += X_.t() * dZ;       // dLoss/dW = X^T dLoss/dZ
  db += arma::sum(dZ, 0);  // dLoss/db = 1^T dLoss/dZ: summed over the batch
  if (!input_grad_needed()) return Mat(arma::size(X_), arma::fill::zeros);  // not used
  return dZ * W.t();       // dLoss/dX = dLoss/dZ W^T
  // ---- END YOUR CODE ----
}

Params Linear::params() { return {{"W", W, dW}, {"b", b, db}}; }

std::string Linear::name() const { return fmt::format("Linear({}->{})", W.n_rows, W.n_cols); }

}  // namespace nn

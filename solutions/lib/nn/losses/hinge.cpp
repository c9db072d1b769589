#include "nn/losses/hinge.hpp"

namespace nn {

// L = 1/N sum max(0, 1 - y yhat)   pred, target: N x K
Real HingeLoss::forward(const Mat& pred, const Mat& target) {
  require_same_shape(pred, target);
  if (!arma::all(arma::vectorise(arma::abs(target) == 1)))
    throw std::invalid_argument(name() + ".forward: targets must be -1 or +1");
  pred_ = pred;
  y_ = target;
  return arma::accu(arma::clamp(1 - y_ % pred_, 0, arma::datum::inf)) / pred_.n_rows;
}

// -> dL/dyhat: N x K
Mat HingeLoss::backward() {
  require_forward_done(pred_);
  // ---- YOUR CODE (labs/07-losses): dPred (N x K) ----
  return -y_ % (1 - y_ % pred_ > 0) / pred_.n_rows;
  // ---- END YOUR CODE ----
}

}  // namespace nn

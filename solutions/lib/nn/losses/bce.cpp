#include "nn/losses/bce.hpp"

namespace nn {

// L = -1/N sum [y log p + (1 - y) log(1 - p)]   pred, target: N x K
Real BCELoss::forward(const Mat& pred, const Mat& target) {
  require_same_shape(pred, target);
  p_ = arma::clamp(pred, kEps, 1 - kEps);
  y_ = target;
  return -arma::accu(y_ % arma::log(p_) + (1 - y_) % arma::log(1 - p_)) / p_.n_rows;
}

// -> dL/dp: N x K
Mat BCELoss::backward() {
  require_forward_done(p_);
  // ---- YOUR CODE (labs/07-losses): dPred (N x K) ----
  return -(y_ / p_ - (1 - y_) / (1 - p_)) / p_.n_rows;
  // ---- END YOUR CODE ----
}

}  // namespace nn

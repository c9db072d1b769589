#include "nn/losses/cross_entropy.hpp"

namespace nn {

// L = -1/N sum y log p   pred, target: N x K
Real CrossEntropyLoss::forward(const Mat& pred, const Mat& target) {
  require_same_shape(pred, target);
  p_ = arma::clamp(pred, kEps, arma::datum::inf);
  y_ = target;
  return -arma::accu(y_ % arma::log(p_)) / p_.n_rows;
}

// -> dL/dp: N x C
Mat CrossEntropyLoss::backward() {
  require_forward_done(p_);
  // ---- YOUR CODE (labs/07-losses): dPred (N x K) ----
  throw NotImplemented("CrossEntropyLoss::backward", "labs/07-losses");
  // ---- END YOUR CODE ----
}

}  // namespace nn

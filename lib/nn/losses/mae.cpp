#include "nn/losses/mae.hpp"

namespace nn {

// L = 1/(N K) sum |pred - target|   pred, target: N x K
Real MAELoss::forward(const Mat& pred, const Mat& target) {
  require_same_shape(pred, target);
  diff_ = pred - target;
  return arma::accu(arma::abs(diff_)) / diff_.n_elem;
}

// -> dL/dpred: N x K
Mat MAELoss::backward() {
  require_forward_done(diff_);
  // ---- YOUR CODE (labs/07-losses): dPred (N x K) ----
  throw NotImplemented("MAELoss::backward", "labs/07-losses");
  // ---- END YOUR CODE ----
}

}  // namespace nn

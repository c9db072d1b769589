#include "nn/losses/softmax_cross_entropy.hpp"

namespace nn {

// L = 1/N sum_n [logsumexp(Z_n) - sum_c Y_nc Z_nc]   logits, target: N x C
Real SoftmaxCrossEntropyLoss::forward(const Mat& logits, const Mat& target) {
  require_same_shape(logits, target);
  if (arma::any(arma::abs(arma::sum(target, 1) - 1) > 1e-6))
    throw std::invalid_argument(name() +
                                ".forward: each target row must sum to 1 (one-hot labels, or "
                                "probabilities); use one_hot() to turn class indices into rows");
  Mat shifted = logits;
  shifted.each_col() -= arma::max(logits, 1);  // log-sum-exp: the row maximum cancels
  const arma::vec log_sum = arma::log(arma::sum(arma::exp(shifted), 1));  // N x 1
  Mat log_probs = shifted;
  log_probs.each_col() -= log_sum;  // log softmax, N x C
  probs_ = arma::exp(log_probs);
  y_ = target;
  return -arma::accu(y_ % log_probs) / logits.n_rows;
}

// -> dL/dZ: N x C
Mat SoftmaxCrossEntropyLoss::backward() {
  require_forward_done(probs_);
  // ---- YOUR CODE (labs/07-losses): dLogits (N x C) ----
  throw NotImplemented("SoftmaxCrossEntropyLoss::backward", "labs/07-losses");
  // ---- END YOUR CODE ----
}

}  // namespace nn

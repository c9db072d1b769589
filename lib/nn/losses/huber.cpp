#include "nn/losses/huber.hpp"

#include <fmt/format.h>

namespace nn {

// L = 1/(N K) sum h(pred - target)   pred, target: N x K
Real HuberLoss::forward(const Mat& pred, const Mat& target) {
  require_same_shape(pred, target);
  diff_ = pred - target;
  const Mat a = arma::abs(diff_);
  const Mat h =
      (a <= delta_) % arma::square(diff_) / 2 + (a > delta_) % (delta_ * (a - delta_ / 2));
  return arma::accu(h) / diff_.n_elem;
}

// -> dL/dpred: N x K. h'(d) = d where |d| <= delta, else delta sign(d).
Mat HuberLoss::backward() {
  require_forward_done(diff_);
  // ---- YOUR CODE (labs/07-losses): dPred (N x K) ----
  throw NotImplemented("HuberLoss::backward", "labs/07-losses");
  // ---- END YOUR CODE ----
}

std::string HuberLoss::name() const { return fmt::format("HuberLoss({:g})", delta_); }

}  // namespace nn

#include "nn/losses/mse.hpp"

namespace nn {

// L = 1/(N K) sum (pred - target)^2   (Sum: without the 1/(N K))
Real MSELoss::forward(const Mat& pred, const Mat& target) {
  require_same_shape(pred, target);
  diff_ = pred - target;
  const Real total = arma::accu(arma::square(diff_));
  return reduction_ == Reduction::Mean ? total / diff_.n_elem : total;
}

// -> dL/dpred: N x K
Mat MSELoss::backward() {
  require_forward_done(diff_);
  // ---- YOUR CODE (labs/07-losses): dPred (N x K) ----
  const Real scale = reduction_ == Reduction::Mean ? 2.0 / diff_.n_elem : 2.0;
  return scale * diff_;
  // ---- END YOUR CODE ----
}

std::string MSELoss::name() const {
  return reduction_ == Reduction::Mean ? "MSELoss(mean)" : "MSELoss(sum)";
}

}  // namespace nn

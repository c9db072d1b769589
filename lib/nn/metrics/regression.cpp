#include "nn/metrics/regression.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "nn/core/errors.hpp"

namespace nn::metrics {
namespace {

// pred - target, after checking the shapes.
Mat difference(const std::string& who, const Mat& pred, const Mat& target) {
  require_shape(pred.n_rows == target.n_rows && pred.n_cols == target.n_cols, who, "pred", pred,
                shape_of(target) + " (the target's shape)");
  if (pred.is_empty()) throw std::invalid_argument(who + ": no values");
  return pred - target;
}

}  // namespace

Real mse(const Mat& pred, const Mat& target) {
  const Mat diff = difference("mse", pred, target);
  return arma::accu(arma::square(diff)) / static_cast<Real>(diff.n_elem);
}

Real mae(const Mat& pred, const Mat& target) {
  const Mat diff = difference("mae", pred, target);
  return arma::accu(arma::abs(diff)) / static_cast<Real>(diff.n_elem);
}

Real rmse(const Mat& pred, const Mat& target) {
  const Mat diff = difference("rmse", pred, target);
  return std::sqrt(arma::accu(arma::square(diff)) / static_cast<Real>(diff.n_elem));
}

}  // namespace nn::metrics

#include "08-training/features.hpp"

#include <armadillo>

#include "nn/core/errors.hpp"

namespace lab08 {

nn::Mat cross_features(const nn::Mat& X) {
  nn::require_shape(X.n_cols == 2, "cross_features", "X", X, "N x 2");
  const arma::vec x1 = X.col(0), x2 = X.col(1);  // N x 1 each
  return arma::join_rows(arma::join_rows(x1, x2, x1 % x1, x2 % x2),
                         arma::join_rows(x1 % x2, arma::sin(x1), arma::sin(x2)));
}

std::vector<std::string> cross_feature_names() {
  return {"x1", "x2", "x1^2", "x2^2", "x1 x2", "sin x1", "sin x2"};
}

}  // namespace lab08

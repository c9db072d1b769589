#include "nn/data/standard_scaler.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "nn/core/errors.hpp"

namespace nn::data {

void StandardScaler::fit(const Mat& X_train) {
  if (X_train.n_rows == 0) throw std::invalid_argument("StandardScaler::fit: X_train has no rows");
  mean_ = arma::mean(X_train, 0);
  std_ = arma::stddev(X_train, 1, 0);  // norm_type 1: divide by N
}

Mat StandardScaler::transform(const Mat& X) const {
  if (mean_.is_empty()) throw std::logic_error("StandardScaler::transform called before fit");
  require_shape(X.n_cols == mean_.n_cols, "StandardScaler::transform", "X", X,
                fmt::format("N x {} (as fitted)", mean_.n_cols));
  arma::rowvec sigma = std_;  // 1 x D
  sigma.replace(0.0, 1.0);
  Mat scaled = X;  // M x D
  scaled.each_row() -= mean_;
  scaled.each_row() /= sigma;
  return scaled;
}

Mat StandardScaler::fit_transform(const Mat& X_train) {
  fit(X_train);
  return transform(X_train);
}

}  // namespace nn::data

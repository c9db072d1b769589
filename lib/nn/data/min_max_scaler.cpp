#include "nn/data/min_max_scaler.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "nn/core/errors.hpp"

namespace nn::data {

MinMaxScaler::MinMaxScaler(Real a, Real b) : a_(a), b_(b) {
  if (!(a < b))
    throw std::invalid_argument(fmt::format("MinMaxScaler: need a < b, got [{}, {}]", a, b));
}

void MinMaxScaler::fit(const Mat& X_train) {
  if (X_train.n_rows == 0) throw std::invalid_argument("MinMaxScaler::fit: X_train has no rows");
  min_ = arma::min(X_train, 0);
  max_ = arma::max(X_train, 0);
}

Mat MinMaxScaler::transform(const Mat& X) const {
  if (min_.is_empty()) throw std::logic_error("MinMaxScaler::transform called before fit");
  require_shape(X.n_cols == min_.n_cols, "MinMaxScaler::transform", "X", X,
                fmt::format("N x {} (as fitted)", min_.n_cols));
  arma::rowvec range = max_ - min_;  // 1 x D
  range.replace(0.0, 1.0);
  Mat scaled = X;  // M x D
  scaled.each_row() -= min_;
  scaled.each_row() /= range;
  return a_ + scaled * (b_ - a_);
}

Mat MinMaxScaler::fit_transform(const Mat& X_train) {
  fit(X_train);
  return transform(X_train);
}

}  // namespace nn::data

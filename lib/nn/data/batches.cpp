#include "nn/data/batches.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "nn/core/errors.hpp"
#include "nn/data/shuffle.hpp"

namespace nn::data {

Batches::Batches(const Mat& X, const Mat& Y, Index batch_size, std::uint64_t seed, bool shuffle)
    : X_(X), Y_(Y), batch_size_(batch_size), shuffle_(shuffle), rng_(seed) {
  require_shape(Y.n_rows == X.n_rows, "Batches", "Y", Y,
                fmt::format("{} rows, one per row of X", X.n_rows));
  if (batch_size == 0) throw std::invalid_argument("Batches: batch_size must be at least 1");
  start_epoch();
}

void Batches::start_epoch() {
  const Index n = X_.n_rows();
  if (shuffle_) {
    order_ = permutation(n, rng_);
  } else {
    order_.set_size(n);
    for (Index i = 0; i < n; ++i) order_(i) = i;
  }
  position_ = 0;
}

bool Batches::next(Mat& Xb, Mat& Yb) {
  if (position_ >= order_.n_elem) {
    start_epoch();
    return false;
  }
  const Index size = std::min(batch_size_, order_.n_elem - position_);
  X_.rows(order_, position_, size, Xb);  // B x D
  Y_.rows(order_, position_, size, Yb);  // B x K
  position_ += size;
  return true;
}

Index Batches::batches_per_epoch() const {
  const Index n = X_.n_rows();
  return n == 0 ? 0 : (n - 1) / batch_size_ + 1;
}

}  // namespace nn::data

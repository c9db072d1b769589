// Mini-batches for one epoch after another, each epoch in a new random order.
//
//   data::Batches batches(X, Y, 32, seed);   // X: N x D, Y: N x C (one-hot or targets)
//   for (int epoch = 0; epoch < 10; ++epoch)
//     while (batches.next(Xb, Yb)) { ... }   // Xb: B x D, Yb: B x C
//
// next() returns false once an epoch's batches are used up; the call after that
// starts the next epoch, reshuffled. Every batch has batch_size rows except the
// last of an epoch, which has the remainder (N % batch_size rows, if not 0).
// Full batch: batch_size = full_batch (or any size >= N); one sample at a time
// (stochastic gradient descent): batch_size = 1.
#pragma once

#include <cstdint>
#include <limits>

#include "nn/core/rng.hpp"
#include "nn/data/row_gather.hpp"

namespace nn::data {

inline constexpr Index full_batch = std::numeric_limits<Index>::max();

class Batches {
 public:
  // Keeps copies of X (N x D) and Y (N x K), transposed for quick batches
  // (nn/data/row_gather.hpp). shuffle = false keeps the rows in order.
  Batches(const Mat& X, const Mat& Y, Index batch_size, std::uint64_t seed, bool shuffle = true);

  // Puts the next batch's rows in Xb (B x D) and Yb (B x K) and returns true, or
  // returns false at the end of an epoch (leaving Xb and Yb alone).
  bool next(Mat& Xb, Mat& Yb);

  // ceil(N / batch_size): the number of batches in an epoch.
  Index batches_per_epoch() const;

 private:
  void start_epoch();

  RowGather X_, Y_;
  Index batch_size_;
  bool shuffle_;
  Rng rng_;
  arma::uvec order_;    // this epoch's row order
  Index position_ = 0;  // the first row of order_ not yet in a batch
};

}  // namespace nn::data

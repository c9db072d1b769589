// Picks rows out of a large matrix quickly: the mini-batches of an epoch.
//
//   data::RowGather gather(X);       // X: N x D, copied once, transposed
//   gather.rows(indices, Xb);        // Xb = X.rows(indices): B x D
//
// Why not X.rows(indices)? Armadillo stores a matrix column by column, so the D
// values of one row lie N apart in memory, and B random rows touch B x D
// scattered cache lines. On Fashion-MNIST (60000 x 784) that took about a quarter
// of a training epoch. The transposed copy (D x N) keeps each row's values side by
// side: a batch is B contiguous copies and one transpose of the small result.
#pragma once

#include "nn/core/types.hpp"

namespace nn::data {

class RowGather {
 public:
  explicit RowGather(const Mat& X);

  // out = X.rows(indices(first), ..., indices(first + count - 1)): count x D.
  // Reuses out's memory when it already has that shape.
  void rows(const arma::uvec& indices, Index first, Index count, Mat& out);

  Index n_rows() const { return X_t_.n_cols; }
  Index n_cols() const { return X_t_.n_rows; }

 private:
  Mat X_t_;      // D x N: column i is row i of X
  Mat batch_t_;  // D x B: the batch before its transpose
};

}  // namespace nn::data

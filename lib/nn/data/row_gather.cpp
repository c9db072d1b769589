#include "nn/data/row_gather.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace nn::data {

RowGather::RowGather(const Mat& X) : X_t_(X.t()) {}

void RowGather::rows(const arma::uvec& indices, Index first, Index count, Mat& out) {
  if (first + count > indices.n_elem)
    throw std::out_of_range(fmt::format("RowGather: indices {}..{} of {}", first,
                                        first + count - 1, indices.n_elem));
  batch_t_.set_size(X_t_.n_rows, count);  // D x B
  for (Index i = 0; i < count; ++i) {
    const Index row = indices(first + i);
    if (row >= X_t_.n_cols)
      throw std::out_of_range(fmt::format("RowGather: row {} of a matrix with {} rows", row,
                                          X_t_.n_cols));
    std::copy_n(X_t_.colptr(row), X_t_.n_rows, batch_t_.colptr(i));
  }
  out = batch_t_.t();  // B x D
}

}  // namespace nn::data

#include "nn/core/layer.hpp"

#include <fmt/format.h>

namespace nn {

void Layer::require_input_cols(const Mat& X, Index cols) const {
  if (X.n_cols != cols || X.n_rows == 0)
    throw_shape_error(name() + ".forward", "input", X, fmt::format("N x {} (N >= 1)", cols));
}

void Layer::require_grad_shape(const Mat& dY, const Mat& cache, Index rows, Index cols) const {
  if (cache.is_empty())
    throw std::logic_error(name() + ".backward: called before forward (nothing is cached)");
  if (dY.n_rows != rows || dY.n_cols != cols)
    throw_shape_error(name() + ".backward", "dY", dY,
                      fmt::format("{}x{} (the shape of forward's output)", rows, cols));
}

}  // namespace nn

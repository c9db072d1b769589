#include "nn/core/loss.hpp"

namespace nn {

void Loss::require_same_shape(const Mat& pred, const Mat& target) const {
  if (pred.is_empty()) throw_shape_error(name() + ".forward", "pred", pred, "N x K with N, K >= 1");
  if (pred.n_rows != target.n_rows || pred.n_cols != target.n_cols)
    throw_shape_error(name() + ".forward", "target", target,
                      shape_of(pred) + " (the shape of pred)");
}

void Loss::require_forward_done(const Mat& cache) const {
  if (cache.is_empty())
    throw std::logic_error(name() + ".backward: called before forward (nothing is cached)");
}

}  // namespace nn

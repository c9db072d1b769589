#include "nn/data/labels.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace nn::data {

Mat one_hot(const Labels& y, Index n_classes) {
  Mat Y(y.n_elem, n_classes, arma::fill::zeros);  // N x C
  for (Index i = 0; i < y.n_elem; ++i) {
    if (y(i) >= n_classes)
      throw std::invalid_argument(
          fmt::format("one_hot: sample {} has class index {}, expected an index in [0, {})", i,
                      y(i), n_classes));
    Y(i, y(i)) = 1;
  }
  return Y;
}

Labels argmax(const Mat& scores) {
  const arma::Col<arma::uword> columns = arma::index_max(scores, 1);  // N: per row
  return columns;
}

}  // namespace nn::data

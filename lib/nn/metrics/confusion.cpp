#include "nn/metrics/confusion.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace nn::metrics {

arma::umat confusion_matrix(const Labels& y_true, const Labels& y_pred, Index n_classes) {
  if (y_true.n_elem != y_pred.n_elem)
    throw std::invalid_argument(fmt::format("confusion_matrix: {} true labels but {} predictions",
                                            y_true.n_elem, y_pred.n_elem));
  arma::umat counts(n_classes, n_classes, arma::fill::zeros);  // C x C
  for (Index i = 0; i < y_true.n_elem; ++i) {
    if (y_true(i) >= n_classes || y_pred(i) >= n_classes)
      throw std::invalid_argument(fmt::format(
          "confusion_matrix: sample {} has true class {} and prediction {}, expected both in "
          "[0, {})",
          i, y_true(i), y_pred(i), n_classes));
    ++counts(y_true(i), y_pred(i));
  }
  return counts;
}

}  // namespace nn::metrics

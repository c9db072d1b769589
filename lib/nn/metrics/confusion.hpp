// The confusion matrix: how often each true class was predicted as each class.
#pragma once

#include "nn/data/labels.hpp"

namespace nn::metrics {

// y_true, y_pred: N class indices in [0, n_classes) -> n_classes x n_classes
// counts, C(t, p) = the number of samples of true class t predicted as p
// (rows: true classes, columns: predictions; the diagonal counts the correct ones).
// Throws std::invalid_argument on different lengths or an index >= n_classes.
arma::umat confusion_matrix(const Labels& y_true, const Labels& y_pred, Index n_classes);

}  // namespace nn::metrics

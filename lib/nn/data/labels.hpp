// Class labels in their two forms, and the conversions between them.
//
//   Labels:  N class indices, one per sample, each in [0, C)
//   one-hot: N x C matrix, row i is all zeros except a 1 in column y(i)
//            (the form a softmax output and a cross-entropy loss use)
#pragma once

#include "nn/core/types.hpp"

namespace nn {

using Labels = arma::Col<Index>;

namespace data {

// y: N indices in [0, n_classes) -> N x n_classes one-hot matrix.
// Throws std::invalid_argument naming the sample if an index is >= n_classes.
Mat one_hot(const Labels& y, Index n_classes);

// scores: N x C (one-hot rows, probabilities or raw scores) -> N indices, each
// the column of its row's largest value (the first one on a tie).
Labels argmax(const Mat& scores);

}  // namespace data
}  // namespace nn

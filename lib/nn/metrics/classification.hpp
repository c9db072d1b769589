// Classification metrics, from class indices (or from scores N x C, whose row
// argmax is the prediction).
//
// Per class k, from the confusion matrix C (rows true, columns predicted):
//   precision_k = C(k,k) / sum_t C(t,k)   of the samples predicted k, the share truly k
//   recall_k    = C(k,k) / sum_p C(k,p)   of the samples truly k, the share predicted k
//   F1_k        = 2 precision_k recall_k / (precision_k + recall_k)
// Conventions where a ratio would be 0/0: a class never predicted has precision
// 0; a class absent from y_true has recall 0; F1 is 0 when precision + recall = 0.
// (scikit-learn's zero_division=0.) Macro averages are the plain means over all
// n_classes classes, such classes included.
#pragma once

#include "nn/data/labels.hpp"

namespace nn::metrics {

// The share of samples whose prediction is the true class, in [0, 1].
Real accuracy(const Labels& y_true, const Labels& y_pred);
// scores: N x C; the prediction is each row's argmax.
Real accuracy(const Mat& scores, const Labels& y_true);

// The share of samples whose true class is among the k highest scores of its
// row. Ties count in the sample's favour: the true class is in the top k if
// fewer than k classes score strictly higher. top_k_accuracy(S, y, 1) is
// accuracy(S, y) when there are no ties.
Real top_k_accuracy(const Mat& scores, const Labels& y_true, Index k);

struct ClassReport {
  arma::vec precision, recall, f1;  // C each, entry k for class k
  arma::uvec support;               // C: the number of true samples of each class
  Real macro_precision = 0, macro_recall = 0, macro_f1 = 0;
};

// Per-class and macro precision, recall and F1 (see the top of this file).
ClassReport classification_report(const Labels& y_true, const Labels& y_pred, Index n_classes);
ClassReport classification_report(const arma::umat& confusion);  // C x C, rows true

}  // namespace nn::metrics

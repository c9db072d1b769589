#include "nn/metrics/classification.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "nn/metrics/confusion.hpp"

namespace nn::metrics {
namespace {

void require_same_length(const char* who, Index n_true, Index n_pred) {
  if (n_true != n_pred)
    throw std::invalid_argument(
        fmt::format("{}: {} true labels but {} predictions", who, n_true, n_pred));
}

// numerator / denominator, or 0 when the denominator is 0 (the documented convention).
Real ratio_or_zero(Real numerator, Real denominator) {
  return denominator == 0 ? 0 : numerator / denominator;
}

}  // namespace

Real accuracy(const Labels& y_true, const Labels& y_pred) {
  require_same_length("accuracy", y_true.n_elem, y_pred.n_elem);
  if (y_true.is_empty()) throw std::invalid_argument("accuracy: no samples");
  return static_cast<Real>(arma::accu(y_true == y_pred)) / static_cast<Real>(y_true.n_elem);
}

Real accuracy(const Mat& scores, const Labels& y_true) {
  return accuracy(y_true, data::argmax(scores));
}

Real top_k_accuracy(const Mat& scores, const Labels& y_true, Index k) {
  require_same_length("top_k_accuracy", y_true.n_elem, scores.n_rows);
  if (y_true.is_empty()) throw std::invalid_argument("top_k_accuracy: no samples");
  Index hits = 0;
  for (Index i = 0; i < scores.n_rows; ++i) {
    if (y_true(i) >= scores.n_cols)
      throw std::invalid_argument(
          fmt::format("top_k_accuracy: sample {} has true class {}, but scores has {} columns", i,
                      y_true(i), scores.n_cols));
    const Real true_score = scores(i, y_true(i));
    const Index higher = arma::accu(scores.row(i) > true_score);  // classes ranked above it
    if (higher < k) ++hits;
  }
  return static_cast<Real>(hits) / static_cast<Real>(y_true.n_elem);
}

ClassReport classification_report(const Labels& y_true, const Labels& y_pred, Index n_classes) {
  return classification_report(confusion_matrix(y_true, y_pred, n_classes));
}

ClassReport classification_report(const arma::umat& confusion) {
  const Index n_classes = confusion.n_rows;
  if (confusion.n_cols != n_classes || n_classes == 0)
    throw std::invalid_argument(fmt::format(
        "classification_report: the confusion matrix is {}x{}, expected C x C with C >= 1",
        confusion.n_rows, confusion.n_cols));
  const arma::urowvec predicted = arma::sum(confusion, 0);  // 1 x C: column sums
  const arma::ucolvec actual = arma::sum(confusion, 1);     // C x 1: row sums
  ClassReport report;
  report.precision.set_size(n_classes);
  report.recall.set_size(n_classes);
  report.f1.set_size(n_classes);
  report.support = actual;
  for (Index k = 0; k < n_classes; ++k) {
    const Real correct = static_cast<Real>(confusion(k, k));
    const Real p = ratio_or_zero(correct, static_cast<Real>(predicted(k)));
    const Real r = ratio_or_zero(correct, static_cast<Real>(actual(k)));
    report.precision(k) = p;
    report.recall(k) = r;
    report.f1(k) = ratio_or_zero(2 * p * r, p + r);
  }
  report.macro_precision = arma::mean(report.precision);
  report.macro_recall = arma::mean(report.recall);
  report.macro_f1 = arma::mean(report.f1);
  return report;
}

}  // namespace nn::metrics

#include "11-classifier/report.hpp"

#include <fmt/format.h>

#include "nn/metrics/classification.hpp"
#include "nn/metrics/confusion.hpp"

namespace lab11 {

void print_report(const nn::Mat& scores, const nn::Labels& y,
                  const std::vector<std::string>& class_names) {
  const nn::Index C = scores.n_cols;
  const nn::Labels predicted = nn::data::argmax(scores);
  const arma::umat confusion = nn::metrics::confusion_matrix(y, predicted, C);
  const nn::metrics::ClassReport r = nn::metrics::classification_report(confusion);
  const auto name = [&](nn::Index k) {
    return k < class_names.size() ? class_names[k] : std::to_string(k);
  };

  fmt::print("accuracy {:.1f}% on {} samples\n\n", 100 * nn::metrics::accuracy(scores, y), y.n_elem);
  fmt::print("{:>3} {:>12}  {:>9}  {:>6}  {:>5}  {:>7}\n", "", "class", "precision", "recall",
             "F1", "support");
  for (nn::Index k = 0; k < C; ++k)
    fmt::print("{:>3} {:>12}  {:>9.3f}  {:>6.3f}  {:>5.3f}  {:>7}\n", k, name(k), r.precision(k),
               r.recall(k), r.f1(k), r.support(k));
  fmt::print("{:>3} {:>12}  {:>9.3f}  {:>6.3f}  {:>5.3f}\n\n", "", "macro mean", r.macro_precision,
             r.macro_recall, r.macro_f1);

  fmt::print("confusion matrix (row: true class, column: predicted class)\n    ");
  for (nn::Index p = 0; p < C; ++p) fmt::print("{:>4}", p);
  fmt::print("\n");
  for (nn::Index t = 0; t < C; ++t) {
    fmt::print("{:>3} ", t);
    for (nn::Index p = 0; p < C; ++p) fmt::print("{:>4}", confusion(t, p));
    if (!class_names.empty()) fmt::print("   {}", name(t));
    fmt::print("\n");
  }
}

}  // namespace lab11

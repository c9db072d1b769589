// Metrics against values worked out by hand (the arithmetic is in the comments).
#include <gtest/gtest.h>

#include "nn/core/errors.hpp"
#include "nn/metrics/classification.hpp"
#include "nn/metrics/confusion.hpp"
#include "nn/metrics/regression.hpp"

using namespace nn::metrics;

namespace {

// 10 samples, 3 classes:
//   true: 0 0 0 0 1 1 1 2 2 2
//   pred: 0 0 1 2 1 1 0 2 2 1
// Confusion (rows true, columns predicted):
//   true 0: predicted 0 twice, 1 once, 2 once  -> [2 1 1]
//   true 1: predicted 1, 1, 0                  -> [1 2 0]
//   true 2: predicted 2, 2, 1                  -> [0 1 2]
const nn::Labels y_true = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
const nn::Labels y_pred = {0, 0, 1, 2, 1, 1, 0, 2, 2, 1};

}  // namespace

TEST(Metrics, ConfusionMatrix) {
  const arma::umat expected = {{2, 1, 1}, {1, 2, 0}, {0, 1, 2}};
  EXPECT_TRUE(arma::all(arma::vectorise(confusion_matrix(y_true, y_pred, 3) == expected)));
  EXPECT_THROW(confusion_matrix(y_true, nn::Labels{0, 1}, 3), std::invalid_argument);
  EXPECT_THROW(confusion_matrix(y_true, y_pred, 2), std::invalid_argument);  // class 2 >= 2
}

TEST(Metrics, Accuracy) {
  // Diagonal 2 + 2 + 2 = 6 of 10.
  EXPECT_DOUBLE_EQ(accuracy(y_true, y_pred), 0.6);
}

TEST(Metrics, PrecisionRecallF1PerClassAndMacro) {
  const ClassReport r = classification_report(y_true, y_pred, 3);
  // Predicted counts (column sums): 3, 4, 3. True counts (row sums): 4, 3, 3.
  // precision = diagonal / column sum: 2/3, 2/4, 2/3
  EXPECT_DOUBLE_EQ(r.precision(0), 2.0 / 3);
  EXPECT_DOUBLE_EQ(r.precision(1), 0.5);
  EXPECT_DOUBLE_EQ(r.precision(2), 2.0 / 3);
  // recall = diagonal / row sum: 2/4, 2/3, 2/3
  EXPECT_DOUBLE_EQ(r.recall(0), 0.5);
  EXPECT_DOUBLE_EQ(r.recall(1), 2.0 / 3);
  EXPECT_DOUBLE_EQ(r.recall(2), 2.0 / 3);
  // F1_0 = 2 (2/3)(1/2) / (2/3 + 1/2) = (2/3) / (7/6) = 4/7; F1_1 likewise 4/7; F1_2 = 2/3.
  EXPECT_DOUBLE_EQ(r.f1(0), 4.0 / 7);
  EXPECT_DOUBLE_EQ(r.f1(1), 4.0 / 7);
  EXPECT_DOUBLE_EQ(r.f1(2), 2.0 / 3);
  EXPECT_EQ(r.support(0), 4u);
  EXPECT_EQ(r.support(1), 3u);
  // Macro precision = (2/3 + 1/2 + 2/3) / 3 = (11/6) / 3 = 11/18; recall the same.
  EXPECT_DOUBLE_EQ(r.macro_precision, 11.0 / 18);
  EXPECT_DOUBLE_EQ(r.macro_recall, 11.0 / 18);
  // Macro F1 = (4/7 + 4/7 + 2/3) / 3 = (24/21 + 14/21) / 3 = 38/63.
  EXPECT_DOUBLE_EQ(r.macro_f1, 38.0 / 63);
}

TEST(Metrics, ClassNeverPredictedHasPrecisionZero) {
  // true: 0 1 2 2, pred: 0 1 1 1. Class 2 is never predicted: precision 0 by
  // convention (0/0), recall 0/2 = 0, F1 0. Class 1: precision 1/3, recall 1/1.
  // Class 3 appears nowhere: precision, recall and F1 all 0, and it counts in the macro means.
  const ClassReport r = classification_report(nn::Labels{0, 1, 2, 2}, nn::Labels{0, 1, 1, 1}, 4);
  EXPECT_EQ(r.precision(2), 0.0);
  EXPECT_EQ(r.recall(2), 0.0);
  EXPECT_EQ(r.f1(2), 0.0);
  EXPECT_DOUBLE_EQ(r.precision(1), 1.0 / 3);
  EXPECT_DOUBLE_EQ(r.recall(1), 1.0);
  EXPECT_EQ(r.precision(3), 0.0);
  EXPECT_EQ(r.support(3), 0u);
  // Macro recall = (1 + 1 + 0 + 0) / 4 = 0.5.
  EXPECT_DOUBLE_EQ(r.macro_recall, 0.5);
}

TEST(Metrics, TopKAccuracy) {
  // Sample 0: true class 1 has the highest score        -> rank 0
  // Sample 1: true class 1 is second (0.3 < 0.5)         -> rank 1
  // Sample 2: true class 2 is third (0.1 < 0.3 < 0.6)    -> rank 2
  const nn::Mat scores = {{0.1, 0.7, 0.2}, {0.5, 0.3, 0.2}, {0.6, 0.3, 0.1}};
  const nn::Labels y = {1, 1, 2};
  EXPECT_DOUBLE_EQ(top_k_accuracy(scores, y, 1), 1.0 / 3);
  EXPECT_DOUBLE_EQ(top_k_accuracy(scores, y, 2), 2.0 / 3);
  EXPECT_DOUBLE_EQ(top_k_accuracy(scores, y, 3), 1.0);
  EXPECT_DOUBLE_EQ(accuracy(scores, y), 1.0 / 3);  // argmax of each row: 1, 0, 0
  // A tie counts in the sample's favour: no class scores strictly above 0.5.
  EXPECT_DOUBLE_EQ(top_k_accuracy(nn::Mat{{0.5, 0.5, 0}}, nn::Labels{1}, 1), 1.0);
}

TEST(Metrics, Regression) {
  // pred - target = [0 2; -2 -1]
  const nn::Mat pred = {{1, 2}, {3, 4}}, target = {{1, 0}, {5, 5}};
  EXPECT_DOUBLE_EQ(mse(pred, target), 9.0 / 4);  // (0 + 4 + 4 + 1) / 4
  EXPECT_DOUBLE_EQ(mae(pred, target), 5.0 / 4);  // (0 + 2 + 2 + 1) / 4
  EXPECT_DOUBLE_EQ(rmse(pred, target), 1.5);     // sqrt(9/4)
  EXPECT_THROW(mse(pred, nn::Mat{{1, 2}}), nn::ShapeError);
}

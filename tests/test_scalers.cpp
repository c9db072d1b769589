// Min-max and z-score scaling, fitted on training data only; and one-hot labels.
#include <gtest/gtest.h>

#include <cmath>

#include "nn/core/errors.hpp"
#include "nn/data/labels.hpp"
#include "nn/data/min_max_scaler.hpp"
#include "nn/data/standard_scaler.hpp"

using nn::Mat;

TEST(MinMaxScaler, FitsOnTrainAndMapsTestOutsideTheRange) {
  // Column 1 spans 0..10, column 2 spans 10..30 in the training data.
  const Mat train = {{0, 10}, {5, 20}, {10, 30}};
  nn::data::MinMaxScaler scaler(-1, 1);
  const Mat scaled = scaler.fit_transform(train);
  // X' = a + (X - Xmin)(b - a)/(Xmax - Xmin) = -1 + (X - Xmin) * 2 / range
  const Mat expected = {{-1, -1}, {0, 0}, {1, 1}};
  EXPECT_TRUE(arma::approx_equal(scaled, expected, "absdiff", 1e-12));
  // Test values beyond the training range land outside [a, b]:
  //   20 -> -1 + (20 - 0) * 2 / 10 = 3,   0 -> -1 + (0 - 10) * 2 / 20 = -2
  const Mat test = scaler.transform(Mat{{20, 0}});
  EXPECT_NEAR(test(0, 0), 3.0, 1e-12);
  EXPECT_NEAR(test(0, 1), -2.0, 1e-12);
  // The statistics are the training set's, untouched by transform.
  EXPECT_TRUE(arma::approx_equal(scaler.min(), arma::rowvec{0, 10}, "absdiff", 0));
  EXPECT_TRUE(arma::approx_equal(scaler.max(), arma::rowvec{10, 30}, "absdiff", 0));
}

TEST(MinMaxScaler, ConstantColumnMapsToA) {
  nn::data::MinMaxScaler scaler(0, 1);
  const Mat scaled = scaler.fit_transform(Mat{{3, 1}, {3, 2}});
  EXPECT_EQ(scaled(0, 0), 0.0);
  EXPECT_EQ(scaled(1, 0), 0.0);
  EXPECT_TRUE(scaled.is_finite());
}

TEST(MinMaxScaler, Misuse) {
  nn::data::MinMaxScaler scaler;
  EXPECT_THROW(scaler.transform(Mat{{1, 2}}), std::logic_error);  // before fit
  scaler.fit(Mat{{1, 2}, {3, 4}});
  EXPECT_THROW(scaler.transform(Mat{{1, 2, 3}}), nn::ShapeError);
  EXPECT_THROW(nn::data::MinMaxScaler(1, 1), std::invalid_argument);
}

TEST(StandardScaler, FitsOnTrainOnly) {
  // Column 1: 1, 2, 3 -> mean 2, population variance (1 + 0 + 1)/3 = 2/3.
  // Column 2: 10, 10, 40 -> mean 20, variance (100 + 100 + 400)/3 = 200.
  const Mat train = {{1, 10}, {2, 10}, {3, 40}};
  nn::data::StandardScaler scaler;
  const Mat scaled = scaler.fit_transform(train);
  EXPECT_NEAR(scaler.mean()(0), 2.0, 1e-12);
  EXPECT_NEAR(scaler.stddev()(0), std::sqrt(2.0 / 3), 1e-12);
  EXPECT_NEAR(scaler.mean()(1), 20.0, 1e-12);
  EXPECT_NEAR(scaler.stddev()(1), std::sqrt(200.0), 1e-12);
  EXPECT_NEAR(scaled(0, 0), -1 / std::sqrt(2.0 / 3), 1e-12);
  EXPECT_NEAR(scaled(2, 1), 20 / std::sqrt(200.0), 1e-12);
  // On the training set: mean 0, standard deviation 1 per column.
  EXPECT_TRUE(arma::approx_equal(arma::mean(scaled, 0), arma::rowvec{0, 0}, "absdiff", 1e-12));
  EXPECT_TRUE(arma::approx_equal(arma::stddev(scaled, 1, 0), arma::rowvec{1, 1}, "absdiff", 1e-12));
  // A test value uses the training statistics: (5 - 2) / sqrt(2/3).
  EXPECT_NEAR(scaler.transform(Mat{{5, 20}})(0, 0), 3 / std::sqrt(2.0 / 3), 1e-12);
  EXPECT_NEAR(scaler.transform(Mat{{5, 20}})(0, 1), 0.0, 1e-12);
}

TEST(StandardScaler, ConstantColumnAndMisuse) {
  nn::data::StandardScaler scaler;
  EXPECT_THROW(scaler.transform(Mat(1, 1, arma::fill::ones)), std::logic_error);
  const Mat scaled = scaler.fit_transform(Mat{{7, 1}, {7, 2}});
  EXPECT_EQ(scaled(0, 0), 0.0);  // (7 - 7) / 1
  EXPECT_THROW(scaler.transform(Mat(1, 1, arma::fill::ones)), nn::ShapeError);
}

TEST(Labels, OneHotAndBack) {
  const nn::Labels y = {2, 0, 1, 2};
  const Mat Y = nn::data::one_hot(y, 3);
  const Mat expected = {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
  EXPECT_TRUE(arma::approx_equal(Y, expected, "absdiff", 0));
  EXPECT_TRUE(arma::all(nn::data::argmax(Y) == y));
  // argmax of scores: the largest in each row, the first on a tie.
  const nn::Labels from_scores = nn::data::argmax(Mat{{0.1, 0.7, 0.2}, {0.5, 0.5, 0}});
  EXPECT_EQ(from_scores(0), 1u);
  EXPECT_EQ(from_scores(1), 0u);
  EXPECT_THROW(nn::data::one_hot(nn::Labels{0, 3}, 3), std::invalid_argument);
}

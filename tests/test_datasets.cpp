// The data sets committed under datasets/.
#include <gtest/gtest.h>

#include <filesystem>

#include "nn/data/csv.hpp"
#include "nn/data/fashion_mnist.hpp"
#include "test_helpers.hpp"

namespace {
const std::string datasets = std::string(NN_SOURCE_DIR) + "/datasets";
}

TEST(Datasets, Iris) {
  const nn::data::Dataset iris = nn::data::load_csv(datasets + "/iris.csv");
  ASSERT_EQ(iris.X.n_rows, 150u);
  ASSERT_EQ(iris.X.n_cols, 4u);
  EXPECT_EQ(iris.class_names, (std::vector<std::string>{"setosa", "versicolor", "virginica"}));
  for (nn::Index k = 0; k < 3; ++k) EXPECT_EQ(arma::accu(iris.y == k), 50u) << "class " << k;
  // Fisher's first flower: 5.1, 3.5, 1.4, 0.2, setosa.
  EXPECT_TRUE(arma::approx_equal(iris.X.row(0), arma::rowvec{5.1, 3.5, 1.4, 0.2}, "absdiff", 0));
  EXPECT_EQ(iris.y(0), 0u);
  // The ranges in scikit-learn's description: sepal length 4.3..7.9, petal width 0.1..2.5.
  EXPECT_DOUBLE_EQ(iris.X.col(0).min(), 4.3);
  EXPECT_DOUBLE_EQ(iris.X.col(0).max(), 7.9);
  EXPECT_DOUBLE_EQ(iris.X.col(3).min(), 0.1);
  EXPECT_DOUBLE_EQ(iris.X.col(3).max(), 2.5);
}

TEST(Datasets, Digits) {
  const nn::data::Dataset digits = nn::data::load_csv(datasets + "/digits.csv");
  // A handout's copy lacks the 450 rows the instructor holds out for grading
  // (grader/heldout/digits.csv, which the handout does not have).
  const bool handout = !std::filesystem::exists(NN_SOURCE_DIR "/grader/heldout/digits.csv");
  const nn::Index held_out = handout ? 450 : 0;
  ASSERT_EQ(digits.X.n_rows, 1797u - held_out);
  ASSERT_EQ(digits.X.n_cols, 64u);
  EXPECT_EQ(digits.n_classes(), 10u);
  EXPECT_EQ(digits.feature_names.front(), "pixel_0_0");
  EXPECT_EQ(digits.feature_names.back(), "pixel_7_7");
  EXPECT_GE(digits.X.min(), 0.0);
  EXPECT_LE(digits.X.max(), 16.0);
  EXPECT_TRUE(arma::approx_equal(digits.X, arma::round(digits.X), "absdiff", 0));
  for (nn::Index k = 0; k < 10; ++k) {  // a quarter of each class is held out
    EXPECT_GE(arma::accu(digits.y == k), handout ? 130u : 174u) << "class " << k;
    EXPECT_LE(arma::accu(digits.y == k), handout ? 137u : 183u) << "class " << k;
  }
}

TEST(Datasets, FashionMnistSubset) {
  const nn::data::TrainTest fashion =
      nn::data::load_fashion_mnist(datasets + "/fashion-mnist-small");
  EXPECT_EQ(fashion.train.X.n_rows, 1000u);
  EXPECT_EQ(fashion.train.X.n_cols, 784u);
  EXPECT_EQ(fashion.train.y.n_elem, 1000u);
  EXPECT_EQ(fashion.test.X.n_rows, 500u);
  EXPECT_EQ(fashion.test.X.n_cols, 784u);
  EXPECT_EQ(fashion.test.y.n_elem, 500u);
  EXPECT_EQ(fashion.train.class_names.size(), 10u);
  EXPECT_EQ(fashion.train.class_names[9], "Ankle boot");
  EXPECT_GE(fashion.train.X.min(), 0.0);
  EXPECT_LE(fashion.train.X.max(), 1.0);
  EXPECT_GT(fashion.train.X.max(), 0.99);  // some pixel is (nearly) white
  EXPECT_LT(fashion.train.y.max(), 10u);
  EXPECT_LT(fashion.test.y.max(), 10u);
  // Every class is in the first 1000 training images.
  for (nn::Index k = 0; k < 10; ++k) EXPECT_GT(arma::accu(fashion.train.y == k), 0u);
}

TEST(Datasets, FashionMnistMissingSaysWhichPackageToInstall) {
  const std::string message =
      test::file_error_of([] { nn::data::load_fashion_mnist("/nonexistent/fashion-mnist"); });
  test::expect_contains(message, {"/nonexistent/fashion-mnist/train-images-idx3-ubyte.gz",
                                  "not found", "apt-get install dataset-fashion-mnist"});
}

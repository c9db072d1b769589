// Splitting a data set and iterating over mini-batches.
#include <gtest/gtest.h>

#include <vector>

#include "nn/core/errors.hpp"
#include "nn/data/batches.hpp"
#include "nn/data/csv.hpp"
#include "nn/data/row_gather.hpp"
#include "nn/data/split.hpp"

using nn::Index;
using nn::Mat;
using namespace nn::data;

namespace {

// 0..n-1 once each, whatever the order.
bool covers_once(const arma::uvec& indices, Index n) {
  const arma::uvec sorted = arma::sort(indices);
  if (sorted.n_elem != n) return false;
  for (Index i = 0; i < n; ++i)
    if (sorted(i) != i) return false;
  return true;
}

arma::uvec all_parts(const SplitIndices& s) {
  return arma::join_cols(arma::join_cols(s.train, s.validation), s.test);
}

// X with row i = (i, -i), Y with row i = (2i): the batches show which rows they hold.
Mat numbered_X(Index n) {
  Mat X(n, 2);
  for (Index i = 0; i < n; ++i)
    X.row(i) = arma::rowvec{static_cast<double>(i), -static_cast<double>(i)};
  return X;
}

// Runs one epoch; returns each batch's size and appends the rows seen (column 0 of X).
std::vector<Index> epoch(Batches& batches, std::vector<Index>& rows_seen) {
  std::vector<Index> sizes;
  Mat Xb, Yb;
  while (batches.next(Xb, Yb)) {
    sizes.push_back(Xb.n_rows);
    EXPECT_EQ(Yb.n_rows, Xb.n_rows);
    EXPECT_TRUE(arma::approx_equal(Yb.col(0), 2 * Xb.col(0), "absdiff", 0)) << "rows paired";
    for (Index i = 0; i < Xb.n_rows; ++i) rows_seen.push_back(static_cast<Index>(Xb(i, 0)));
  }
  return sizes;
}

}  // namespace

TEST(Split, SizesDisjointAndCovering) {
  const SplitIndices s = split_indices(100, 0.2, 0.1, 42);
  EXPECT_EQ(s.train.n_elem, 70u);
  EXPECT_EQ(s.validation.n_elem, 20u);
  EXPECT_EQ(s.test.n_elem, 10u);
  EXPECT_TRUE(covers_once(all_parts(s), 100));  // disjoint and covering
}

TEST(Split, SeedDecides) {
  const SplitIndices a = split_indices(50, 0.2, 0.2, 1), b = split_indices(50, 0.2, 0.2, 1),
                     c = split_indices(50, 0.2, 0.2, 2);
  EXPECT_TRUE(arma::all(a.test == b.test));
  EXPECT_FALSE(arma::all(a.test == c.test));
}

TEST(Split, RejectsFractionsOverOne) {
  EXPECT_THROW(split_indices(10, 0.6, 0.5, 1), std::invalid_argument);
  EXPECT_THROW(split_indices(10, -0.1, 0.5, 1), std::invalid_argument);
}

TEST(Split, StratifiedKeepsClassProportions) {
  const Dataset iris = load_csv(std::string(NN_SOURCE_DIR) + "/datasets/iris.csv");
  const DataSplit parts = split(iris, 0.2, 0.2, 3, /*stratified=*/true);
  // 50 per class: 10 to test, 10 to validation, 30 to train, in every class.
  for (Index k = 0; k < 3; ++k) {
    EXPECT_EQ(arma::accu(parts.train.y == k), 30u);
    EXPECT_EQ(arma::accu(parts.validation.y == k), 10u);
    EXPECT_EQ(arma::accu(parts.test.y == k), 10u);
  }
  EXPECT_EQ(parts.test.class_names, iris.class_names);
  EXPECT_TRUE(covers_once(all_parts(stratified_split_indices(iris.y, 0.2, 0.2, 3)), 150));
}

TEST(Split, PartsHoldTheSelectedRows) {
  Dataset data;
  data.X = numbered_X(20);
  data.y = arma::regspace<nn::Labels>(0, 19);
  const SplitIndices s = split_indices(20, 0.25, 0.25, 9);
  const DataSplit parts = split(data, 0.25, 0.25, 9);
  EXPECT_TRUE(arma::all(parts.test.y == s.test));
  EXPECT_TRUE(arma::approx_equal(parts.test.X.col(0), arma::conv_to<arma::vec>::from(s.test),
                                 "absdiff", 0));
}

TEST(Batches, MiniBatchesWithARemainder) {
  const Mat X = numbered_X(10);
  Batches batches(X, 2 * X, 4, 1);
  EXPECT_EQ(batches.batches_per_epoch(), 3u);
  std::vector<Index> rows;
  EXPECT_EQ(epoch(batches, rows), (std::vector<Index>{4, 4, 2}));  // the last one partial
  EXPECT_TRUE(covers_once(arma::uvec(rows), 10));
}

TEST(Batches, FullBatchAndSingleSamples) {
  const Mat X = numbered_X(7);
  std::vector<Index> rows;
  Batches full(X, 2 * X, full_batch, 1);
  EXPECT_EQ(full.batches_per_epoch(), 1u);
  EXPECT_EQ(epoch(full, rows), (std::vector<Index>{7}));
  Batches single(X, 2 * X, 1, 1);
  EXPECT_EQ(single.batches_per_epoch(), 7u);
  EXPECT_EQ(epoch(single, rows), (std::vector<Index>(7, 1)));
  Batches exact(X, 2 * X, 7, 1);  // batch size N: one full batch, no empty remainder
  EXPECT_EQ(epoch(exact, rows), (std::vector<Index>{7}));
}

TEST(Batches, EachEpochIsReshuffledAndSeeded) {
  const Mat X = numbered_X(30);
  Batches batches(X, 2 * X, 8, 5), same_seed(X, 2 * X, 8, 5);
  std::vector<Index> first, second, again;
  epoch(batches, first);
  epoch(batches, second);
  epoch(same_seed, again);
  EXPECT_TRUE(covers_once(arma::uvec(second), 30));
  EXPECT_NE(first, second) << "a new epoch, a new order";
  EXPECT_EQ(first, again) << "the same seed, the same order";
  std::vector<Index> in_order;
  Batches unshuffled(X, 2 * X, 8, 5, /*shuffle=*/false);
  epoch(unshuffled, in_order);
  for (Index i = 0; i < 30; ++i) EXPECT_EQ(in_order[i], i);
}

TEST(Batches, RejectsMismatchedRowsAndZeroSize) {
  const Mat X = numbered_X(5);
  EXPECT_THROW((Batches{X, numbered_X(4), 2, 1}), nn::ShapeError);
  EXPECT_THROW((Batches{X, X, 0, 1}), std::invalid_argument);
}

// RowGather (the transposed copy behind Batches and nn::fit) picks the same rows,
// in the same order, as Armadillo's X.rows(indices).
TEST(RowGather, PicksTheSameRowsAsArmadillo) {
  arma::arma_rng::set_seed(3);
  const Mat X = arma::randn<Mat>(50, 7);
  const arma::uvec order = {49, 0, 13, 13, 8, 31, 2, 40};
  RowGather gather(X);
  EXPECT_EQ(gather.n_rows(), 50u);
  EXPECT_EQ(gather.n_cols(), 7u);
  Mat out;
  gather.rows(order, 0, order.n_elem, out);
  EXPECT_TRUE(arma::approx_equal(out, Mat(X.rows(order)), "absdiff", 0));
  gather.rows(order, 5, 3, out);  // a later, smaller batch into the same matrix
  const arma::uvec last_three = order.tail(3);
  EXPECT_TRUE(arma::approx_equal(out, Mat(X.rows(last_three)), "absdiff", 0));
}

TEST(RowGather, RejectsIndicesOutOfRange) {
  RowGather gather(numbered_X(5));
  Mat out;
  EXPECT_THROW(gather.rows(arma::uvec{0, 5}, 0, 2, out), std::out_of_range);  // no row 5
  EXPECT_THROW(gather.rows(arma::uvec{0, 1}, 1, 2, out), std::out_of_range);  // 2 from 1 of 2
}

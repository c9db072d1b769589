// Solution build: lab 07's softmax functions give the values its handout prints
// (derived by hand: softmax(1, 2, 3) and log(e + e^2 + e^3)), the stable ones for
// logits shifted by +-1000 too, where the naive formula gives NaN.
#include <gtest/gtest.h>

#include "07-losses/softmax_overflow.hpp"

using nn::Mat;

namespace {

const Mat kLogits = {{1, 2, 3}, {1001, 1002, 1003}, {-1003, -1002, -1001}};
const double kP[] = {0.09003057317038046, 0.24472847105479767, 0.6652409557748219};
const double kLse = 3.40760596444438;  // log(e + e^2 + e^3)

}  // namespace

TEST(Lab07Softmax, StableSoftmaxIsTheSameDistributionForShiftedRows) {
  const Mat P = lab07::stable_softmax(kLogits);
  ASSERT_EQ(P.n_rows, 3u);
  ASSERT_EQ(P.n_cols, 3u);
  for (nn::Index r = 0; r < 3; ++r)
    for (nn::Index k = 0; k < 3; ++k)
      EXPECT_NEAR(P(r, k), kP[k], 1e-12) << r << ", " << k;  // lse near 1000: ~1e-13 rounding
}

TEST(Lab07Softmax, LogSumExpIsFiniteAndShiftsWithItsRow) {
  const Mat lse = lab07::log_sum_exp(kLogits);
  ASSERT_EQ(lse.n_rows, 3u);
  ASSERT_EQ(lse.n_cols, 1u);
  EXPECT_NEAR(lse(0), kLse, 1e-14);
  EXPECT_NEAR(lse(1), 1000 + kLse, 1e-12);
  EXPECT_NEAR(lse(2), -1004 + kLse, 1e-12);
}

TEST(Lab07Softmax, NaiveSoftmaxIsRightOnSmallLogitsAndNaNOnLargeOnes) {
  const Mat P = lab07::naive_softmax(kLogits);
  for (nn::Index k = 0; k < 3; ++k) EXPECT_NEAR(P(0, k), kP[k], 1e-14);
  EXPECT_TRUE(P.row(1).has_nan());  // inf / inf
  EXPECT_TRUE(P.row(2).has_nan());  // 0 / 0
}

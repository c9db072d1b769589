// Lab 11's worked numbers, reproduced by the reference ensemble.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "11-classifier/ensemble.hpp"

namespace {

using nn::Mat;

// One sample, two members, two classes: softmax([2, 0]) = [e^2, 1] / (e^2 + 1) =
// [0.880797, 0.119203] and softmax([0, 0]) = [0.5, 0.5]; their mean is
// [0.690399, 0.309601] (the softmax of the mean logits [1, 0] would be [0.731059, 0.268941]).
TEST(WorkedExample, EnsembleAveragesTheMembersProbabilities) {
  const Mat P = lab11::average_probabilities({Mat{{2.0, 0.0}}, Mat{{0.0, 0.0}}});
  ASSERT_EQ(P.n_rows, 1u);
  ASSERT_EQ(P.n_cols, 2u);
  const double e2 = std::exp(2.0);
  EXPECT_NEAR(P(0, 0), (e2 / (e2 + 1) + 0.5) / 2, 1e-12);
  EXPECT_NEAR(P(0, 0), 0.690399, 1e-6);
  EXPECT_NEAR(P(0, 1), 0.309601, 1e-6);
}

// Logits near 1000: the same probabilities as near 0 (a softmax ignores a shift of a row).
TEST(WorkedExample, EnsembleStaysFiniteForLargeLogits) {
  const Mat P = lab11::average_probabilities({Mat{{1002.0, 1000.0}}, Mat{{1000.0, 1000.0}}});
  ASSERT_TRUE(P.is_finite());
  EXPECT_NEAR(P(0, 0), 0.690399, 1e-6);
}

}  // namespace

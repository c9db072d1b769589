// Lab 10's worked numbers, reproduced by the reference penalties and dropout
// (the expected values are worked out by hand in the comments).
#include <gtest/gtest.h>

#include "nn/layers/dropout.hpp"
#include "nn/losses/penalties.hpp"

namespace {

using nn::Mat;

TEST(WorkedExample, L2PenaltyOnATwoByTwoWeight) {
  Mat W{{0.5, -1.0}, {2.0, 0.0}}, dW{{0.01, 0.02}, {0.03, 0.04}}, b{{1.0, -1.0}},
      db{{0.5, 0.5}};
  nn::Params params{{"W", W, dW}, {"b", b, db}};
  const nn::L2Penalty l2(0.1);
  EXPECT_NEAR(l2.value(params), 0.525, 1e-12);  // 0.1 (0.25 + 1 + 4 + 0)
  l2.backward(params);                          // += 2 (0.1) W = [[0.1, -0.2], [0.4, 0]]
  EXPECT_NEAR(dW(0, 0), 0.11, 1e-12);
  EXPECT_NEAR(dW(0, 1), -0.18, 1e-12);
  EXPECT_NEAR(dW(1, 0), 0.43, 1e-12);
  EXPECT_NEAR(dW(1, 1), 0.04, 1e-12);
  EXPECT_EQ(db(0), 0.5);  // biases are not penalised
  EXPECT_EQ(db(1), 0.5);
}

TEST(WorkedExample, L1PenaltyOnATwoByTwoWeight) {
  Mat W{{0.5, -1.0}, {2.0, 0.0}}, dW{{0.01, 0.02}, {0.03, 0.04}}, b{{1.0, -1.0}},
      db{{0.5, 0.5}};
  nn::Params params{{"W", W, dW}, {"b", b, db}};
  const nn::L1Penalty l1(0.1);
  EXPECT_NEAR(l1.value(params), 0.35, 1e-12);  // 0.1 (0.5 + 1 + 2 + 0)
  l1.backward(params);                         // += 0.1 sign(W) = [[0.1, -0.1], [0.1, 0]]
  EXPECT_NEAR(dW(0, 0), 0.11, 1e-12);
  EXPECT_NEAR(dW(0, 1), -0.08, 1e-12);
  EXPECT_NEAR(dW(1, 0), 0.13, 1e-12);
  EXPECT_NEAR(dW(1, 1), 0.04, 1e-12);  // sign(0) = 0
  EXPECT_EQ(db(0), 0.5);
}

// Inverted dropout with p = 0.5: a kept unit is multiplied by 1 / (1 - 0.5) = 2 in
// forward, and passes 2 x its upstream gradient back; a dropped one passes 0.
TEST(WorkedExample, DropoutPassesTheGradientThroughTheKeptUnitsScaled) {
  nn::Dropout dropout(0.5, 7);
  dropout.train();
  const Mat X{{1.0, 2.0, 3.0, 4.0, 5.0, 6.0}};
  const Mat Y = dropout.forward(X);
  const Mat dY{{0.1, 0.2, 0.3, 0.4, 0.5, 0.6}};
  const Mat dX = dropout.backward(dY);
  int kept = 0;
  for (nn::Index j = 0; j < X.n_elem; ++j) {
    ASSERT_TRUE(Y(j) == 0 || Y(j) == 2 * X(j)) << j;
    EXPECT_DOUBLE_EQ(dX(j), Y(j) == 0 ? 0.0 : 2 * dY(j)) << j;
    kept += Y(j) != 0;
  }
  EXPECT_GT(kept, 0);
  EXPECT_LT(kept, 6);  // seed 7 keeps some and drops some: both branches are shown

  dropout.eval();  // no dropping at test time: the gradient passes unchanged
  dropout.forward(X);
  const Mat dX_eval = dropout.backward(dY);
  for (nn::Index j = 0; j < X.n_elem; ++j) EXPECT_DOUBLE_EQ(dX_eval(j), dY(j));
}

}  // namespace

// Forward passes against values worked out by hand from the handouts' formulas
// (the arithmetic is in the comments). Runs in both builds: forward is never a stub.
#include <gtest/gtest.h>

#include <cmath>

#include "nn/core/sequential.hpp"
#include "nn/layers/dropout.hpp"
#include "nn/layers/elu.hpp"
#include "nn/layers/gelu.hpp"
#include "nn/layers/identity.hpp"
#include "nn/layers/leaky_relu.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/prelu.hpp"
#include "nn/layers/relu.hpp"
#include "nn/layers/selu.hpp"
#include "nn/layers/sigmoid.hpp"
#include "nn/layers/silu.hpp"
#include "nn/layers/softmax.hpp"
#include "nn/layers/softplus.hpp"
#include "nn/layers/step.hpp"
#include "nn/layers/tanh.hpp"
#include "nn/losses/bce.hpp"
#include "nn/losses/bce_with_logits.hpp"
#include "nn/losses/cross_entropy.hpp"
#include "nn/losses/half_sse.hpp"
#include "nn/losses/hinge.hpp"
#include "nn/losses/huber.hpp"
#include "nn/losses/mae.hpp"
#include "nn/losses/mse.hpp"
#include "nn/losses/penalties.hpp"
#include "nn/losses/softmax_cross_entropy.hpp"

using nn::Mat;

namespace {

void expect_near(const Mat& actual, const Mat& expected, double tol = 1e-12) {
  ASSERT_EQ(actual.n_rows, expected.n_rows);
  ASSERT_EQ(actual.n_cols, expected.n_cols);
  for (nn::Index i = 0; i < actual.n_elem; ++i)
    EXPECT_NEAR(actual(i), expected(i), tol) << "element " << i;
}

const double ln2 = std::log(2.0), ln3 = std::log(3.0);

}  // namespace

TEST(Forward, Linear) {
  // X = [1 2; 3 4], W = [1 0 -1; 2 1 0], b = [0.5 0 -0.5]
  // row 1: [1*1+2*2, 1*0+2*1, 1*-1+2*0] + b = [5.5, 2, -1.5]
  // row 2: [3+8, 4, -3] + b = [11.5, 4, -3.5]
  nn::Linear layer(Mat{{1, 0, -1}, {2, 1, 0}}, Mat{{0.5, 0, -0.5}});
  expect_near(layer.forward(Mat{{1, 2}, {3, 4}}), Mat{{5.5, 2, -1.5}, {11.5, 4, -3.5}});
  EXPECT_EQ(layer.name(), "Linear(2->3)");
}

TEST(Forward, LinearXavierLimitAndZeroBias) {
  // Xavier: |w| <= sqrt(6) / sqrt(20 + 10) = sqrt(0.2) = 0.4472
  nn::Linear layer(20, 10, 7);
  EXPECT_LE(arma::abs(layer.W).max(), std::sqrt(0.2));
  EXPECT_GT(arma::abs(layer.W).max(), 0.3);  // and really spread over the range
  EXPECT_TRUE(arma::all(arma::vectorise(layer.b) == 0));
  EXPECT_TRUE(arma::approx_equal(layer.W, nn::Linear(20, 10, 7).W, "absdiff", 0));
}

TEST(Forward, ElementwiseActivations) {
  // sigmoid(0) = 1/2; sigmoid(ln 3) = 1 / (1 + 1/3) = 3/4; sigmoid(-1000) = 0, no NaN
  expect_near(nn::Sigmoid().forward(Mat{{0, ln3, -1000}}), Mat{{0.5, 0.75, 0}});
  // tanh(ln 2) = (2 - 1/2) / (2 + 1/2) = 3/5
  expect_near(nn::Tanh().forward(Mat{{0, ln2, -ln2}}), Mat{{0, 0.6, -0.6}});
  expect_near(nn::ReLU().forward(Mat{{-2, 0, 3}}), Mat{{0, 0, 3}});
  expect_near(nn::LeakyReLU(0.1).forward(Mat{{-2, 0, 3}}), Mat{{-0.2, 0, 3}});
  expect_near(nn::Identity().forward(Mat{{-2, 0, 3}}), Mat{{-2, 0, 3}});
  // ELU(-ln 2) = 1 * (1/2 - 1) = -1/2; ELU(1000) = 1000 (no overflow)
  expect_near(nn::ELU(1.0).forward(Mat{{-ln2, 2, 1000}}), Mat{{-0.5, 2, 1000}});
  // SELU(1) = scale; SELU(-ln 2) = scale * alpha * (1/2 - 1)
  const double scale = 1.0507009873554805, alpha = 1.6732632423543772;
  expect_near(nn::SELU().forward(Mat{{1, -ln2}}), Mat{{scale, -scale * alpha / 2}});
  // softplus(0) = ln 2; softplus(ln 3) = ln 4; softplus(1000) = 1000; softplus(-1000) = 0
  expect_near(nn::Softplus().forward(Mat{{0, ln3, 1000, -1000}}), Mat{{ln2, 2 * ln2, 1000, 0}});
  // GELU(x) = x Phi(x): Phi(0) = 1/2, so GELU(0) = 0; Phi(1) = 0.841344746068543 (normal table)
  expect_near(nn::GELU().forward(Mat{{0, 1, -1}}),
              Mat{{0, 0.841344746068543, -(1 - 0.841344746068543)}});
  // SiLU(ln 3) = ln 3 * 3/4
  expect_near(nn::SiLU().forward(Mat{{0, ln3}}), Mat{{0, 0.75 * ln3}});
  // Step(0.5): 1 where x >= 0.5
  expect_near(nn::Step(0.5).forward(Mat{{0.2, 0.5, 3}}), Mat{{0, 1, 1}});
}

TEST(Forward, PReLUUsesEachColumnsSlope) {
  nn::PReLU layer(2);
  layer.alpha = Mat{{0.1, 0.5}};
  expect_near(layer.forward(Mat{{-2, -2}, {3, 4}}), Mat{{-0.2, -1}, {3, 4}});
}

TEST(Forward, SoftmaxRowsAreDistributions) {
  // e^0 : e^ln2 : e^ln5 = 1 : 2 : 5, over 8; a shifted row gives the same; 1000 does not overflow
  const double ln5 = std::log(5.0);
  expect_near(
      nn::Softmax().forward(Mat{{0, ln2, ln5}, {10, 10 + ln2, 10 + ln5}, {1000, 1000, 1000}}),
      Mat{{1 / 8., 2 / 8., 5 / 8.}, {1 / 8., 2 / 8., 5 / 8.}, {1 / 3., 1 / 3., 1 / 3.}});
}

TEST(Forward, DropoutIsInvertedAndReproducible) {
  const Mat X(200, 50, arma::fill::ones);
  nn::Dropout a(0.5, 42), b(0.5, 42);
  const Mat Y = a.forward(X);
  // every unit is dropped (0) or kept and scaled by 1 / (1 - 0.5) = 2
  EXPECT_TRUE(arma::all(arma::vectorise((Y == 0) + (Y == 2)) == 1));
  const double kept = arma::accu(Y == 2) / double(Y.n_elem);
  EXPECT_NEAR(kept, 0.5, 0.03);  // 10000 draws: std of the fraction is 0.005
  EXPECT_NEAR(arma::mean(arma::vectorise(Y)), 1.0, 0.06);          // the mean is preserved
  EXPECT_TRUE(arma::approx_equal(Y, b.forward(X), "absdiff", 0));  // same seed, same mask
  a.eval();
  expect_near(a.forward(X), X);  // eval: identity
}

TEST(Forward, Losses) {
  const Mat pred{{1, 2}, {3, 4}}, zero(2, 2, arma::fill::zeros);
  // squares 1 + 4 + 9 + 16 = 30 over 4 elements; over 2 samples with the half
  EXPECT_DOUBLE_EQ(nn::MSELoss().forward(pred, zero), 7.5);
  EXPECT_DOUBLE_EQ(nn::MSELoss(nn::MSELoss::Reduction::Sum).forward(pred, zero), 30);
  EXPECT_DOUBLE_EQ(nn::HalfSSELoss().forward(pred, zero), 30 / 2.0 / 2.0);
  EXPECT_DOUBLE_EQ(nn::MAELoss().forward(pred, zero), 10 / 4.0);
  // Huber(1), d = 0.5, -2: 0.5^2/2 = 0.125 and 1 (2 - 1/2) = 1.5; mean over 2 = 0.8125
  EXPECT_DOUBLE_EQ(nn::HuberLoss(1).forward(Mat{{0.5, -2}}, Mat{{0, 0}}), 0.8125);
  // BCE: p = 0.8, y = 1 -> -ln 0.8; p = 0.4, y = 0 -> -ln 0.6; one sample, summed over outputs
  EXPECT_NEAR(nn::BCELoss().forward(Mat{{0.8, 0.4}}, Mat{{1, 0}}), -std::log(0.8) - std::log(0.6),
              1e-12);
  // with logits: z = 0 -> p = 1/2 -> ln 2 whatever y; z = ln 3 -> p = 3/4, y = 1 -> -ln 3/4
  EXPECT_NEAR(nn::BCEWithLogitsLoss().forward(Mat{{0, ln3}}, Mat{{1, 1}}), ln2 - std::log(0.75),
              1e-12);
  // CE: -ln 0.75 for the true class; two samples averaged
  EXPECT_NEAR(nn::CrossEntropyLoss().forward(Mat{{0.25, 0.75}, {0.5, 0.5}}, Mat{{0, 1}, {1, 0}}),
              (-std::log(0.75) - std::log(0.5)) / 2, 1e-12);
  // softmax([0, ln 3]) = [1/4, 3/4], so -ln 3/4 for class 1
  EXPECT_NEAR(nn::SoftmaxCrossEntropyLoss().forward(Mat{{0, ln3}}, Mat{{0, 1}}), -std::log(0.75),
              1e-12);
  // hinge: y = 1, yhat = 0.3 -> 0.7; y = -1, yhat = 0.3 -> 1.3; y = 1, yhat = 2 -> 0; mean of sums
  EXPECT_NEAR(nn::HingeLoss().forward(Mat{{0.3, 0.3}, {2, -2}}, Mat{{1, -1}, {1, -1}}), 2.0 / 2,
              1e-12);
}

TEST(Forward, SequentialPassesTheNeedForDXToItsFirstLayerOnly) {
  nn::Sequential model;
  auto& first = model.add<nn::Linear>(2, 3);
  auto& second = model.add<nn::Linear>(3, 1);
  EXPECT_TRUE(model.input_grad_needed() && first.input_grad_needed());
  model.set_input_grad_needed(false);
  EXPECT_FALSE(model.input_grad_needed() || first.input_grad_needed());
  EXPECT_TRUE(second.input_grad_needed());  // its dX is the first layer's dY
  model.set_input_grad_needed(true);
  EXPECT_TRUE(first.input_grad_needed());
}

TEST(Forward, PenaltiesCountWeightsOnly) {
  Mat W{{1, -2}}, b{{10, 10}}, dW(1, 2, arma::fill::zeros), db(1, 2, arma::fill::zeros);
  nn::Params params{{"0.W", W, dW}, {"0.b", b, db}};
  EXPECT_DOUBLE_EQ(nn::L2Penalty(0.1).value(params), 0.1 * (1 + 4));
  EXPECT_DOUBLE_EQ(nn::L1Penalty(0.1).value(params), 0.1 * (1 + 2));
}

TEST(Forward, StableLossesStayFiniteAtLogitsOf1000) {
  // BCE with logits: z = 1000, y = 0 costs 1000; z = -1000, y = 1 costs 1000; the right answers 0
  nn::BCEWithLogitsLoss bce;
  EXPECT_NEAR(bce.forward(Mat{{1000, -1000, 1000, -1000}}, Mat{{0, 1, 1, 0}}), 2000, 1e-9);
  // softmax CE: the true class is 2000 below the other: -log softmax = 2000
  nn::SoftmaxCrossEntropyLoss ce;
  EXPECT_NEAR(ce.forward(Mat{{1000, -1000}, {-1000, 1000}}, Mat{{0, 1}, {0, 1}}), 1000, 1e-9);
  // probabilities of exactly 0 and 1 are clipped, not log(0)
  EXPECT_TRUE(std::isfinite(nn::BCELoss().forward(Mat{{0, 1}}, Mat{{1, 0}})));
  EXPECT_TRUE(std::isfinite(nn::CrossEntropyLoss().forward(Mat{{0, 1}}, Mat{{1, 0}})));
}

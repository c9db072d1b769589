// The update rules of the solution build, checked against values worked out by hand
// from each optimizer's formula (the arithmetic is in the comment by each value).
// Problem: W = [1, -2], b = [0.5], fixed gradients dW = [0.5, -1], db = [2].
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "nn/layers/linear.hpp"
#include "nn/losses/mse.hpp"
#include "nn/optim/adadelta.hpp"
#include "nn/optim/adagrad.hpp"
#include "nn/optim/adam.hpp"
#include "nn/optim/averaged_momentum.hpp"
#include "nn/optim/momentum.hpp"
#include "nn/optim/nesterov.hpp"
#include "nn/optim/rmsprop.hpp"
#include "nn/optim/sgd.hpp"
#include "optim_fixture.hpp"

namespace nn {
namespace {

using testing::TinyProblem;

TEST(Momentum, FirstThreeSteps) {
  TinyProblem p;
  Momentum opt(0.1, 0.9);
  opt.step(p.params());
  // v = -0.1*[0.5, -1] = [-0.05, 0.1];  W = [0.95, -1.9]
  // b: v = -0.1*2 = -0.2;  b = 0.3
  EXPECT_NEAR(p.W(0, 0), 0.95, 1e-12);
  EXPECT_NEAR(p.W(0, 1), -1.9, 1e-12);
  EXPECT_NEAR(p.b(0, 0), 0.3, 1e-12);
  opt.step(p.params());
  // v = 0.9*[-0.05, 0.1] - [0.05, -0.1] = [-0.095, 0.19];  W = [0.855, -1.71]
  // b: v = 0.9*(-0.2) - 0.2 = -0.38;  b = 0.3 - 0.38 = -0.08
  EXPECT_NEAR(p.W(0, 0), 0.855, 1e-12);
  EXPECT_NEAR(p.W(0, 1), -1.71, 1e-12);
  EXPECT_NEAR(p.b(0, 0), -0.08, 1e-12);
  opt.step(p.params());
  // v = 0.9*[-0.095, 0.19] - [0.05, -0.1] = [-0.1355, 0.271];  W = [0.7195, -1.439]
  // b: v = 0.9*(-0.38) - 0.2 = -0.542;  b = -0.08 - 0.542 = -0.622
  EXPECT_NEAR(p.W(0, 0), 0.7195, 1e-12);
  EXPECT_NEAR(p.W(0, 1), -1.439, 1e-12);
  EXPECT_NEAR(p.b(0, 0), -0.622, 1e-12);
}

TEST(AveragedMomentum, FirstThreeSteps) {
  TinyProblem p;
  AveragedMomentum opt(0.1, 0.9);
  // The plain step -lr g is [-0.05, 0.1]; change = 0.1*[-0.05, 0.1] + 0.9*previous change
  opt.step(p.params());
  // change = [-0.005, 0.01] + 0;  W = [0.995, -1.99]
  EXPECT_NEAR(p.W(0, 0), 0.995, 1e-12);
  EXPECT_NEAR(p.W(0, 1), -1.99, 1e-12);
  opt.step(p.params());
  // change = [-0.005, 0.01] + 0.9*[-0.005, 0.01] = [-0.0095, 0.019];  W = [0.9855, -1.971]
  EXPECT_NEAR(p.W(0, 0), 0.9855, 1e-12);
  EXPECT_NEAR(p.W(0, 1), -1.971, 1e-12);
  opt.step(p.params());
  // change = [-0.005, 0.01] + 0.9*[-0.0095, 0.019] = [-0.01355, 0.0271];  W = [0.97195, -1.9439]
  EXPECT_NEAR(p.W(0, 0), 0.97195, 1e-12);
  EXPECT_NEAR(p.W(0, 1), -1.9439, 1e-12);
  // b: plain step -0.2; changes -0.02, -0.038, -0.0542;  b = 0.5 - 0.1122 = 0.3878
  EXPECT_NEAR(p.b(0, 0), 0.3878, 1e-12);
}

// Momentum as an average of steps: w(t+1) = w(t) + (1 - beta)(-lr g(t)) + beta (w(t) - w(t-1)), with
// gradients that change every step; w(t) - w(t-1) is read from the weights themselves.
TEST(AveragedMomentum, FollowsItsFormulaWithChangingGradients) {
  const Real lr = 0.05, beta = 0.7;
  TinyProblem p;
  AveragedMomentum opt(lr, beta);
  Mat previous = p.W, current = p.W;  // w(t-1), w(t): no change before the first step
  const Real gradients[][2] = {{0.5, -1.0}, {-2.0, 0.25}, {1.5, 3.0}, {0.0, -0.5}};
  for (const auto& g : gradients) {
    p.dW = Mat{{g[0], g[1]}};
    const Mat expected = current + (1 - beta) * (-lr * p.dW) + beta * (current - previous);
    opt.step(p.params());
    EXPECT_NEAR(p.W(0, 0), expected(0, 0), 1e-12);
    EXPECT_NEAR(p.W(0, 1), expected(0, 1), 1e-12);
    previous = current;
    current = p.W;
  }
}

TEST(Nesterov, FirstThreeSteps) {
  TinyProblem p;
  Nesterov opt(0.1, 0.9);
  // v = 0.9 v - 0.1 g;  w += -0.9 v_prev + 1.9 v
  opt.step(p.params());
  // v = [-0.05, 0.1];  W = [1 + 1.9*(-0.05), -2 + 1.9*0.1] = [0.905, -1.81]
  EXPECT_NEAR(p.W(0, 0), 0.905, 1e-12);
  EXPECT_NEAR(p.W(0, 1), -1.81, 1e-12);
  opt.step(p.params());
  // v = [-0.095, 0.19];  W0 = 0.905 + 0.045 - 0.1805 = 0.7695;  W1 = -1.81 - 0.09 + 0.361 = -1.539
  EXPECT_NEAR(p.W(0, 0), 0.7695, 1e-12);
  EXPECT_NEAR(p.W(0, 1), -1.539, 1e-12);
  opt.step(p.params());
  // v = [-0.1355, 0.271];  W0 = 0.7695 + 0.0855 - 0.25745 = 0.59755
  EXPECT_NEAR(p.W(0, 0), 0.59755, 1e-12);
  // b: v = -0.2, -0.38, -0.542;  b = 0.5 - 0.38 = 0.12;  0.12 + 0.18 - 0.722 = -0.422;
  //    -0.422 + 0.342 - 1.0298 = -1.1098
  EXPECT_NEAR(p.b(0, 0), -1.1098, 1e-12);
}

TEST(AdaGrad, FirstThreeSteps) {
  TinyProblem p;
  AdaGrad opt(0.1);
  opt.step(p.params());
  // G = [0.25, 1];  W = [1 - 0.1*0.5/0.5, -2 + 0.1*1/1] = [0.9, -1.9]
  EXPECT_NEAR(p.W(0, 0), 0.9, 1e-7);
  EXPECT_NEAR(p.W(0, 1), -1.9, 1e-7);
  opt.step(p.params());
  // G = [0.5, 2];  W0 = 0.9 - 0.05/sqrt(0.5) = 0.9 - 0.0707106781 = 0.8292893219
  //                W1 = -1.9 + 0.1/sqrt(2) = -1.9 + 0.0707106781 = -1.8292893219
  EXPECT_NEAR(p.W(0, 0), 0.8292893219, 1e-7);
  EXPECT_NEAR(p.W(0, 1), -1.8292893219, 1e-7);
  opt.step(p.params());
  // G = [0.75, 3];  W0 = 0.8292893219 - 0.05/sqrt(0.75) = 0.8292893219 - 0.0577350269 =
  // 0.7715542950
  EXPECT_NEAR(p.W(0, 0), 0.7715542950, 1e-7);
  // b: G = 4, 8, 12;  b = 0.5 - 0.1*2*(1/2 + 1/sqrt(8) + 1/sqrt(12)) = 0.5 - 0.1*(1 + 0.7071067812
  // + 0.5773502692) = 0.2715542950
  EXPECT_NEAR(p.b(0, 0), 0.2715542950, 1e-7);
}

TEST(RMSProp, FirstTwoSteps) {
  TinyProblem p;
  RMSProp opt(0.01, 0.9);
  opt.step(p.params());
  // E = 0.1*[0.25, 1] = [0.025, 0.1];  W0 = 1 - 0.01*0.5/sqrt(0.025) = 1 - 0.0316227766 =
  // 0.9683772234
  //                                    W1 = -2 + 0.01*1/sqrt(0.1)     = -1.9683772234
  EXPECT_NEAR(p.W(0, 0), 0.9683772234, 1e-7);
  EXPECT_NEAR(p.W(0, 1), -1.9683772234, 1e-7);
  opt.step(p.params());
  // E = 0.9*0.025 + 0.025 = 0.0475;  W0 = 0.9683772234 - 0.005/sqrt(0.0475) = 0.9683772234 -
  // 0.0229415734 = 0.9454356500
  EXPECT_NEAR(p.W(0, 0), 0.9454356500, 1e-7);
  // b: E = 0.4, then 0.76;  b = 0.5 - 0.02/sqrt(0.4) - 0.02/sqrt(0.76) = 0.5 - 0.0316227766 -
  // 0.0229415734 = 0.4454356500
  EXPECT_NEAR(p.b(0, 0), 0.4454356500, 1e-7);
}

TEST(AdaDelta, FirstTwoSteps) {
  TinyProblem p;
  AdaDelta opt;  // learning_rate 1 (Zeiler's method), rho 0.95, epsilon 1e-6
  opt.step(p.params());
  // W0: Eg = 0.05*0.25 = 0.0125;  dx = -sqrt(0 + 1e-6)/sqrt(0.0125 + 1e-6) * 0.5
  //       = -0.001/0.1118078709 * 0.5 = -0.0044719571;  W0 = 0.9955280429
  //     Edx = 0.05*0.0044719571^2 = 9.9992e-7
  EXPECT_NEAR(p.W(0, 0), 0.9955280429, 1e-9);
  // W1: Eg = 0.05;  dx = +0.001/sqrt(0.050001) * 1 = 0.0044720912;  W1 = -1.9955279088
  EXPECT_NEAR(p.W(0, 1), -1.9955279088, 1e-9);
  opt.step(p.params());
  // W0: Eg = 0.95*0.0125 + 0.0125 = 0.024375;  dx = -sqrt(9.9992e-7 + 1e-6)/sqrt(0.024376) * 0.5
  //       = -0.0014141622/0.1561281528 * 0.5 = -0.0045289247;  W0 = 0.9909991183
  EXPECT_NEAR(p.W(0, 0), 0.9909991183, 1e-9);
}

TEST(AdaDelta, LearningRateScalesTheStep) {
  TinyProblem p;
  AdaDelta opt(0.5);
  opt.step(p.params());
  // Half of the step above: W0 = 1 - 0.5*0.0044719571 = 0.9977640215
  EXPECT_NEAR(p.W(0, 0), 0.9977640215, 1e-9);
}

TEST(Adam, FirstTwoStepsWithChangingGradient) {
  TinyProblem p;
  Adam opt(0.001);  // beta1 0.9, beta2 0.999, epsilon 1e-8
  opt.step(p.params());
  // W0: m = 0.1*0.5 = 0.05, v = 0.001*0.25 = 0.00025;  m_hat = 0.05/0.1 = 0.5,
  //     v_hat = 0.00025/0.001 = 0.25;  W0 = 1 - 0.001*0.5/0.5 = 0.999
  EXPECT_NEAR(p.W(0, 0), 0.999, 1e-10);
  p.dW(0, 0) = -1.0;
  opt.step(p.params());
  // W0: m = 0.9*0.05 + 0.1*(-1) = -0.055, v = 0.999*0.00025 + 0.001*1 = 0.00124975
  //     m_hat = -0.055/(1 - 0.81) = -0.2894736842,  v_hat = 0.00124975/(1 - 0.998001) =
  //     0.6251875938 W0 = 0.999 + 0.001*0.2894736842/sqrt(0.6251875938) = 0.999 +
  //     0.001*0.2894736842/0.7906880509
  //        = 0.999 + 0.0003661035 = 0.9993661035
  EXPECT_NEAR(p.W(0, 0), 0.9993661035, 1e-9);
  // W1 (gradient -1 both steps): m_hat = -1, v_hat = 1, so each step is +0.001: W1 = -1.998
  EXPECT_NEAR(p.W(0, 1), -1.998, 1e-10);
}

// Bias correction: the first step is learning_rate in every element, whatever the
// size of the gradient (uncorrected, it would be lr * 0.1/sqrt(0.001) = 3.16 lr).
TEST(Adam, BiasCorrectedFirstStepIsTheLearningRate) {
  for (const Real scale : {1e-3, 1.0, 1e3}) {
    Mat W(1, 2, arma::fill::zeros), dW(1, 2, arma::fill::value(scale));
    dW(0, 1) = -scale;  // dW = [scale, -scale]
    Params params{{"W", W, dW}};
    Adam(0.01).step(params);
    // lr * g / (|g| + 1e-8): within 1e-5 lr of lr even for |g| = 1e-3
    EXPECT_NEAR(W(0, 0), -0.01, 1e-6) << "gradient scale " << scale;
    EXPECT_NEAR(W(0, 1), 0.01, 1e-6) << "gradient scale " << scale;
  }
}

TEST(Adam, ThrowsNamingItselfWhenParamsChange) {
  TinyProblem p;
  Adam opt(0.001);
  opt.step(p.params());
  Params only_b{{"b", p.b, p.db}};
  try {
    opt.step(only_b);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("Adam(lr=0.001"), std::string::npos) << e.what();
  }
}

TEST(Momentum, ThrowsNamingItselfWhenAShapeChanges) {
  TinyProblem p;
  Momentum opt(0.1, 0.9);
  opt.step(p.params());
  Params swapped{{"b", p.b, p.db}, {"W", p.W, p.dW}};  // same count, other order
  try {
    opt.step(swapped);
    FAIL() << "expected nn::ShapeError";
  } catch (const ShapeError& e) {
    EXPECT_NE(std::string(e.what()).find("Momentum(lr=0.1, beta=0.9).step"), std::string::npos)
        << e.what();
  }
}

TEST(Optimizers, WeightDecayReachesTheAdaptiveRules) {
  // Adam with weight decay 0.5: W0's g = 0.5 + 2*0.5*1 = 1.5, still a first step of lr;
  // a zero loss gradient on W1 becomes g = 2*0.5*(-2) = -2, so W1 moves up by lr.
  Mat W{{1.0, -2.0}}, dW{{0.5, 0.0}};
  Mat b(1, 1, arma::fill::ones), db(1, 1, arma::fill::zeros);
  Params params{{"W", W, dW}, {"b", b, db}};
  Adam(0.01, 0.9, 0.999, 1e-8, /*weight_decay=*/0.5).step(params);
  EXPECT_NEAR(W(0, 0), 0.99, 1e-8);
  EXPECT_NEAR(W(0, 1), -1.99, 1e-8);
  EXPECT_EQ(b(0, 0), 1.0);  // the bias is not decayed: g = 0, no step
}

// Recovering the gradient from one step (labs/04-gradient-check): after one plain gradient-descent step,
// dLoss/dW = (W_before - W_after) / lr: the gradient backward computed.
TEST(SGD, MethodOneRecoversTheGradientFromTheWeights) {
  Linear layer(Mat{{0.2, -0.4, 0.1}, {0.5, 0.3, -0.6}}, Mat{{0.1, 0.0, -0.2}});  // 2 -> 3
  MSELoss loss;
  const Mat X{{1.0, 2.0}, {-1.0, 0.5}, {0.3, -0.7}, {2.0, 1.0}};  // N = 4
  const Mat target{{0.0, 1.0, 0.0}, {1.0, 0.0, 0.0}, {0.0, 0.0, 1.0}, {0.5, 0.5, 0.0}};
  loss.forward(layer.forward(X), target);
  layer.backward(loss.backward());
  const Mat W_before = layer.W, b_before = layer.b;
  const Real lr = 0.01;
  SGD(lr).step(layer.params());
  const Mat recovered_dW = (W_before - layer.W) / lr;
  const Mat recovered_db = (b_before - layer.b) / lr;
  EXPECT_LT(arma::abs(recovered_dW - layer.dW).max(), 1e-10);
  EXPECT_LT(arma::abs(recovered_db - layer.db).max(), 1e-10);
  EXPECT_GT(arma::abs(layer.dW).max(), 0.01);  // a real gradient, not zeros
}

}  // namespace
}  // namespace nn

// The optimizer machinery every build shares: SGD (complete in lib/, students train
// with it before the optimizer lab), weight decay, zero_grad, state checks.
#include <gtest/gtest.h>

#include <string>

#include "nn/optim/sgd.hpp"
#include "optim_fixture.hpp"

namespace nn {
namespace {

using testing::TinyProblem;

TEST(SGD, StepsAgainstTheGradient) {
  TinyProblem p;
  SGD sgd(0.1);
  sgd.step(p.params());
  // W = [1 - 0.1*0.5, -2 - 0.1*(-1)] = [0.95, -1.9];  b = 0.5 - 0.1*2 = 0.3
  EXPECT_NEAR(p.W(0, 0), 0.95, 1e-12);
  EXPECT_NEAR(p.W(0, 1), -1.9, 1e-12);
  EXPECT_NEAR(p.b(0, 0), 0.3, 1e-12);
  sgd.step(p.params());
  // W = [0.95 - 0.05, -1.9 + 0.1] = [0.9, -1.8];  b = 0.3 - 0.2 = 0.1
  EXPECT_NEAR(p.W(0, 0), 0.9, 1e-12);
  EXPECT_NEAR(p.W(0, 1), -1.8, 1e-12);
  EXPECT_NEAR(p.b(0, 0), 0.1, 1e-12);
  EXPECT_EQ(sgd.steps_taken(), 2u);
}

TEST(SGD, WeightDecayAppliesToWeightsNotBiases) {
  TinyProblem p;
  SGD sgd(0.1, /*weight_decay=*/0.5);
  sgd.step(p.params());
  // W: g = dW + 2*0.5*W = [0.5 + 1, -1 - 2] = [1.5, -3]; W = [1 - 0.15, -2 + 0.3] = [0.85, -1.7]
  EXPECT_NEAR(p.W(0, 0), 0.85, 1e-12);
  EXPECT_NEAR(p.W(0, 1), -1.7, 1e-12);
  // b: no decay, g = 2; b = 0.5 - 0.1*2 = 0.3
  EXPECT_NEAR(p.b(0, 0), 0.3, 1e-12);
  // The gradients themselves stay the loss's.
  EXPECT_EQ(p.dW(0, 0), 0.5);
  EXPECT_EQ(p.db(0, 0), 2.0);
}

TEST(SGD, WeightDecayRecognisesSequentialNames) {
  Mat W(1, 1, arma::fill::ones), dW(1, 1, arma::fill::zeros);
  Mat b(1, 1, arma::fill::ones), db(1, 1, arma::fill::zeros);
  Params params{{"0.W", W, dW}, {"0.b", b, db}};
  SGD(0.1, 0.5).step(params);
  // "0.W": g = 0 + 2*0.5*1 = 1, W = 1 - 0.1 = 0.9; "0.b": g = 0, b stays 1
  EXPECT_NEAR(W(0, 0), 0.9, 1e-12);
  EXPECT_EQ(b(0, 0), 1.0);
}

TEST(Optimizer, ZeroGradZeroesEveryGradient) {
  TinyProblem p;
  SGD(0.1).zero_grad(p.params());
  EXPECT_TRUE(arma::all(arma::vectorise(p.dW) == 0));
  EXPECT_TRUE(arma::all(arma::vectorise(p.db) == 0));
}

TEST(Optimizer, ThrowsNamingItselfWhenTheNumberOfParamsChanges) {
  TinyProblem p;
  SGD sgd(0.1);
  sgd.step(p.params());
  Params only_W{{"W", p.W, p.dW}};
  try {
    sgd.step(only_W);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("SGD(lr=0.1).step"), std::string::npos) << message;
    EXPECT_NE(message.find("given 1 parameters, but 2"), std::string::npos) << message;
  }
}

TEST(Optimizer, ThrowsNamingItselfWhenAShapeChanges) {
  TinyProblem p;
  SGD sgd(0.1);
  sgd.step(p.params());
  Mat W(2, 2, arma::fill::ones), dW(2, 2, arma::fill::zeros);
  Params reshaped{{"W", W, dW}, {"b", p.b, p.db}};
  try {
    sgd.step(reshaped);
    FAIL() << "expected nn::ShapeError";
  } catch (const ShapeError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("SGD(lr=0.1).step"), std::string::npos) << message;
    EXPECT_NE(message.find("parameter 0 (\"W\") is 2x2, expected 1x2"), std::string::npos)
        << message;
  }
}

TEST(Optimizer, ThrowsWhenAGradientIsNotShapedLikeItsValue) {
  Mat W(1, 2, arma::fill::ones), dW(2, 1, arma::fill::ones);
  Params params{{"W", W, dW}};
  EXPECT_THROW(SGD(0.1).step(params), ShapeError);
}

}  // namespace
}  // namespace nn

// Lab 09's worked numbers, reproduced by the reference optimizers and schedules:
// a weight w = [1, -2] given the gradient [0.5, -1] at the first step and
// [0.3, 0.2] at the second (learning rate 0.1, AdaDelta 1; default
// hyper-parameters). The expected values were computed independently, one
// scalar at a time, in plain Python from the formulas in the handout.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "nn/optim/by_name.hpp"
#include "nn/optim/exponential_decay.hpp"
#include "nn/optim/inverse_time_decay.hpp"
#include "nn/optim/sgd.hpp"
#include "nn/optim/step_decay.hpp"

namespace {

using nn::Mat;

struct Expected {
  std::string optimizer;
  double lr;
  double after_one[2], after_two[2];
};

TEST(WorkedExample, TwoStepsOfEveryOptimizer) {
  const std::vector<Expected> table = {
      {"SGD", 0.1, {0.95, -1.9}, {0.92, -1.92}},
      {"Momentum", 0.1, {0.95, -1.9}, {0.875, -1.83}},
      {"AveragedMomentum", 0.1, {0.995, -1.99}, {0.9875, -1.983}},
      {"Nesterov", 0.1, {0.905, -1.81}, {0.8075, -1.767}},
      {"AdaGrad", 0.1, {0.900000002, -1.900000001}, {0.8485504273, -1.919611614}},
      {"RMSProp", 0.1, {0.683772254, -1.683772244}, {0.5147414126, -1.749005049}},
      {"AdaDelta", 1.0, {0.9955280429, -1.995527909}, {0.9922127367, -1.996799173}},
      {"Adam", 0.1, {0.900000002, -1.900000001}, {0.8042509867, -1.848897394}},
  };
  for (const Expected& e : table) {
    SCOPED_TRACE(e.optimizer);
    std::unique_ptr<nn::Optimizer> optimizer = nn::make_optimizer(e.optimizer, e.lr);
    Mat W{{1.0, -2.0}}, dW{{0.5, -1.0}};
    const nn::Params params{{"W", W, dW}};
    optimizer->step(params);
    EXPECT_NEAR(W(0), e.after_one[0], 1e-9);
    EXPECT_NEAR(W(1), e.after_one[1], 1e-9);
    dW = Mat{{0.3, 0.2}};
    optimizer->step(params);
    EXPECT_NEAR(W(0), e.after_two[0], 1e-9);
    EXPECT_NEAR(W(1), e.after_two[1], 1e-9);
  }
}

// g = dLoss/dw + 2 lambda w for a weight; a bias follows dLoss/db alone.
TEST(WorkedExample, WeightDecayAddsTwoLambdaW) {
  Mat W{{1.0, -2.0}}, dW{{0.5, -1.0}};
  Mat b(1, 1, arma::fill::value(1.0)), db(1, 1, arma::fill::value(0.5));
  nn::SGD sgd(0.1, /*weight_decay=*/0.1);
  sgd.step({{"W", W, dW}, {"b", b, db}});
  EXPECT_NEAR(W(0), 0.93, 1e-12);  // 1 - 0.1 (0.5 + 0.2)
  EXPECT_NEAR(W(1), -1.86, 1e-12);  // -2 - 0.1 (-1 - 0.4)
  EXPECT_NEAR(b(0), 0.95, 1e-12);  // no decay on a bias
}

TEST(WorkedExample, TheThreeSchedulesOverEightEpochs) {
  const nn::StepDecay step(0.5, 0.5, 3);
  const nn::ExponentialDecay exponential(0.5, 0.2);
  const nn::InverseTimeDecay inverse_time(0.5, 0.5);
  const double want_step[] = {0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.125, 0.125};
  const double want_exp[] = {0.5, 0.409365, 0.33516, 0.274406, 0.224664, 0.18394, 0.150597, 0.123298};
  const double want_inv[] = {0.5, 0.333333, 0.25, 0.2, 0.166667, 0.142857, 0.125, 0.111111};
  for (nn::Index t = 0; t < 8; ++t) {
    EXPECT_DOUBLE_EQ(step.learning_rate(t), want_step[t]) << "t = " << t;
    EXPECT_NEAR(exponential.learning_rate(t), want_exp[t], 5e-7) << "t = " << t;
    EXPECT_NEAR(inverse_time.learning_rate(t), want_inv[t], 5e-7) << "t = " << t;
  }
}

}  // namespace

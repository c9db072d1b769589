// Lab 08's reference answers: Sequential's chaining, one training step, the
// feature crosses and the inputs fitted on the training part only. Every
// expected value is worked out by hand in the comments.
#include <gtest/gtest.h>

#include <cmath>

#include "08-training/features.hpp"
#include "08-training/playground.hpp"
#include "nn/core/sequential.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/sigmoid.hpp"
#include "nn/losses/mse.hpp"
#include "nn/losses/penalties.hpp"
#include "nn/optim/sgd.hpp"
#include "nn/train/train_step.hpp"

using nn::Mat;

namespace {

// A column of numbers, N x 1 (Mat{{2}} is ambiguous for Armadillo).
Mat col(std::initializer_list<double> values) { return Mat(arma::vec(values)); }

// Linear z = 2x + 1, then Linear y = 3z - 1: a model whose layer order shows.
void two_scalar_layers(nn::Sequential& model) {
  model.add<nn::Linear>(col({2}), col({1}));
  model.add<nn::Linear>(col({3}), col({-1}));
}

// A layer whose backward returns one row whatever it received.
class OneRowBackward : public nn::Layer {
 public:
  Mat forward(const Mat& X) override { return X; }
  Mat backward(const Mat& dY) override { return dY.row(0); }
  std::string name() const override { return "OneRowBackward"; }
};

}  // namespace

TEST(Sequential, ForwardRunsTheLayersInOrder) {
  nn::Sequential model;
  two_scalar_layers(model);
  // x = 1: z = 3, y = 8;  x = 2: z = 5, y = 14 (the other order would give 5 and 11).
  const Mat Y = model.forward(col({1, 2}));
  EXPECT_TRUE(arma::approx_equal(Y, col({8, 14}), "absdiff", 1e-12)) << Y;
}

TEST(Sequential, BackwardHandsEachLayerTheGradientOfTheLayerAfterIt) {
  nn::Sequential model;
  two_scalar_layers(model);
  model.forward(col({1, 2}));  // z = (3, 5)
  model.zero_grad();
  const Mat dX = model.backward(col({1, 1}));
  // Second layer: dW = z^T dY = 3 + 5 = 8, db = 2, dz = dY W^T = (3, 3).
  // First layer:  dW = x^T dz = 1*3 + 2*3 = 9, db = 6, dX = dz W^T = (6, 6).
  EXPECT_TRUE(arma::approx_equal(dX, col({6, 6}), "absdiff", 1e-12)) << dX;
  const nn::Params p = model.params();
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(p[0].name, "0.W");
  EXPECT_NEAR(p[0].grad(0, 0), 9, 1e-12);
  EXPECT_NEAR(p[1].grad(0, 0), 6, 1e-12);
  EXPECT_EQ(p[2].name, "1.W");
  EXPECT_NEAR(p[2].grad(0, 0), 8, 1e-12);
  EXPECT_NEAR(p[3].grad(0, 0), 2, 1e-12);
}

TEST(Sequential, ForwardReportsTheFailingLayer) {
  nn::Sequential model;
  model.add<nn::Linear>(4, 3);
  model.add<nn::Sigmoid>();
  model.add<nn::Linear>(5, 1);  // wrong: the previous layer gives 3 columns
  try {
    model.forward(Mat(2, 4, arma::fill::ones));
    ADD_FAILURE() << "no ShapeError";
  } catch (const nn::ShapeError& e) {
    EXPECT_STREQ(e.what(), "Linear(5->1).forward: input is 2x3, expected N x 5 (N >= 1)");
  }
  EXPECT_EQ(model.name(), "Sequential(Linear(4->3), Sigmoid, Linear(5->1))");
}

TEST(Sequential, BackwardReportsALayerThatReturnsTheWrongRows) {
  nn::Sequential model;
  model.add<nn::Linear>(2, 2);
  model.add<OneRowBackward>();
  model.forward(Mat(3, 2, arma::fill::ones));
  try {
    model.backward(Mat(3, 2, arma::fill::ones));
    ADD_FAILURE() << "no ShapeError";
  } catch (const nn::ShapeError& e) {
    EXPECT_STREQ(e.what(),
                 "OneRowBackward.backward: the returned dX is 1x2, expected 3 rows, one per sample");
  }
}

// One sample x = 2, target 3, model pred = W x + b with W = 1, b = 0, MSE:
// pred = 2, L = (2 - 3)^2 = 1, dL/dpred = 2 (2 - 3) = -2, dW = x dL/dpred = -4, db = -2.
TEST(TrainStep, OneStepOfGradientDescent) {
  nn::Linear model(col({1}), col({0}));
  model.dW.fill(100);  // stale gradients, which the step must clear first
  model.db.fill(100);
  nn::MSELoss loss;
  nn::SGD sgd(0.1);
  const nn::StepResult r = nn::train_step(model, loss, sgd, col({2}), col({3}));
  EXPECT_NEAR(r.loss, 1, 1e-12);
  EXPECT_TRUE(arma::approx_equal(r.pred, col({2}), "absdiff", 1e-12)) << r.pred;
  EXPECT_NEAR(model.dW(0, 0), -4, 1e-12);
  EXPECT_NEAR(model.W(0, 0), 1 + 0.1 * 4, 1e-12);  // 1.4
  EXPECT_NEAR(model.b(0, 0), 0 + 0.1 * 2, 1e-12);  // 0.2
  // Now pred = 1.4 * 2 + 0.2 = 3: the loss is 0 and a second step changes nothing.
  const nn::StepResult again = nn::train_step(model, loss, sgd, col({2}), col({3}));
  EXPECT_NEAR(again.loss, 0, 1e-12);
  EXPECT_NEAR(model.W(0, 0), 1.4, 1e-12);
}

// The same with an L2 penalty lambda W^2, lambda = 0.5: J = 1 + 0.5 = 1.5 and
// dJ/dW = -4 + 2 * 0.5 * 1 = -3 (the bias has no penalty).
TEST(TrainStep, AddsThePenaltyToTheLossAndItsGradient) {
  nn::Linear model(col({1}), col({0}));
  nn::MSELoss loss;
  nn::SGD sgd(0.1);
  const nn::L2Penalty l2(0.5);
  const nn::StepResult r = nn::train_step(model, loss, sgd, col({2}), col({3}), &l2);
  EXPECT_NEAR(r.loss, 1.5, 1e-12);
  EXPECT_NEAR(model.W(0, 0), 1.3, 1e-12);
  EXPECT_NEAR(model.b(0, 0), 0.2, 1e-12);
}

TEST(FeatureCrosses, ColumnsInTheDocumentedOrder) {
  const Mat F = lab08::cross_features(Mat{{1, 2}, {-3, 0.5}});
  const Mat expected{{1, 2, 1, 4, 2, std::sin(1.0), std::sin(2.0)},
                     {-3, 0.5, 9, 0.25, -1.5, std::sin(-3.0), std::sin(0.5)}};
  EXPECT_TRUE(arma::approx_equal(F, expected, "absdiff", 1e-15)) << F;
  EXPECT_EQ(lab08::cross_feature_names().size(), 7u);
  EXPECT_THROW(lab08::cross_features(Mat(2, 3)), nn::ShapeError);
}

TEST(Inputs, TestPointsAreScaledWithTheTrainingMeanAndDeviation) {
  lab08::Inputs inputs(/*crosses=*/false);
  // Training columns (0, 2) and (10, 30): means 1 and 20, deviations 1 and 10.
  const Mat train = inputs.fit_transform(Mat{{0, 10}, {2, 30}});
  EXPECT_TRUE(arma::approx_equal(train, Mat{{-1, -1}, {1, 1}}, "absdiff", 1e-12)) << train;
  const Mat test = inputs.transform(Mat{{4, 20}});  // ((4 - 1) / 1, (20 - 20) / 10)
  EXPECT_TRUE(arma::approx_equal(test, Mat{{3, 0}}, "absdiff", 1e-12)) << test;
  EXPECT_EQ(lab08::Inputs(true).columns(), 7u);
}

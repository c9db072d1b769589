// Diagnoses of realistic wrong gradients, each built from the REAL reference
// code (solution build only: it needs complete backward passes) and checked
// against numerical gradients from nn::gradcheck.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "diagnose.hpp"
#include "nn/core/rng.hpp"
#include "nn/gradcheck/gradcheck.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/relu.hpp"
#include "nn/layers/sigmoid.hpp"
#include "nn/layers/softmax.hpp"
#include "nn/losses/mse.hpp"

namespace {

using grader::Context;
using grader::diagnose;
using grader::Role;
using nn::Mat;
using nn::Real;
namespace code = grader::code;

// The numerical gradient of f with respect to x (perturbed in place), full check.
Mat numeric(Mat& x, const Mat& analytic, const std::function<Real()>& f) {
  nn::gradcheck::Options options;
  options.seed = 11;
  return nn::gradcheck::compare("x", x, analytic, f, options, nn::gradcheck::Method::Full).numeric;
}

// Normal random matrix (Rng::normal(int, int) would be ambiguous).
Mat normal(nn::Rng& rng, nn::Index rows, nn::Index cols, nn::Real mean = 0, nn::Real std = 1) {
  return rng.normal(rows, cols, mean, std);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A Linear layer (square W, so that a transposed dW keeps its shape) with the
// reference gradients for L = sum(Z o G) and their numerical twins.
class DiagnoseLinear : public ::testing::Test {
 protected:
  static constexpr nn::Index N = 8, D = 4, K = 4;

  void SetUp() override {
    layer.b = normal(rng, 1, K);
    layer.forward(X);
    dX = layer.backward(G);
    dW = layer.dW;
    db = layer.db;
    auto loss = [&] { return arma::accu(layer.forward(X) % G); };
    nX = numeric(X, dX, loss);
    nW = numeric(layer.W, dW, loss);
    nb = numeric(layer.b, db, loss);
  }

  Context context(Role role) const {
    Context c;
    c.role = role;
    c.batch_size = N;
    c.outputs = K;
    c.upstream = G;
    c.value = role == Role::Weight ? layer.W : role == Role::Bias ? layer.b : Mat();
    return c;
  }

  nn::Rng rng{7};
  nn::Linear layer{D, K, 3};
  Mat X = normal(rng, N, D), G = normal(rng, N, K);
  Mat dX, dW, db, nX, nW, nb;
};

TEST_F(DiagnoseLinear, CorrectGradientsGetNoMistake) {
  EXPECT_EQ(diagnose(dX, nX, context(Role::Input)).code, code::kCorrect);
  EXPECT_EQ(diagnose(dW, nW, context(Role::Weight)).code, code::kCorrect);
  EXPECT_EQ(diagnose(db, nb, context(Role::Bias)).code, code::kCorrect);
  EXPECT_FALSE(diagnose(dW, nW, context(Role::Weight)).is_mistake());
}

TEST_F(DiagnoseLinear, WeightDividedByBatchSizeIsAFactorNamedN) {
  const grader::Diagnosis d = diagnose(dW / N, nW, context(Role::Weight));
  EXPECT_EQ(d.code, code::kConstantFactor);
  EXPECT_TRUE(contains(d.explanation, "1/8")) << d.explanation;
  EXPECT_TRUE(contains(d.explanation, "8 is the batch size")) << d.explanation;
}

TEST_F(DiagnoseLinear, FactorOfTwoAndAnUnnamedFactorAreReported) {
  const grader::Diagnosis two = diagnose(2 * dX, nX, context(Role::Input));
  EXPECT_EQ(two.code, code::kConstantFactor);
  EXPECT_TRUE(contains(two.explanation, "2 times")) << two.explanation;
  const grader::Diagnosis odd = diagnose(3.7 * dX, nX, context(Role::Input));
  EXPECT_EQ(odd.code, code::kConstantFactor);
  EXPECT_TRUE(contains(odd.explanation, "3.7")) << odd.explanation;
}

TEST_F(DiagnoseLinear, NegatedWeightGradientIsWrongSign) {
  EXPECT_EQ(diagnose(Mat(-dW), nW, context(Role::Weight)).code, code::kWrongSign);
}

TEST_F(DiagnoseLinear, TransposedSquareWeightGradient) {
  EXPECT_EQ(diagnose(Mat(dW.t()), nW, context(Role::Weight)).code, code::kTransposed);
}

TEST_F(DiagnoseLinear, BiasMeanInsteadOfSumHasBiasWording) {
  const grader::Diagnosis d = diagnose(Mat(arma::mean(G, 0)), nb, context(Role::Bias));
  EXPECT_EQ(d.code, code::kBiasMeanNotSum);
  EXPECT_TRUE(contains(d.explanation, "batch size")) << d.explanation;
}

TEST_F(DiagnoseLinear, BiasFromFirstRowOfUpstreamIsNotSummed) {
  const grader::Diagnosis d = diagnose(Mat(G.row(0)), nb, context(Role::Bias));
  EXPECT_EQ(d.code, code::kBiasNotSummed);
  EXPECT_TRUE(contains(d.explanation, "row 0")) << d.explanation;
}

TEST_F(DiagnoseLinear, BiasWithOneRowPerSampleIsNotSummed) {
  const grader::Diagnosis d = diagnose(G, nb, context(Role::Bias));
  EXPECT_EQ(d.code, code::kBiasNotSummed);
  EXPECT_TRUE(contains(d.explanation, "column sums match")) << d.explanation;
}

TEST_F(DiagnoseLinear, ZeroWeightGradient) {
  EXPECT_EQ(diagnose(Mat(arma::size(dW), arma::fill::zeros), nW, context(Role::Weight)).code,
            code::kZero);
}

TEST_F(DiagnoseLinear, NaNInGradientIsNonFinite) {
  Mat bad = dW;
  bad(1, 2) = arma::datum::nan;
  const grader::Diagnosis d = diagnose(bad, nW, context(Role::Weight));
  EXPECT_EQ(d.code, code::kNonFinite);
  EXPECT_TRUE(contains(d.explanation, "(1, 2)")) << d.explanation;
}

TEST_F(DiagnoseLinear, OnlyOneSampleWrongIsLocated) {
  Mat bad = dX;
  bad.row(5) = normal(rng, 1, D);
  const grader::Diagnosis d = diagnose(bad, nX, context(Role::Input));
  EXPECT_EQ(d.code, code::kDiffers);
  EXPECT_TRUE(contains(d.explanation, "Only sample 5")) << d.explanation;
}

TEST_F(DiagnoseLinear, UnrelatedGradientIsHonestlyUnexplained) {
  const grader::Diagnosis d = diagnose(normal(rng, D, K), nW, context(Role::Weight));
  EXPECT_EQ(d.code, code::kDiffers);
  EXPECT_TRUE(contains(d.explanation, "No single typical mistake")) << d.explanation;
}

TEST(DiagnoseShapes, TransposedNonSquareWeightGradient) {
  nn::Rng rng(5);
  nn::Linear layer(3, 2, 9);
  const Mat X = normal(rng, 6, 3), G = normal(rng, 6, 2);
  layer.forward(X);
  layer.backward(G);
  const Mat dW = layer.dW;
  const Mat nW = numeric(layer.W, dW, [&] { return arma::accu(layer.forward(X) % G); });
  const grader::Diagnosis d = diagnose(Mat(dW.t()), nW, Context{});
  EXPECT_EQ(d.code, code::kTransposed);
  EXPECT_TRUE(contains(d.explanation, "2x3")) << d.explanation;
}

// L = sum(Z o G) + lambda ||W||^2: the penalty's gradient is 2 lambda W.
TEST(DiagnoseRegularisation, MissingHalfAndExtraTerms) {
  nn::Rng rng(13);
  nn::Linear layer(5, 3, 4);
  layer.b = normal(rng, 1, 3);
  const Mat X = normal(rng, 10, 5), G = normal(rng, 10, 3);
  const Real lambda = 0.05;
  layer.forward(X);
  layer.backward(G);
  const Mat dW = layer.dW, db = layer.db;  // the data term only
  auto loss = [&] {
    return arma::accu(layer.forward(X) % G) + lambda * arma::accu(arma::square(layer.W));
  };
  const Mat nW = numeric(layer.W, dW, loss);
  const Mat nb = numeric(layer.b, db, loss);

  Context weight;
  weight.role = Role::Weight;
  weight.l2 = lambda;
  weight.value = layer.W;
  EXPECT_EQ(diagnose(Mat(dW + 2 * lambda * layer.W), nW, weight).code, code::kCorrect);
  EXPECT_EQ(diagnose(dW, nW, weight).code, code::kRegularisationMissing);
  EXPECT_EQ(diagnose(Mat(dW + lambda * layer.W), nW, weight).code, code::kRegularisationHalf);

  Context bias;  // the penalty does not cover b
  bias.role = Role::Bias;
  bias.value = layer.b;
  EXPECT_EQ(diagnose(Mat(db + 2 * lambda * layer.b), nb, bias).code, code::kRegularisationExtra);
}

// The caller's candidate: sigmoid'(z) = s(z)(1 - s(z)) taken at the output Y.
TEST(DiagnoseCandidates, SigmoidDerivativeAtTheOutput) {
  nn::Rng rng(21);
  const Mat G = normal(rng, 6, 5);
  Mat X = normal(rng, 6, 5, 0, 2);
  nn::Sigmoid sigmoid;
  const Mat Y = sigmoid.forward(X);
  const Mat dX = sigmoid.backward(G);
  const Mat nX = numeric(X, dX, [&] { return arma::accu(sigmoid.forward(X) % G); });

  nn::Sigmoid at_output;  // reference code applied to the wrong point
  at_output.forward(Y);
  Context context;
  context.role = Role::Input;
  context.candidates.push_back(
      {"sigmoid_derivative_at_output", "Sigmoid derivative evaluated at the output",
       "Check at which point the handout evaluates g'.", at_output.backward(G)});

  // The student's version: the handout's formula applied to the cached output.
  const Mat SY = 1 / (1 + arma::exp(-Y));
  const Mat student = G % SY % (1 - SY);
  EXPECT_EQ(diagnose(student, nX, context).code, "sigmoid_derivative_at_output");
  EXPECT_EQ(diagnose(dX, nX, context).code, code::kCorrect);
}

// The caller's candidate: only the diagonal Y (1 - Y) of the softmax Jacobian.
TEST(DiagnoseCandidates, SoftmaxJacobianDiagonalOnly) {
  nn::Rng rng(22);
  const Mat G = normal(rng, 4, 6);
  Mat X = normal(rng, 4, 6);
  nn::Softmax softmax;
  const Mat Y = softmax.forward(X);
  const Mat dX = softmax.backward(G);
  const Mat nX = numeric(X, dX, [&] { return arma::accu(softmax.forward(X) % G); });

  Context context;
  context.candidates.push_back({"softmax_diagonal_only", "Only the Jacobian's diagonal used",
                                "Which outputs does one input of a softmax change?",
                                Mat(G % Y % (1 - Y))});
  Mat student = G % Y;
  student -= G % Y % Y;
  EXPECT_EQ(diagnose(student, nX, context).code, "softmax_diagonal_only");
  EXPECT_EQ(diagnose(dX, nX, context).code, code::kCorrect);
}

// ReLU with some inputs exactly at 0, where the central difference averages
// both sides (G / 2): a student's "x >= 0" differs only there.
TEST(DiagnoseKinks, ReluWrongOnlyAtZero) {
  nn::Rng rng(31);
  const Mat G = normal(rng, 5, 4);
  Mat X = nn::gradcheck::away_from_kinks(normal(rng, 5, 4), {0.0});
  X(0, 1) = X(3, 2) = 0;
  const Mat X0 = X;
  nn::ReLU relu;
  relu.forward(X);
  const Mat dX = relu.backward(G);
  const Mat nX = numeric(X, dX, [&] { return arma::accu(relu.forward(X) % G); });

  Context context;
  context.role = Role::Input;
  context.input = X0;
  const Mat student = G % (X0 >= 0);
  const grader::Diagnosis d = diagnose(student, nX, context);
  EXPECT_EQ(d.code, code::kKink);
  EXPECT_TRUE(contains(d.explanation, "2 of 20")) << d.explanation;

  // Wrong away from the kinks too: not a kink diagnosis.
  Mat wrong = student;
  wrong(1, 1) += 1;
  EXPECT_NE(diagnose(wrong, nX, context).code, code::kKink);
}

TEST(DiagnoseLoss, MeanSquaredErrorWithoutTheBatchMean) {
  nn::Rng rng(41);
  Mat pred = normal(rng, 8, 3);
  const Mat target = normal(rng, 8, 3);
  nn::MSELoss mse;
  mse.forward(pred, target);
  const Mat dPred = mse.backward();
  const Mat nPred = numeric(pred, dPred, [&] { return mse.forward(pred, target); });

  Context context;
  context.role = Role::LossGradient;
  context.batch_size = 8;
  context.outputs = 3;
  EXPECT_EQ(diagnose(dPred, nPred, context).code, code::kCorrect);
  const grader::Diagnosis d = diagnose(Mat(8 * dPred), nPred, context);
  EXPECT_EQ(d.code, code::kConstantFactor);
  EXPECT_TRUE(contains(d.explanation, "8 is the batch size")) << d.explanation;
  EXPECT_TRUE(contains(d.hint, "mean")) << d.hint;
}

}  // namespace

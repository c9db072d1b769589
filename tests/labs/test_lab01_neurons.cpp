// Lab 01's reference answers (solution build): the numbers the handout prints.
// The perceptron runs were worked out by hand and with a few lines of plain
// Python; the sign network's outputs by hand from its matrices.
#include <gtest/gtest.h>

#include <vector>

#include "01-neurons/mcculloch_pitts.hpp"
#include "01-neurons/perceptron.hpp"
#include "01-neurons/threshold_network.hpp"

namespace {

const nn::Mat kBits = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};

std::vector<int> table(const lab01::McCullochPitts& unit) {
  std::vector<int> out;
  if (unit.inhibitory.size() == 1) return {lab01::fires(unit, {0}), lab01::fires(unit, {1})};
  for (int a : {0, 1})
    for (int b : {0, 1}) out.push_back(lab01::fires(unit, {a, b}));
  return out;
}

lab01::TrainingRun train_on(const nn::Mat& t, int max_epochs = 20) {
  lab01::Perceptron p{nn::Mat(2, 1, arma::fill::zeros), 0};
  return lab01::train(p, kBits, t, 1.0, max_epochs);
}

}  // namespace

TEST(McCullochPitts, GatesHaveTheirTruthTables) {
  EXPECT_EQ(table(lab01::and_unit()), (std::vector<int>{0, 0, 0, 1}));
  EXPECT_EQ(table(lab01::or_unit()), (std::vector<int>{0, 1, 1, 1}));
  EXPECT_EQ(table(lab01::nor_unit()), (std::vector<int>{1, 0, 0, 0}));
  EXPECT_EQ(table(lab01::not_unit()), (std::vector<int>{1, 0}));
}

TEST(McCullochPitts, AnInhibitoryInputVetoesAndTheThresholdIsInclusive) {
  const lab01::McCullochPitts unit{1, {false, true, false}};
  EXPECT_EQ(lab01::fires(unit, {1, 0, 0}), 1);  // sum 1 reaches threshold 1
  EXPECT_EQ(lab01::fires(unit, {1, 1, 1}), 0);  // the inhibitory input is on
  EXPECT_EQ(lab01::fires(unit, {0, 0, 0}), 0);
  EXPECT_THROW(lab01::fires(unit, {1, 0}), std::invalid_argument);
}

TEST(Perceptron, LearnsAndInSixEpochs) {
  const lab01::TrainingRun run = train_on(arma::vec{0.0, 0.0, 0.0, 1.0});
  EXPECT_EQ(run.errors, (std::vector<int>{2, 3, 3, 2, 1, 0}));
  ASSERT_EQ(run.w.size(), 6u);
  const double w1[] = {1, 2, 2, 2, 2, 2}, w2[] = {1, 1, 1, 2, 1, 1}, b[] = {0, -1, -2, -2, -3, -3};
  for (int e = 0; e < 6; ++e) {
    EXPECT_EQ(run.w[e](0), w1[e]) << "epoch " << e + 1;
    EXPECT_EQ(run.w[e](1), w2[e]) << "epoch " << e + 1;
    EXPECT_EQ(run.b[e], b[e]) << "epoch " << e + 1;
  }
  EXPECT_TRUE(run.converged());
}

TEST(Perceptron, LearnsOrInFourEpochs) {
  const lab01::TrainingRun run = train_on(arma::vec{0.0, 1.0, 1.0, 1.0});
  EXPECT_EQ(run.errors, (std::vector<int>{2, 2, 1, 0}));
  ASSERT_EQ(run.w.size(), 4u);
  EXPECT_EQ(run.w[3](0), 1);
  EXPECT_EQ(run.w[3](1), 1);
  EXPECT_EQ(run.b[3], -1);
}

TEST(Perceptron, NeverConvergesOnXor) {
  const lab01::TrainingRun run = train_on(arma::vec{0.0, 1.0, 1.0, 0.0}, 50);
  EXPECT_EQ(run.errors.size(), 50u);
  EXPECT_EQ(run.errors[0], 3);
  EXPECT_EQ(run.errors[1], 3);
  for (std::size_t e = 2; e < run.errors.size(); ++e) EXPECT_EQ(run.errors[e], 4);
  EXPECT_FALSE(run.converged());
}

TEST(Perceptron, PredictIsAStepAtZero) {
  const lab01::Perceptron p{arma::vec{1.0, 1.0}, -1};
  const nn::Mat y = p.predict(kBits);  // z = -1, 0, 0, 1
  EXPECT_EQ(y(0), 0);
  EXPECT_EQ(y(1), 1);
  EXPECT_EQ(y(2), 1);
  EXPECT_EQ(y(3), 1);
}

TEST(ThresholdNetwork, XorNetworkComputesXor) {
  const std::vector<nn::Mat> H =
      lab01::forward(lab01::xor_network(), kBits, lab01::Threshold::Step);
  ASSERT_EQ(H.size(), 2u);
  EXPECT_EQ(H[1](0), 0);
  EXPECT_EQ(H[1](1), 1);
  EXPECT_EQ(H[1](2), 1);
  EXPECT_EQ(H[1](3), 0);
}

// By hand: layer 1 is sign(3 x1 + 4 x2 + 5, x1 + 2 x2 + 8, 9 x1 + 7 x2 + 6), layer 2
// sign(3 h1 + 4 h2 + h3 + 9, 5 h1 + 2 h2 + 7 h3 + 1), the output sign(5 g1 + 3 g2 + 6).
TEST(ThresholdNetwork, SignNetworkOnTheHandoutsPoints) {
  const nn::Mat X = {{0, 0}, {-1, -1}, {1, -5}, {-3, 2}, {4, -5}};
  const std::vector<nn::Mat> H = lab01::forward(lab01::sign_network(), X, lab01::Threshold::Sign);
  ASSERT_EQ(H.size(), 3u);
  const nn::Mat H1 = {{1, 1, 1}, {-1, 1, -1}, {-1, -1, -1}, {1, 1, -1}, {-1, 1, 1}};
  const nn::Mat H2 = {{1, 1}, {1, -1}, {1, -1}, {1, 1}, {1, 1}};
  EXPECT_TRUE(arma::approx_equal(H[0], H1, "absdiff", 0));
  EXPECT_TRUE(arma::approx_equal(H[1], H2, "absdiff", 0));
  EXPECT_TRUE(arma::all(arma::vectorise(H[2]) == 1));  // 5 g1 + 3 g2 + 6 >= 5 - 3 + 6 > 0
}

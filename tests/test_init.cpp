// Weight initialisation (labs/08-training): ranges and spreads from the
// formulas, and reproducibility from the seed.
#include <gtest/gtest.h>

#include <cmath>

#include "nn/init/init.hpp"

using nn::Mat;

TEST(Init, ZerosAndConstant) {
  EXPECT_TRUE(arma::all(arma::vectorise(nn::init::zeros(3, 4)) == 0));
  const Mat c = nn::init::constant(2, 5, 0.1);  // ReLU biases: a small positive number
  EXPECT_EQ(c.n_rows, 2u);
  EXPECT_TRUE(arma::all(arma::vectorise(c) == 0.1));
}

TEST(Init, UniformStaysInItsRangeAndCoversIt) {
  nn::Rng rng(3);
  const Mat U = nn::init::uniform(100, 100, -0.5, 2.0, rng);
  EXPECT_GE(U.min(), -0.5);
  EXPECT_LT(U.max(), 2.0);
  // U[a, b] has mean (a + b) / 2 = 0.75 and variance (b - a)^2 / 12 = 0.5208;
  // with 10000 draws the standard error of the mean is sqrt(0.5208 / 10000) = 0.0072
  EXPECT_NEAR(arma::mean(arma::vectorise(U)), 0.75, 0.03);
  EXPECT_NEAR(arma::var(arma::vectorise(U)), 6.25 / 12, 0.03);
}

TEST(Init, NormalHasItsMeanAndSpread) {
  nn::Rng rng(4);
  const Mat N = nn::init::normal(200, 100, 1.0, 0.1, rng);
  EXPECT_NEAR(arma::mean(arma::vectorise(N)), 1.0, 0.005);  // standard error 0.1 / sqrt(20000)
  EXPECT_NEAR(arma::stddev(arma::vectorise(N)), 0.1, 0.003);
}

TEST(Init, XavierLimitAndHeSpreadFollowTheirFormulas) {
  nn::Rng rng(5);
  // Xavier/Glorot: U[-sqrt(6)/sqrt(n_in + n_out), +...]; with 300 + 200 inputs the
  // limit is sqrt(6 / 500) = 0.1095 and the variance limit^2 / 3 = 2 / 500 = 0.004
  const Mat X = nn::init::xavier_uniform(300, 200, rng);
  EXPECT_LE(arma::abs(X).max(), std::sqrt(6.0 / 500));
  EXPECT_NEAR(arma::var(arma::vectorise(X)), 2.0 / 500, 0.0002);
  // He: N(0, 2 / n_in); with n_in = 200 the standard deviation is sqrt(0.01) = 0.1
  const Mat H = nn::init::he_normal(200, 300, rng);
  EXPECT_NEAR(arma::stddev(arma::vectorise(H)), 0.1, 0.002);
  EXPECT_NEAR(arma::mean(arma::vectorise(H)), 0.0, 0.002);
}

TEST(Init, TheSameSeedGivesTheSameWeights) {
  nn::Rng a(9), b(9), c(10);
  const Mat wa = nn::init::xavier_uniform(4, 3, a), wb = nn::init::xavier_uniform(4, 3, b);
  EXPECT_TRUE(arma::approx_equal(wa, wb, "absdiff", 0));
  EXPECT_FALSE(arma::approx_equal(wa, nn::init::xavier_uniform(4, 3, c), "absdiff", 0));
}

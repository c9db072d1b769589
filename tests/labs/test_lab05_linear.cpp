// Solution build: lab 05's train_step reproduces the two worked examples to the
// digits its handout prints (expected values derived by hand, in plain
// arithmetic, independently of the library), and on any network its update is
// w - lr dE/dw with dE/dw from central differences of the forward pass.
#include <gtest/gtest.h>

#include <cmath>

#include "05-linear/worked_examples.hpp"
#include "nn/core/rng.hpp"

using nn::Mat;

namespace {

nn::Real sigmoid(nn::Real z) { return 1 / (1 + std::exp(-z)); }

// E = HalfSSELoss of the network's output: 1/N sum_n 1/2 sum_k (o - t)^2.
nn::Real loss_of(const lab05::Weights& w, const Mat& X, const Mat& T) {
  Mat Z1 = X * w.W1;
  Z1.each_row() += w.b1;
  const Mat H = Z1.transform(sigmoid);
  Mat Z2 = H * w.W2;
  Z2.each_row() += w.b2;
  const Mat O = Z2.transform(sigmoid);
  return 0.5 * arma::accu(arma::square(O - T)) / X.n_rows;
}

}  // namespace

TEST(Lab05WorkedExamples, TwoTwoTwoSigmoidNetworkOneStep) {
  const lab05::Step s =
      lab05::train_step(lab05::two_two_two_start(), {{0.05, 0.10}}, {{0.01, 0.99}}, 0.5);
  EXPECT_NEAR(s.hidden(0, 0), 0.593269992, 5e-10);
  EXPECT_NEAR(s.hidden(0, 1), 0.596884378, 5e-10);
  EXPECT_NEAR(s.output(0, 0), 0.751365070, 5e-10);
  EXPECT_NEAR(s.output(0, 1), 0.772928465, 5e-10);
  EXPECT_NEAR(s.loss, 0.298371109, 5e-10);
  EXPECT_NEAR(s.updated.W1(0, 0), 0.149780716, 5e-10);  // w1
  EXPECT_NEAR(s.updated.W1(1, 0), 0.199561432, 5e-10);  // w2
  EXPECT_NEAR(s.updated.W1(0, 1), 0.249751144, 5e-10);  // w3
  EXPECT_NEAR(s.updated.W1(1, 1), 0.299502287, 5e-10);  // w4
  EXPECT_NEAR(s.updated.W2(0, 0), 0.358916480, 5e-10);  // w5
  EXPECT_NEAR(s.updated.W2(1, 0), 0.408666186, 5e-10);  // w6
  EXPECT_NEAR(s.updated.W2(0, 1), 0.511301270, 5e-10);  // w7
  EXPECT_NEAR(s.updated.W2(1, 1), 0.561370121, 5e-10);  // w8
}

TEST(Lab05WorkedExamples, HanKamberNetworkOneStep) {
  const lab05::Step s = lab05::train_step(lab05::han_kamber_start(), {{1, 0, 1}}, Mat(1, 1).fill(1), 0.9);
  EXPECT_NEAR(s.hidden(0, 0), 0.331812, 5e-7);           // O_4
  EXPECT_NEAR(s.hidden(0, 1), 0.524979, 5e-7);           // O_5
  EXPECT_NEAR(s.output(0, 0), 0.473889, 5e-7);           // O_6
  EXPECT_NEAR(-s.delta_output(0, 0), 0.131169, 5e-7);    // Err_6
  EXPECT_NEAR(-s.delta_hidden(0, 1), -0.006542, 5e-7);   // Err_5
  EXPECT_NEAR(-s.delta_hidden(0, 0), -0.008725, 5e-7);   // Err_4
  EXPECT_NEAR(s.updated.W2(0, 0), -0.260829, 5e-7);      // w46
  EXPECT_NEAR(s.updated.W2(1, 0), -0.138025, 5e-7);      // w56
  EXPECT_NEAR(s.updated.W1(0, 0), 0.192148, 5e-7);       // w14
  EXPECT_NEAR(s.updated.W1(0, 1), -0.305888, 5e-7);      // w15
  EXPECT_NEAR(s.updated.W1(1, 0), 0.4, 5e-7);            // w24
  EXPECT_NEAR(s.updated.W1(1, 1), 0.1, 5e-7);            // w25
  EXPECT_NEAR(s.updated.W1(2, 0), -0.507852, 5e-7);      // w34
  EXPECT_NEAR(s.updated.W1(2, 1), 0.194112, 5e-7);       // w35
  EXPECT_NEAR(s.updated.b2(0, 0), 0.218052, 5e-7);       // theta_6
  EXPECT_NEAR(s.updated.b1(0, 1), 0.194112, 5e-7);       // theta_5
  EXPECT_NEAR(s.updated.b1(0, 0), -0.407852, 5e-7);      // theta_4
}

// A 3-sample batch through a 4-3-2 network: each updated parameter is
// start - lr * (central difference of E in that parameter).
TEST(Lab05WorkedExamples, StepIsGradientDescentOnAnyNetwork) {
  nn::Rng rng(5);
  lab05::Weights start{rng.normal(4, 3), rng.normal(1, 3), rng.normal(3, 2), rng.normal(1, 2)};
  const Mat X = rng.normal(3, 4), T = rng.uniform(3, 2, 0, 1);
  const nn::Real lr = 0.7, h = 1e-6;
  const lab05::Step s = lab05::train_step(start, X, T, lr);
  EXPECT_NEAR(s.loss, loss_of(start, X, T), 1e-12);

  const auto check = [&](Mat lab05::Weights::*member, const char* name) {
    const Mat& before = start.*member;
    const Mat& after = s.updated.*member;
    ASSERT_EQ(after.n_rows, before.n_rows) << name;
    ASSERT_EQ(after.n_cols, before.n_cols) << name;
    for (nn::Index i = 0; i < before.n_elem; ++i) {
      lab05::Weights plus = start, minus = start;
      (plus.*member)(i) += h;
      (minus.*member)(i) -= h;
      const nn::Real numeric = (loss_of(plus, X, T) - loss_of(minus, X, T)) / (2 * h);
      EXPECT_NEAR(after(i), before(i) - lr * numeric, 1e-8) << name << " element " << i;
    }
  };
  check(&lab05::Weights::W1, "W1");
  check(&lab05::Weights::b1, "b1");
  check(&lab05::Weights::W2, "W2");
  check(&lab05::Weights::b2, "b2");
}

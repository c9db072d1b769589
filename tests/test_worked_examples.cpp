// Solution build: the two worked examples of labs/05-linear, reproduced with the
// library's own layers, loss and one plain gradient-descent step.
#include <gtest/gtest.h>

#include "nn/core/sequential.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/sigmoid.hpp"
#include "nn/losses/half_sse.hpp"

using nn::Mat;

namespace {

// w <- w - lr dE/dw for every parameter (gradient descent)
void gradient_step(nn::Sequential& model, double lr) {
  for (nn::Param& p : model.params()) p.value -= lr * p.grad;
}

}  // namespace

// The 2-2-2 sigmoid network (as in Matt Mazur's "A Step by Step Backpropagation
// Example"): inputs 0.05, 0.10; targets 0.01, 0.99;
// w1..w4 = .15 .20 .25 .30, b1 = .35; w5..w8 = .40 .45 .50 .55, b2 = .60.
// h1 = s(w1 i1 + w2 i2 + b1), h2 = s(w3 i1 + w4 i2 + b1); o1 = s(w5 h1 + w6 h2 + b2), ...
// In Z = XW + B, W[i][j] is the weight from unit i to unit j.
TEST(WorkedExample, TwoTwoTwoSigmoidNetwork) {
  nn::Sequential model;
  auto& hidden = model.add<nn::Linear>(Mat{{0.15, 0.25}, {0.20, 0.30}}, Mat{{0.35, 0.35}});
  model.add<nn::Sigmoid>();
  auto& output = model.add<nn::Linear>(Mat{{0.40, 0.50}, {0.45, 0.55}}, Mat{{0.60, 0.60}});
  model.add<nn::Sigmoid>();
  nn::HalfSSELoss loss;
  const Mat x{{0.05, 0.10}}, t{{0.01, 0.99}};

  const Mat out = model.forward(x);
  EXPECT_NEAR(out(0, 0), 0.75136507, 1e-8);              // the example's out_o1
  EXPECT_NEAR(out(0, 1), 0.772928465, 1e-9);             // out_o2
  EXPECT_NEAR(loss.forward(out, t), 0.298371109, 1e-9);  // E_total

  model.zero_grad();
  model.backward(loss.backward());
  gradient_step(model, 0.5);  // the example's learning rate
  // The example's updated weights (its biases are not updated; ours are, which
  // does not change any weight after one step).
  EXPECT_NEAR(output.W(0, 0), 0.35891648, 1e-8);   // w5+
  EXPECT_NEAR(output.W(1, 0), 0.408666186, 1e-9);  // w6+
  EXPECT_NEAR(output.W(0, 1), 0.511301270, 1e-9);  // w7+
  EXPECT_NEAR(output.W(1, 1), 0.561370121, 1e-9);  // w8+
  EXPECT_NEAR(hidden.W(0, 0), 0.149780716, 1e-9);  // w1+
  EXPECT_NEAR(hidden.W(1, 0), 0.19956143, 1e-8);   // w2+
  EXPECT_NEAR(hidden.W(0, 1), 0.24975114, 1e-8);   // w3+
  EXPECT_NEAR(hidden.W(1, 1), 0.29950229, 1e-8);   // w4+
}

// Han & Kamber, "Data Mining: Concepts and Techniques", 3rd ed., the backpropagation example:
// x = (1, 0, 1), target T = 1, learning rate l = 0.9; units 4, 5 hidden, 6 output,
// all sigmoid; the error Err_j = O_j (1 - O_j)(T_j - O_j) is -dE/dI_j for E = 1/2 (T - O)^2.
TEST(WorkedExample, HanKamberNetwork) {
  nn::Sequential model;
  // W1[i][j] = w_ij for i = 1..3, j = 4, 5; theta_4, theta_5 the biases
  auto& hidden = model.add<nn::Linear>(Mat{{0.2, -0.3}, {0.4, 0.1}, {-0.5, 0.2}}, Mat{{-0.4, 0.2}});
  model.add<nn::Sigmoid>();
  // w46, w56 (a 2 x 1 column); theta_6
  auto& output = model.add<nn::Linear>(Mat(arma::colvec{-0.3, -0.2}), Mat(1, 1).fill(0.1));
  model.add<nn::Sigmoid>();
  nn::HalfSSELoss loss;

  const Mat O6 = model.forward(Mat{{1, 0, 1}});
  EXPECT_NEAR(O6(0, 0), 0.474, 5e-4);   // the table's O_6
  loss.forward(O6, Mat(1, 1).fill(1));  // T = 1
  model.zero_grad();
  model.backward(loss.backward());
  gradient_step(model, 0.9);

  // the updated weights and biases, to the 3 decimals the example prints
  EXPECT_NEAR(output.W(0, 0), -0.261, 5e-4);  // w46
  EXPECT_NEAR(output.W(1, 0), -0.138, 5e-4);  // w56
  EXPECT_NEAR(hidden.W(0, 0), 0.192, 5e-4);   // w14
  EXPECT_NEAR(hidden.W(0, 1), -0.306, 5e-4);  // w15
  EXPECT_NEAR(hidden.W(1, 0), 0.4, 5e-4);     // w24
  EXPECT_NEAR(hidden.W(1, 1), 0.1, 5e-4);     // w25
  EXPECT_NEAR(hidden.W(2, 0), -0.508, 5e-4);  // w34
  EXPECT_NEAR(hidden.W(2, 1), 0.194, 5e-4);   // w35
  EXPECT_NEAR(output.b(0, 0), 0.218, 5e-4);   // theta_6
  EXPECT_NEAR(hidden.b(0, 1), 0.194, 5e-4);   // theta_5
  EXPECT_NEAR(hidden.b(0, 0), -0.408, 5e-4);  // theta_4
}

// Lab 04 (solution build): the gradient checker. Expected values are derived
// by hand (derivatives of polynomials, norms of small matrices).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "04-gradient-check/gradient_check.hpp"
#include "nn/core/rng.hpp"
#include "nn/layers/linear.hpp"
#include "nn/layers/tanh.hpp"
#include "nn/optim/sgd.hpp"

using lab04::Mat;
using nn::Real;

TEST(Lab04GradientCheck, CentralDifferencesOfACubicAndXRestored) {
  // f(x) = sum(x^3) / 3 has gradient x^2; central differences are off by h^2 / 3.
  Mat x = {{0.5, -1.0, 2.0}, {1.5, -0.25, 3.0}};
  const Mat original = x;
  const Real h = 1e-3;
  const Mat g = lab04::numerical_gradient([&] { return arma::accu(arma::pow(x, 3)) / 3; }, x, h);
  ASSERT_EQ(g.n_rows, 2u);
  ASSERT_EQ(g.n_cols, 3u);
  for (nn::Index i = 0; i < x.n_elem; ++i)
    EXPECT_NEAR(g(i), original(i) * original(i) + h * h / 3, 1e-9) << i;
  EXPECT_TRUE(arma::all(arma::vectorise(x == original)));
}

TEST(Lab04GradientCheck, RelativeErrorByHand) {
  EXPECT_DOUBLE_EQ(lab04::relative_error(Mat(1, 1, arma::fill::value(2.0)),
                                         Mat(1, 1, arma::fill::value(2.5))), 0.2);  // 0.5 / 2.5
  // ||(3, 4) - (0, 0)|| / max(5, 0) = 1
  EXPECT_DOUBLE_EQ(lab04::relative_error(Mat{{3.0, 4.0}}, Mat{{0.0, 0.0}}), 1);
  // ||(1, 0)|| / max(||(3, 4)||, ||(2, 4)||) = 1 / 5
  EXPECT_DOUBLE_EQ(lab04::relative_error(Mat{{3.0, 4.0}}, Mat{{2.0, 4.0}}), 0.2);
  EXPECT_EQ(lab04::relative_error(Mat(2, 2, arma::fill::zeros), Mat(2, 2, arma::fill::zeros)), 0);
  EXPECT_EQ(lab04::relative_error(Mat(2, 3, arma::fill::ones), Mat(3, 2, arma::fill::ones)),
            std::numeric_limits<Real>::infinity());
}

// Y = X^2 with a backward that forgets the factor 2.
class HalfSquare : public nn::Layer {
 public:
  nn::Mat forward(const nn::Mat& X) override {
    X_ = X;
    return X % X;
  }
  nn::Mat backward(const nn::Mat& dY) override { return X_ % dY; }
  std::string name() const override { return "HalfSquare"; }

 private:
  nn::Mat X_;
};

TEST(Lab04GradientCheck, CheckLayerPassesCorrectLayersAndFlagsAMistake) {
  nn::Rng rng(3);
  const Mat X = rng.uniform(4, 3, -1, 1);
  nn::Linear linear(3, 2, /*seed=*/1);
  const lab04::LayerCheck good = lab04::check_layer(linear, X, rng.uniform(4, 2, -1, 1), 1e-6, 1e-6);
  ASSERT_EQ(good.tensors.size(), 3u);
  EXPECT_EQ(good.tensors[0].name, "dX");
  EXPECT_EQ(good.tensors[1].name, "W");
  EXPECT_EQ(good.tensors[2].name, "b");
  for (const lab04::TensorCheck& t : good.tensors) EXPECT_LT(t.relative_error, 1e-8) << t.name;
  EXPECT_TRUE(good.passed);

  nn::Tanh tanh_layer;
  EXPECT_TRUE(lab04::check_layer(tanh_layer, X, rng.uniform(4, 3, -1, 1), 1e-6, 1e-6).passed);

  HalfSquare half;
  const lab04::LayerCheck bad = lab04::check_layer(half, X, rng.uniform(4, 3, -1, 1), 1e-6, 1e-6);
  ASSERT_EQ(bad.tensors.size(), 1u);
  EXPECT_NEAR(bad.tensors[0].relative_error, 0.5, 1e-8);  // ||x - 2x|| / ||2x||
  EXPECT_FALSE(bad.passed);
}

TEST(Lab04GradientCheck, RecoveredGradientFromOneSgdStep) {
  nn::Rng rng(5);
  Mat W = rng.uniform(3, 4, -1, 1);
  Mat dW = rng.uniform(3, 4, -2, 2);
  const Mat before = W;
  nn::SGD sgd(0.05);
  sgd.step({{"W", W, dW}});
  const Mat recovered = lab04::recovered_gradient(before, W, 0.05);
  EXPECT_LT(arma::abs(recovered - dW).max(), 1e-12);
}

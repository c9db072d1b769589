// The gradient checker itself: it must pass a correct backward, catch wrong
// ones with the worst elements named, and report unwritten ones cleanly. Uses
// small layers defined here, so it runs the same in both builds.
#include <gtest/gtest.h>

#include "nn/core/rng.hpp"
#include "nn/gradcheck/gradcheck.hpp"

using nn::Mat;
namespace gc = nn::gradcheck;

namespace {

// Y = X^2 with a learnable scale s: Y = s X^2. backward's mistakes are chosen by `bug`.
class Square : public nn::Layer {
 public:
  enum Bug { None, HalfFactor, WrongSign, ForgetsParam, NotWritten, WrongShape };
  explicit Square(Bug bug = None) : bug_(bug) {}
  Mat forward(const Mat& X) override {
    X_ = X;
    return s(0, 0) * arma::square(X);
  }
  Mat backward(const Mat& dY) override {
    if (bug_ == NotWritten) throw nn::NotImplemented("Square::backward", "labs/00-test");
    if (bug_ == WrongShape) return Mat(dY.t());
    if (bug_ != ForgetsParam) ds(0, 0) += arma::accu(dY % arma::square(X_));
    const Mat dX = 2 * s(0, 0) * dY % X_;
    if (bug_ == HalfFactor) return dX / 2;
    if (bug_ == WrongSign) return -dX;
    return dX;
  }
  nn::Params params() override { return {{"s", s, ds}}; }
  std::string name() const override { return "Square"; }

  Mat s = Mat(1, 1).fill(1.5), ds = Mat(1, 1, arma::fill::zeros);

 private:
  Bug bug_;
  Mat X_;
};

const Mat kX{{0.5, -1.0, 2.0}, {1.5, 0.25, -0.75}};

}  // namespace

TEST(GradCheck, PassesACorrectBackward) {
  Square layer;
  const gc::Report r = gc::check_layer(layer, kX);
  ASSERT_TRUE(r.passed()) << gc::to_text(r);
  ASSERT_EQ(r.tensors.size(), 2u);
  EXPECT_EQ(r.tensors[0].tensor, "dX");
  EXPECT_EQ(r.tensors[0].method, gc::Method::Full);
  EXPECT_EQ(r.tensors[0].checked, 6u);
  EXPECT_LT(r.tensors[0].rel_error, 1e-8);
  EXPECT_EQ(r.tensors[1].tensor, "s");
  EXPECT_LT(r.tensors[1].rel_error, 1e-8);
}

TEST(GradCheck, CatchesAConstantFactorAndNamesTheWorstElement) {
  Square layer(Square::HalfFactor);
  const gc::Report r = gc::check_layer(layer, kX);
  EXPECT_FALSE(r.passed());
  const gc::TensorResult& dX = r.tensors[0];
  EXPECT_FALSE(dX.passed);
  EXPECT_NEAR(dX.rel_error, 0.5, 1e-6);  // ||a - n|| / ||n|| with a = n / 2
  // the largest |a - n| is where |2 s x g| is largest; the numeric value there is twice the
  // analytic
  ASSERT_FALSE(dX.worst.empty());
  EXPECT_NEAR(dX.worst[0].numeric, 2 * dX.worst[0].analytic, 1e-6);
  EXPECT_TRUE(r.tensors[1].passed);  // the parameter gradient is right
  EXPECT_NE(gc::to_text(r).find("FAIL"), std::string::npos);
}

TEST(GradCheck, CatchesAWrongSignAndAForgottenParameter) {
  Square sign(Square::WrongSign), forgot(Square::ForgetsParam);
  EXPECT_NEAR(gc::check_layer(sign, kX).tensors[0].rel_error, 2.0, 1e-6);
  const gc::Report r = gc::check_layer(forgot, kX);
  EXPECT_TRUE(r.tensors[0].passed);
  EXPECT_FALSE(r.tensors[1].passed);
  EXPECT_EQ(r.tensors[1].worst[0].analytic, 0.0);
}

TEST(GradCheck, ReportsNotImplementedWithoutCrashing) {
  Square layer(Square::NotWritten);
  const gc::Report r = gc::check_layer(layer, kX);
  EXPECT_TRUE(r.not_implemented);
  EXPECT_FALSE(r.passed());
  EXPECT_NE(gc::to_text(r).find("NOT IMPLEMENTED: Square::backward is not implemented yet"),
            std::string::npos);
}

TEST(GradCheck, ReportsAWrongShapedGradient) {
  Square layer(Square::WrongShape);
  const gc::Report r = gc::check_layer(layer, kX);
  EXPECT_FALSE(r.passed());
  EXPECT_NE(r.error.find("the returned dX is 3x2, expected 2x3"), std::string::npos) << r.error;
}

TEST(GradCheck, SampledAndDirectionalOnALargeTensor) {
  Square layer;
  nn::Rng rng(3);
  const Mat X = rng.normal(40, 30);  // 1200 elements > full_limit: Auto samples
  const gc::Report r = gc::check_layer(layer, X);
  ASSERT_TRUE(r.passed()) << gc::to_text(r);
  ASSERT_EQ(r.tensors.size(), 3u);  // dX sampled + dX directional, s (1 element) full
  EXPECT_EQ(r.tensors[0].method, gc::Method::Sampled);
  EXPECT_EQ(r.tensors[0].checked, 64u);
  EXPECT_EQ(r.tensors[1].method, gc::Method::Directional);
  EXPECT_EQ(r.tensors[1].checked, 4u);
  Square wrong(Square::HalfFactor);
  const gc::Report w = gc::check_layer(wrong, X);
  EXPECT_FALSE(w.tensors[0].passed);
  EXPECT_FALSE(w.tensors[1].passed);  // the directional check sees the factor too
}

TEST(GradCheck, CompareRestoresTheInputAndIsReproducible) {
  Mat x = kX;
  const Mat before = x;
  auto f = [&] { return arma::accu(arma::exp(x)); };
  const gc::TensorResult a = gc::compare("x", x, arma::exp(x), f, {}, gc::Method::Sampled);
  EXPECT_TRUE(arma::approx_equal(x, before, "absdiff", 0));
  EXPECT_TRUE(a.passed);
  gc::Options other;
  other.samples = 3;
  const gc::TensorResult b1 = gc::compare("x", x, 2 * arma::exp(x), f, other, gc::Method::Sampled);
  const gc::TensorResult b2 = gc::compare("x", x, 2 * arma::exp(x), f, other, gc::Method::Sampled);
  EXPECT_EQ(b1.checked, 3u);
  EXPECT_EQ(b1.worst[0].row, b2.worst[0].row);  // same seed, same elements
  EXPECT_EQ(b1.worst[0].col, b2.worst[0].col);
}

TEST(GradCheck, NanGradientFails) {
  Mat x = kX;
  Mat bad = 2 * x;
  bad(0, 1) = arma::datum::nan;
  const gc::TensorResult r = gc::compare(
      "x", x, bad, [&] { return arma::accu(arma::square(x)); }, {}, gc::Method::Full);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.worst[0].row, 0u);
  EXPECT_EQ(r.worst[0].col, 1u);
}

TEST(GradCheck, AwayFromKinks) {
  const Mat X = gc::away_from_kinks(Mat{{0.0, 1e-5, -1e-5, 0.5, 1.0005}}, {0, 1}, 1e-3);
  const Mat expected{{1e-3, 1e-3, -1e-3, 0.5, 1.001}};
  EXPECT_TRUE(arma::approx_equal(X, expected, "absdiff", 1e-15));
}

// The synthetic 2-D data sets: shapes, balanced classes, seeds, and the shape
// each one is meant to have.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "nn/data/synthetic.hpp"

using nn::Index;
using nn::Real;
using nn::data::Dataset;

namespace {

using Generator = std::function<Dataset(Index n, Real noise, std::uint64_t seed)>;

struct Named {
  const char* name;
  Generator make;
  Index n_classes;
};

const Named generators[] = {
    {"circle", nn::data::make_circle, 2},
    {"xor", nn::data::make_xor, 2},
    {"gaussian", nn::data::make_gaussian, 2},
    {"spiral",
     [](Index n, Real noise, std::uint64_t seed) { return nn::data::make_spiral(n, noise, seed); },
     2},
    {"spiral3",
     [](Index n, Real noise, std::uint64_t seed) {
       return nn::data::make_spiral(n, noise, seed, 3);
     },
     3},
    {"moons", nn::data::make_moons, 2},
};

arma::vec radius(const Dataset& data) {
  return arma::sqrt(arma::square(data.X.col(0)) + arma::square(data.X.col(1)));
}

}  // namespace

TEST(Synthetic, ShapesBalanceAndSeeds) {
  for (const Named& g : generators) {
    SCOPED_TRACE(g.name);
    const Dataset data = g.make(101, 0.1, 7);
    ASSERT_EQ(data.X.n_rows, 101u);
    ASSERT_EQ(data.X.n_cols, 2u);
    ASSERT_EQ(data.y.n_elem, 101u);
    EXPECT_EQ(data.n_classes(), g.n_classes);
    // 101 samples: each class gets 101 / C, the first 101 % C classes one more.
    for (Index k = 0; k < g.n_classes; ++k)
      EXPECT_EQ(arma::accu(data.y == k), 101 / g.n_classes + (k < 101 % g.n_classes ? 1 : 0));
    EXPECT_TRUE(arma::approx_equal(data.X, g.make(101, 0.1, 7).X, "absdiff", 0))
        << "the same seed must give the same points";
    EXPECT_FALSE(arma::approx_equal(data.X, g.make(101, 0.1, 8).X, "absdiff", 1e-12))
        << "another seed must give other points";
    EXPECT_LT(arma::abs(data.X).max(), 10.0) << "about [-5, 5]^2, like the Playground";
  }
}

TEST(Synthetic, CircleInnerClassLiesInsideTheRing) {
  const Dataset data = nn::data::make_circle(400, 0, 1);
  const arma::vec r = radius(data);
  const arma::vec inner = r.elem(arma::find(data.y == 1));
  const arma::vec outer = r.elem(arma::find(data.y == 0));
  EXPECT_LE(inner.max(), 2.5);
  EXPECT_GE(outer.min(), 3.5);
  EXPECT_LE(outer.max(), 5.0);
}

TEST(Synthetic, XorClassIsTheSignOfTheProduct) {
  const Dataset data = nn::data::make_xor(400, 0, 2);
  for (Index i = 0; i < data.X.n_rows; ++i) {
    const Real x1 = data.X(i, 0), x2 = data.X(i, 1);
    EXPECT_EQ(data.y(i), x1 * x2 > 0 ? 1u : 0u) << "row " << i;
    EXPECT_GE(std::abs(x1), 0.3);  // the padding from the axes
    EXPECT_GE(std::abs(x2), 0.3);
  }
}

TEST(Synthetic, GaussianClustersAreCentredOnTheirMeans) {
  const Dataset data = nn::data::make_gaussian(2000, 0, 3);
  const arma::rowvec mean1 = arma::mean(data.X.rows(arma::find(data.y == 1)), 0);
  const arma::rowvec mean0 = arma::mean(data.X.rows(arma::find(data.y == 0)), 0);
  // 1000 samples of standard deviation 1: the mean's standard error is about 0.03.
  EXPECT_TRUE(arma::approx_equal(mean1, arma::rowvec{2, 2}, "absdiff", 0.15));
  EXPECT_TRUE(arma::approx_equal(mean0, arma::rowvec{-2, -2}, "absdiff", 0.15));
}

TEST(Synthetic, SpiralPointsLieOnTheirArms) {
  // Noise 0: a point at radius r is at u = r / 5 along its arm, so its angle
  // must be t = 1.75 * 2 pi u + 2 pi k / C, i.e. (x1, x2) = (r sin t, r cos t).
  const Index n_classes = 3;
  const Dataset data = nn::data::make_spiral(300, 0, 4, n_classes);
  const arma::vec r = radius(data);
  for (Index i = 0; i < data.X.n_rows; ++i) {
    const Real u = r(i) / 5;
    const Real t = 1.75 * 2 * M_PI * u + 2 * M_PI * static_cast<Real>(data.y(i)) / n_classes;
    EXPECT_NEAR(data.X(i, 0), r(i) * std::sin(t), 1e-9) << "row " << i;
    EXPECT_NEAR(data.X(i, 1), r(i) * std::cos(t), 1e-9) << "row " << i;
  }
  EXPECT_LE(r.max(), 5.0);
}

TEST(Synthetic, MoonsLieOnTheirHalfCircles) {
  // Noise 0: undoing the scaling, class 0 lies on the unit circle around (0, 0)
  // with x2 >= 0, class 1 on the unit circle around (1, 0.5) with x2 <= 0.5.
  const Dataset data = nn::data::make_moons(200, 0, 5);
  for (Index i = 0; i < data.X.n_rows; ++i) {
    const Real x1 = data.X(i, 0) * 3 / 10 + 0.5, x2 = data.X(i, 1) * 3 / 10 + 0.25;
    const Real cx = data.y(i) == 0 ? 0 : 1, cy = data.y(i) == 0 ? 0 : 0.5;
    EXPECT_NEAR(std::hypot(x1 - cx, x2 - cy), 1.0, 1e-9) << "row " << i;
    if (data.y(i) == 0)
      EXPECT_GE(x2, -1e-12);
    else
      EXPECT_LE(x2, 0.5 + 1e-12);
  }
}

TEST(Synthetic, NoiseMovesPointsOffTheirShape) {
  const arma::vec clean = radius(nn::data::make_circle(200, 0, 6));
  const arma::vec noisy = radius(nn::data::make_circle(200, 1.0, 6));
  EXPECT_GT(arma::abs(clean - noisy).max(), 0.5);
}
